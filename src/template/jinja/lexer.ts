/**
 * A small Jinja2 lexer that splits a template into text, tags and comments. Paved needs it
 * because minijinja cannot change its delimiters or be extended with tags: custom delimiters,
 * Copier's `{% yield %}`, jinja2_time's `{% now %}` and Python `%` formatting are all handled by
 * rewriting the source into plain minijinja syntax before it is parsed.
 */
export interface Delimiters {
  blockStart: string;
  blockEnd: string;
  variableStart: string;
  variableEnd: string;
  commentStart: string;
  commentEnd: string;
}

export const STANDARD_DELIMITERS: Delimiters = {
  blockStart: '{%',
  blockEnd: '%}',
  variableStart: '{{',
  variableEnd: '}}',
  commentStart: '{#',
  commentEnd: '#}',
};

export type Segment =
  | { kind: 'text'; text: string; line: number }
  /** `left`/`right` are the whitespace modifiers (`-`, `+` or ''); `body` excludes them. */
  | { kind: 'variable' | 'block' | 'comment'; body: string; left: string; right: string; line: number }
  /** Everything between `{% raw %}` and `{% endraw %}`, kept verbatim. */
  | { kind: 'raw'; text: string; open: [string, string]; close: [string, string]; line: number };

export class LexError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Line numbers are asked for in increasing order, so counting resumes where it stopped. */
function lineCounter(source: string): (index: number) => number {
  let at = 0;
  let line = 1;
  return (index) => {
    // Jump from newline to newline (native search) rather than stepping through every character.
    for (let nl = source.indexOf('\n', at); nl !== -1 && nl < index; nl = source.indexOf('\n', at)) {
      line++;
      at = nl + 1;
    }
    if (index > at) at = index;
    return line;
  };
}

/** Index just past the closing quote of the string literal starting at `start`. */
export function skipString(source: string, start: number): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '\\') i += 2;
    else if (ch === quote) return i + 1;
    else i++;
  }
  return -1;
}

/**
 * Finds the end delimiter of a tag body the way Jinja2's lexer does: not inside a string
 * literal, and not while brackets are open (so `{{ {"a": {"b": 1}} }}` is one tag).
 */
function findTagEnd(source: string, from: number, end: string): number {
  let i = from;
  let depth = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === '"' || ch === "'") {
      const next = skipString(source, i);
      if (next < 0) return -1;
      i = next;
      continue;
    }
    if (depth === 0 && source.startsWith(end, i)) return i;
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch) && depth > 0) depth--;
    i++;
  }
  return -1;
}

const RAW_RE = /^\s*raw\s*$/;

export function lex(source: string, d: Delimiters = STANDARD_DELIMITERS): Segment[] {
  const segments: Segment[] = [];
  const starts: Array<[string, 'variable' | 'block' | 'comment']> = [
    [d.variableStart, 'variable'],
    [d.blockStart, 'block'],
    [d.commentStart, 'comment'],
  ];
  // Longest first so that e.g. `{{` wins over a `{` delimiter when one is a prefix of another.
  starts.sort((a, b) => b[0].length - a[0].length);
  const lineAt = lineCounter(source);
  // Text between tags is skipped with one native search for the next possible delimiter start.
  const nextStart = new RegExp(`[${[...new Set(starts.map(([s]) => s[0]))].map((c) => escapeRe(c as string).replace(/[\]^-]/g, '\\$&')).join('')}]`, 'g');
  let pos = 0;
  let line = 1;
  let textStart = 0;
  const flushText = (until: number) => {
    if (until > textStart) segments.push({ kind: 'text', text: source.slice(textStart, until), line: lineAt(textStart) });
  };
  while (pos < source.length) {
    nextStart.lastIndex = pos;
    const candidate = nextStart.exec(source);
    if (!candidate) break;
    pos = candidate.index;
    const hit = starts.find(([s]) => source.startsWith(s, pos));
    if (!hit) {
      pos++;
      continue;
    }
    const [open, kind] = hit;
    flushText(pos);
    line = lineAt(pos);
    let bodyStart = pos + open.length;
    let left = '';
    if (source[bodyStart] === '-' || source[bodyStart] === '+') left = source[bodyStart++] as string;
    const close = kind === 'variable' ? d.variableEnd : kind === 'block' ? d.blockEnd : d.commentEnd;
    const endIdx = kind === 'comment' ? source.indexOf(close, bodyStart) : findTagEnd(source, bodyStart, close);
    if (endIdx < 0) throw new LexError(`unclosed ${kind} tag (missing '${close}')`, line);
    let bodyEnd = endIdx;
    let right = '';
    if (endIdx > bodyStart && (source[endIdx - 1] === '-' || source[endIdx - 1] === '+')) {
      right = source[endIdx - 1] as string;
      bodyEnd--;
    }
    const body = source.slice(bodyStart, bodyEnd);
    pos = endIdx + close.length;
    textStart = pos;
    if (kind === 'block' && RAW_RE.test(body)) {
      const raw = findEndRaw(source, pos, d);
      if (!raw) throw new LexError('unclosed {% raw %} block', line);
      segments.push({ kind: 'raw', text: source.slice(pos, raw.start), open: [left, right], close: raw.mods, line });
      pos = raw.end;
      textStart = pos;
      continue;
    }
    segments.push({ kind, body, left, right, line });
  }
  flushText(source.length);
  return segments;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function findEndRaw(source: string, from: number, d: Delimiters): { start: number; end: number; mods: [string, string] } | undefined {
  const re = new RegExp(`${escapeRe(d.blockStart)}([-+]?)\\s*endraw\\s*([-+]?)${escapeRe(d.blockEnd)}`, 'g');
  re.lastIndex = from;
  const m = re.exec(source);
  if (!m) return undefined;
  return { start: m.index, end: m.index + m[0].length, mods: [m[1] ?? '', m[2] ?? ''] };
}
