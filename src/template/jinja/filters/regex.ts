/** Ansible's regex filters, translating Python `re` syntax to JS where the meaning is the same. */
import { arg, asString, filterError, splitArgs } from './args.js';

type Filter = (value: unknown, ...args: unknown[]) => unknown;

export function pythonRegex(filter: string, pattern: string, flags: string): RegExp {
  let src = pattern;
  let f = flags;
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (inline) {
    src = src.slice(inline[0].length);
    for (const c of inline[1] as string) {
      if (c === 'x' || c === 'L') throw filterError(filter, `inline flag (?${c}) is not supported`);
      if ('ims'.includes(c) && !f.includes(c)) f += c;
    }
  }
  src = src
    .replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$(?![\\s\\S])');
  try {
    return new RegExp(src, f.includes('u') ? f : `${f}u`);
  } catch {
    try {
      return new RegExp(src, f.replace('u', ''));
    } catch (error) {
      throw filterError(filter, `invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`);
    }
  }
}

/** Python `re.sub` replacement (`\1`, `\g<1>`, `\g<name>`, `\n`) → a JS replacer. */
function pythonReplacement(repl: string): (match: string, ...rest: unknown[]) => string {
  return (match, ...rest) => {
    const groupsObj = typeof rest[rest.length - 1] === 'object' ? (rest.pop() as Record<string, string | undefined>) : undefined;
    rest.pop(); // whole string
    rest.pop(); // offset
    const groups = [match, ...(rest as Array<string | undefined>)];
    return repl.replace(/\\(?:g<([^>]+)>|(\d{1,2})|([ntr\\]))/g, (_all, g?: string, n?: string, esc?: string) => {
      if (esc) return esc === 'n' ? '\n' : esc === 't' ? '\t' : esc === 'r' ? '\r' : '\\';
      const key = g ?? (n as string);
      const v = /^\d+$/.test(key) ? groups[Number(key)] : groupsObj?.[key];
      return v ?? '';
    });
  };
}

function flagsFrom(a: ReturnType<typeof splitArgs>, first: number): string {
  let flags = '';
  if (arg(a, first, 'ignorecase', false)) flags += 'i';
  if (arg(a, first + 1, 'multiline', false)) flags += 'm';
  return flags;
}

export const regexFilters: Record<string, Filter> = {
  regex_replace(value, ...rest) {
    const a = splitArgs(rest, ['pattern', 'replacement', 'ignorecase', 'multiline', 'count', 'mandatory_count']);
    const re = pythonRegex('regex_replace', asString(arg(a, 0, 'pattern', '')), `g${flagsFrom(a, 2)}`);
    const count = Number(arg(a, 4, 'count', 0));
    let n = 0;
    const replace = pythonReplacement(asString(arg(a, 1, 'replacement', '')));
    return asString(value).replace(re, (...m: unknown[]) => (count && n++ >= count ? (m[0] as string) : replace(...(m as [string, ...unknown[]]))));
  },
  regex_search(value, ...rest) {
    const a = splitArgs(rest, ['ignorecase', 'multiline']);
    const re = pythonRegex('regex_search', asString(a.positional[0]), flagsFrom({ positional: [], kw: a.kw }, 0));
    const m = re.exec(asString(value));
    if (!m) return undefined;
    const wanted = a.positional.slice(1).map(asString);
    if (wanted.length === 0) return m[0];
    return wanted.map((w) => {
      const g = /^\\(?:g<([^>]+)>|(\d+))$/.exec(w);
      if (!g) throw filterError('regex_search', `unknown argument ${JSON.stringify(w)}; expected '\\\\1' or '\\\\g<name>'`);
      return g[1] !== undefined && !/^\d+$/.test(g[1]) ? m.groups?.[g[1]] : m[Number(g[1] ?? g[2])];
    });
  },
  regex_findall(value, ...rest) {
    const a = splitArgs(rest, ['multiline', 'ignorecase']);
    const flags = `g${arg(a, 2, 'ignorecase', false) ? 'i' : ''}${arg(a, 1, 'multiline', false) ? 'm' : ''}`;
    const re = pythonRegex('regex_findall', asString(a.positional[0]), flags);
    return [...asString(value).matchAll(re)].map((m) => (m.length === 1 ? m[0] : m.length === 2 ? (m[1] ?? '') : m.slice(1).map((x) => x ?? '')));
  },
  regex_escape(value, ...rest) {
    const type = asString(rest[0] ?? 'python');
    const s = asString(value);
    if (type === 'posix_basic') return s.replace(/[.[\]\\*^$]/g, '\\$&');
    // Python 3.7+ re.escape escapes exactly these characters.
    return s.replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, (c) => `\\${c}`);
  },
};
