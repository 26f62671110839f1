/** Python's `json.dumps` layout (separators, ensure_ascii, indent, sort_keys). */
import { pyFloatRepr } from '../py-str.js';

export interface JsonDumpOptions {
  indent?: number | undefined;
  sortKeys?: boolean;
  ensureAscii?: boolean;
  separators?: [string, string];
}

function str(s: string, ensureAscii: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const c = s.charCodeAt(i);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || (ensureAscii && c > 0x7e)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

export function pyJsonDumps(value: unknown, o: JsonDumpOptions = {}): string {
  const ensureAscii = o.ensureAscii ?? true;
  const indent = o.indent;
  const [itemSep, keySep] = o.separators ?? (indent === undefined ? [', ', ': '] : [',', ': ']);
  const walk = (v: unknown, level: number): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (typeof v === 'number') {
      if (Number.isNaN(v)) return 'NaN';
      if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
      return Number.isInteger(v) && Math.abs(v) < 1e16 ? String(v) : pyFloatRepr(v);
    }
    if (typeof v === 'string') return str(v, ensureAscii);
    const nl = indent === undefined ? '' : `\n${' '.repeat(indent * (level + 1))}`;
    const close = indent === undefined ? '' : `\n${' '.repeat(indent * level)}`;
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[${nl}${v.map((x) => walk(x, level + 1)).join(itemSep + nl)}${close}]`;
    }
    let entries = v instanceof Map ? [...v.entries()].map(([k, x]) => [String(k), x] as const) : Object.entries(v as object);
    if (entries.length === 0) return '{}';
    if (o.sortKeys) entries = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${nl}${entries.map(([k, x]) => `${str(k, ensureAscii)}${keySep}${walk(x, level + 1)}`).join(itemSep + nl)}${close}}`;
  };
  return walk(value, 0);
}
