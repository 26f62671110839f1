/**
 * Filters behind Paved's source rewrites (`{{ x }}` printing, `%` and `.format`) and the
 * Jinja2 built-ins minijinja lacks.
 */
import { UNDEFINED_MARK } from '../preprocess.js';
import { percentFormat } from '../py-format.js';
import { pyStr } from '../py-str.js';
import { strFormat } from '../py-str-format.js';
import { strftime } from '../strftime.js';
import { asString, filterError, KW_MARKER } from './args.js';

type Filter = (value: unknown, ...args: unknown[]) => unknown;

function formatArgs(args: unknown[]): { positional: unknown[]; named: Map<string, unknown> } {
  const last = args[args.length - 1];
  if (last instanceof Map && last.has(KW_MARKER)) {
    const named = new Map(last as Map<string, unknown>);
    named.delete(KW_MARKER);
    return { positional: args.slice(0, -1), named };
  }
  return { positional: args, named: new Map() };
}

/** jinja2_time: `'utc'`, `'local'`, optionally `+hours=2,minutes=5` offsets. */
function now(spec: string, format: string | undefined): string {
  const m = /^\s*(\w[\w/+-]*?)\s*(?:([+-])\s*(.*))?$/.exec(spec);
  if (!m) throw filterError('now', `invalid timezone ${JSON.stringify(spec)}`);
  const tz = (m[1] as string).toLowerCase();
  if (tz !== 'utc' && tz !== 'local') throw filterError('now', `timezone '${m[1]}' is not supported; use 'utc' or 'local'`);
  let ms = Date.now();
  if (m[3]) {
    const units: Record<string, number> = { weeks: 604_800_000, days: 86_400_000, hours: 3_600_000, minutes: 60_000, seconds: 1000, microseconds: 0.001 };
    for (const part of m[3].split(',')) {
      const [unit, value] = part.split('=').map((x) => x.trim());
      const size = units[unit ?? ''];
      if (size === undefined || value === undefined || Number.isNaN(Number(value))) throw filterError('now', `invalid offset '${part}'`);
      ms += (m[2] === '-' ? -1 : 1) * Number(value) * size;
    }
  }
  return strftime(new Date(ms), format ?? '%Y-%m-%d', tz === 'utc');
}

export const pythonFilters: Record<string, Filter> = {
  __py_str: (v) => (v === UNDEFINED_MARK ? '' : pyStr(v)),
  __py_mod: (fmt, v) => percentFormat(asString(fmt), [v], true),
  __py_mod_tuple: (fmt, ...args) => percentFormat(asString(fmt), args, false),
  __py_format(fmt, ...args) {
    const { positional, named } = formatArgs(args);
    return strFormat(asString(fmt), positional, named);
  },
  __paved_now: (_body, spec, format) => now(asString(spec), format === undefined ? undefined : asString(format)),
  /** Jinja2's `format` filter is `%` formatting: `"%s-%s"|format(a, b)`. */
  format(fmt, ...args) {
    const last = args[args.length - 1];
    if (last instanceof Map && args.length === 1) return percentFormat(asString(fmt), [last], true);
    return percentFormat(asString(fmt), args, false);
  },
  center(v, width) {
    const s = asString(v);
    const w = Number(width ?? 80);
    if (s.length >= w) return s;
    // CPython's str.center puts the extra space on the left when the string length is odd.
    const total = w - s.length;
    const left = Math.floor(total / 2) + (total & w & 1);
    return ' '.repeat(left) + s + ' '.repeat(total - left);
  },
  wordcount: (v) => (asString(v).match(/\w+/gu) ?? []).length,
  urlencode(v) {
    const enc = (s: unknown) => encodeURIComponent(asString(s)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%2F/g, '/');
    if (v instanceof Map) return [...v.entries()].map(([k, x]) => `${enc(k).replace(/\//g, '%2F')}=${enc(x).replace(/\//g, '%2F')}`).join('&');
    return enc(v);
  },
};
