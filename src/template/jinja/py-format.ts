/** Python `%` formatting and `str.format` for plain values (what templates use them for). */
import { TemplateError } from '../../errors.js';
import { pyRepr, pyStr, pyFloatRepr } from './py-str.js';

function fail(msg: string): never {
  throw new TemplateError(`string formatting: ${msg}`);
}

function pad(s: string, flags: string, width: number, numeric: boolean): string {
  if (s.length >= width) return s;
  if (flags.includes('-')) return s.padEnd(width);
  if (numeric && flags.includes('0')) {
    const sign = /^[-+ ]/.test(s) ? (s[0] as string) : '';
    return sign + s.slice(sign.length).padStart(width - sign.length, '0');
  }
  return s.padStart(width);
}

function toNumber(v: unknown, conv: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return fail(`%${conv} format: a real number is required, not ${typeof v === 'string' ? 'str' : typeof v}`);
}

function signed(s: string, n: number, flags: string): string {
  if (n < 0 || Object.is(n, -0)) return s;
  if (flags.includes('+')) return `+${s}`;
  if (flags.includes(' ')) return ` ${s}`;
  return s;
}

function convert(conv: string, v: unknown, flags: string, precision: number | undefined): string {
  switch (conv) {
    case 's':
      return precision === undefined ? pyStr(v) : pyStr(v).slice(0, precision);
    case 'r':
    case 'a':
      return pyRepr(v);
    case 'd':
    case 'i':
    case 'u': {
      const n = Math.trunc(toNumber(v, conv));
      return signed(String(Math.abs(n)), n, flags).replace(/^/, n < 0 ? '-' : '');
    }
    case 'f':
    case 'F': {
      const n = toNumber(v, conv);
      return signed(n.toFixed(precision ?? 6), n, flags);
    }
    case 'e':
    case 'E': {
      const n = toNumber(v, conv);
      const s = n.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      return signed(conv === 'E' ? s.toUpperCase() : s, n, flags);
    }
    case 'g':
    case 'G': {
      const n = toNumber(v, conv);
      const s = Number(n.toPrecision(precision || 6));
      const out = Math.abs(s) >= 1e16 || (s !== 0 && Math.abs(s) < 1e-4) ? pyFloatRepr(s) : String(s);
      return signed(conv === 'G' ? out.toUpperCase() : out, n, flags);
    }
    case 'x':
    case 'X':
    case 'o': {
      const n = Math.trunc(toNumber(v, conv));
      let s = Math.abs(n).toString(conv === 'o' ? 8 : 16);
      if (flags.includes('#')) s = (conv === 'o' ? '0o' : '0x') + s;
      if (conv === 'X') s = s.toUpperCase();
      return n < 0 ? `-${s}` : signed(s, n, flags);
    }
    case 'c':
      return typeof v === 'number' ? String.fromCodePoint(v) : pyStr(v);
    default:
      return fail(`unsupported format character '${conv}'`);
  }
}

const SPEC = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([a-zA-Z%])/g;

/** `fmt % args` where `args` are the tuple items, or one value (a Map formats by name). */
export function percentFormat(fmt: string, args: unknown[], single: boolean): string {
  const mapping = single && args[0] instanceof Map ? (args[0] as Map<unknown, unknown>) : undefined;
  const values = single && !mapping ? [args[0]] : args;
  let next = 0;
  const take = () => (next < values.length ? values[next++] : fail('not enough arguments for format string'));
  const out = fmt.replace(SPEC, (_m, key: string | undefined, flags: string, width?: string, prec?: string, conv?: string) => {
    if (conv === '%') return '%';
    const w = width === '*' ? Number(take()) : width ? Number(width) : 0;
    const p = prec === '*' ? Number(take()) : prec !== undefined ? Number(prec) : undefined;
    let v: unknown;
    if (key !== undefined) {
      if (!mapping) fail('format requires a mapping');
      if (!mapping.has(key)) fail(`missing key '${key}'`);
      v = mapping.get(key);
    } else v = mapping ?? take();
    const numeric = !'srac'.includes(conv as string);
    return pad(convert(conv as string, v, flags, p), flags, w, numeric);
  });
  if (!mapping && next < values.length) fail('not all arguments converted during string formatting');
  return out;
}
