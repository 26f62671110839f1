/** Python `str.format` with the common format-spec mini-language. */
import { TemplateError } from '../../errors.js';
import { pyRepr, pyStr } from './py-str.js';

function fail(msg: string): never {
  throw new TemplateError(`str.format: ${msg}`);
}

const SPEC = /^(?:(.)?([<>^=]))?([-+ ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

function group(intPart: string, sep: string | undefined): string {
  return sep ? intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep) : intPart;
}

export function formatSpec(v: unknown, spec: string): string {
  const m = SPEC.exec(spec);
  if (!m) return fail(`invalid format spec '${spec}'`);
  const [, fillCh, alignCh, sign, , zero, widthS, sep, precS, type] = m;
  const isNum = typeof v === 'number' || typeof v === 'boolean';
  const prec = precS !== undefined ? Number(precS) : undefined;
  let s: string;
  if (!type || type === 's') {
    if (type === 's' && isNum) fail(`unknown format code 's' for a number`);
    s = isNum && !type ? formatNumber(Number(v), undefined, prec, sep) : pyStr(v);
    if (!isNum && prec !== undefined) s = s.slice(0, prec);
  } else {
    if (!isNum) fail(`unknown format code '${type}' for a string`);
    s = formatNumber(Number(v), type, prec, sep);
  }
  if (isNum && Number(v) >= 0 && (sign === '+' || sign === ' ')) s = sign + s;
  const width = widthS ? Number(widthS) : 0;
  const fill = fillCh ?? (zero && !alignCh ? '0' : ' ');
  const align = alignCh ?? (zero ? '=' : isNum ? '>' : '<');
  if (s.length >= width) return s;
  const gap = width - s.length;
  if (align === '<') return s + fill.repeat(gap);
  if (align === '>') return fill.repeat(gap) + s;
  if (align === '^') return fill.repeat(Math.floor(gap / 2)) + s + fill.repeat(Math.ceil(gap / 2));
  const signCh = /^[-+ ]/.test(s) ? (s[0] as string) : '';
  return signCh + fill.repeat(gap) + s.slice(signCh.length);
}

function formatNumber(n: number, type: string | undefined, prec: number | undefined, sep: string | undefined): string {
  let s: string;
  switch (type) {
    case undefined:
    case 'd':
    case 'n':
      s = prec !== undefined && !Number.isInteger(n) ? Number(n.toPrecision(prec)).toString() : String(type ? Math.trunc(n) : n);
      break;
    case 'f':
    case 'F':
      s = n.toFixed(prec ?? 6);
      break;
    case '%':
      return `${(n * 100).toFixed(prec ?? 6)}%`;
    case 'e':
    case 'E':
      s = n.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      return type === 'E' ? s.toUpperCase() : s;
    case 'g':
    case 'G':
      s = String(Number(n.toPrecision(prec || 6)));
      return type === 'G' ? s.toUpperCase() : s;
    case 'x':
    case 'X':
      s = Math.trunc(n).toString(16);
      return type === 'X' ? s.toUpperCase() : s;
    case 'o':
      return Math.trunc(n).toString(8);
    case 'b':
      return Math.trunc(n).toString(2);
    case 'c':
      return String.fromCodePoint(n);
    default:
      return fail(`unknown format code '${type}'`);
  }
  const [intPart, frac] = s.split('.');
  return group(intPart as string, sep) + (frac !== undefined ? `.${frac}` : '');
}

function lookup(field: string, positional: unknown[], named: Map<string, unknown>, auto: { i: number }): unknown {
  const m = /^([^.[]*)(.*)$/.exec(field) as RegExpExecArray;
  const head = m[1] as string;
  let v: unknown;
  if (head === '') v = auto.i < positional.length ? positional[auto.i++] : fail('replacement index out of range');
  else if (/^\d+$/.test(head)) v = Number(head) < positional.length ? positional[Number(head)] : fail(`replacement index ${head} out of range`);
  else v = named.has(head) ? named.get(head) : fail(`missing named argument '${head}'`);
  for (const [, attr, key] of (m[2] as string).matchAll(/\.(\w+)|\[([^\]]*)\]/g)) {
    const k = attr ?? (key as string);
    if (v instanceof Map) v = v.get(k);
    else if (Array.isArray(v) && /^\d+$/.test(k)) v = v[Number(k)];
    else fail(`cannot look up '${k}'`);
  }
  return v;
}

export function strFormat(fmt: string, positional: unknown[], named: Map<string, unknown>): string {
  const auto = { i: 0 };
  return fmt.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (all, inner: string | undefined) => {
    if (all === '{{') return '{';
    if (all === '}}') return '}';
    const m = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/.exec(inner as string);
    if (!m) return fail(`invalid field '${all}'`);
    const v = lookup(m[1] as string, positional, named, auto);
    const converted = m[2] === 'r' || m[2] === 'a' ? pyRepr(v) : m[2] === 's' ? pyStr(v) : v;
    return formatSpec(converted, m[3] ?? '');
  });
}
