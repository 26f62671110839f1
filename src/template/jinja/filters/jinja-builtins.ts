/** Jinja2 built-in filters whose minijinja versions differ in signature or output. */
import { arg, asString, splitArgs } from './args.js';
import { pyJsonDumps } from './json.js';

type Filter = (value: unknown, ...args: unknown[]) => unknown;

// Python's str.splitlines boundaries include these control characters.
// eslint-disable-next-line no-control-regex
const SPLITLINES = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

export const jinjaBuiltinFilters: Record<string, Filter> = {
  /** Jinja2's `indent(width=4, first=False, blank=False)`; `width` may be a string. */
  indent(value, ...rest) {
    const a = splitArgs(rest, ['width', 'first', 'blank']);
    const width = arg<unknown>(a, 0, 'width', 4);
    const indention = typeof width === 'string' ? width : ' '.repeat(Number(width));
    const lines = `${asString(value)}\n`.split(SPLITLINES);
    lines.pop();
    let rv: string;
    if (arg<unknown>(a, 2, 'blank', false) === true) rv = lines.join(`\n${indention}`);
    else {
      rv = lines.shift() ?? '';
      if (lines.length) rv += `\n${lines.map((l) => (l ? indention + l : l)).join('\n')}`;
    }
    return arg<unknown>(a, 1, 'first', false) === true ? indention + rv : rv;
  },
  truncate(value, ...rest) {
    const a = splitArgs(rest, ['length', 'killwords', 'end', 'leeway']);
    const s = asString(value);
    const length = Number(arg(a, 0, 'length', 255));
    const end = asString(arg(a, 2, 'end', '...'));
    const leeway = Number(arg(a, 3, 'leeway', 5));
    if (Array.from(s).length <= length + leeway) return s;
    const head = Array.from(s).slice(0, Math.max(0, length - end.length)).join('');
    if (arg<unknown>(a, 1, 'killwords', false) === true) return head + end;
    const cut = head.lastIndexOf(' ');
    return (cut >= 0 ? head.slice(0, cut) : head) + end;
  },
  /** Jinja2's `tojson`: sorted keys, Python separators, HTML-safe escapes. */
  tojson(value, ...rest) {
    const a = splitArgs(rest, ['indent']);
    const indent = arg<unknown>(a, 0, 'indent', undefined);
    return pyJsonDumps(value, { sortKeys: true, indent: indent === undefined || indent === null ? undefined : Number(indent) })
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026')
      .replace(/'/g, '\\u0027');
  },
};
