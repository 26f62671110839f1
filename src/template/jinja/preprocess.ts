/**
 * Rewrites a Copier (Jinja2) template into source minijinja parses with the same meaning:
 * standard delimiters, `{{ x }}` printed with Python's `str()`, Copier's `{% yield %}`,
 * jinja2_time's `{% now %}`, and Python string formatting. Rewrites never add or remove
 * newlines, so line numbers in minijinja's errors still point into the original file.
 */
import { lex, LexError, STANDARD_DELIMITERS, type Delimiters, type Segment } from './lexer.js';
import { rewriteExpression } from './expr.js';

export const UNDEFINED_MARK = '\u0000paved-undefined\u0000';

export interface PreprocessOptions {
  delimiters: Delimiters;
  /** Whether `{% now %}` (jinja2_time / cookiecutter TimeExtension) is enabled. */
  timeTag: boolean;
}

export interface Preprocessed {
  source: string;
  /** The template uses include/import/extends/from, so the loader files must be registered. */
  usesLoader: boolean;
}

export class PreprocessError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const tag = (left: string, body: string, right: string) => `{%${left} ${body} ${right}%}`;

/** `'utc' + 'hours=3'` evaluates in JS as one string `utc+hours=3` the filter parses. */
function nowArgs(args: string): string {
  let depth = 0;
  let out = '';
  for (const m of args.matchAll(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[()[\]{}]|[+-]|[^'"()[\]{}+-]+/g)) {
    const t = m[0];
    if ('([{'.includes(t)) depth++;
    else if (')]}'.includes(t)) depth--;
    out += depth === 0 && (t === '+' || t === '-') ? ` ~ "${t}" ~ ` : t;
  }
  return out;
}

function rewriteBlock(seg: Extract<Segment, { body: string }>, opts: PreprocessOptions, state: Preprocessed): string {
  const body = seg.body.trim();
  const word = /^[A-Za-z_]\w*/.exec(body)?.[0] ?? '';
  const rest = body.slice(word.length);
  switch (word) {
    case 'yield': {
      const m = /^\s+([A-Za-z_]\w*)\s+from\s+([\s\S]+)$/.exec(rest);
      if (!m) throw new PreprocessError("invalid yield tag; expected '{% yield NAME from ITERABLE %}'", seg.line);
      const [, name, iterable] = m;
      return tag(seg.left, `if __paved_yield("${name}", ${rewriteExpression(iterable as string)}, ${name} is defined)`, seg.right);
    }
    case 'endyield':
      return tag(seg.left, 'endif', seg.right);
    case 'now':
      if (!opts.timeTag) break;
      // A filter block keeps `{% now %}` a block tag, so trim_blocks/lstrip_blocks still apply.
      return `${tag(seg.left, `filter __paved_now(${nowArgs(rest.replace(/^\s*,?/, ''))})`, '')}${tag('', 'endfilter', seg.right)}`;
    case 'break':
    case 'continue':
      throw new PreprocessError(
        `{% ${word} %} (jinja2.ext.loopcontrols) is not supported by Paved; use a loop filter such as 'select' or an 'if' inside the loop instead`,
        seg.line,
      );
    case 'include':
    case 'import':
    case 'extends':
    case 'from':
      state.usesLoader = true;
      break;
  }
  return `{%${seg.left}${rewriteExpression(seg.body)}${seg.right}%}`;
}

/** Text may contain the standard delimiters once custom ones are in use; print them literally. */
function escapeText(text: string): string {
  return text.replace(/\{(?=[{%#]|$)/g, '{{ "{" }}');
}

export function preprocess(source: string, opts: PreprocessOptions): Preprocessed {
  const state: Preprocessed = { source: '', usesLoader: false };
  const custom = opts.delimiters !== STANDARD_DELIMITERS;
  let segments: Segment[];
  try {
    // Jinja2 normalises every newline sequence to \n before lexing.
    segments = lex(source.replace(/\r\n?/g, '\n'), opts.delimiters);
  } catch (error) {
    if (error instanceof LexError) throw new PreprocessError(error.message, error.line);
    throw error;
  }
  const out: string[] = [];
  for (const seg of segments) {
    switch (seg.kind) {
      case 'text':
        out.push(custom ? escapeText(seg.text) : seg.text);
        break;
      case 'comment':
        out.push(`{#${seg.left}${seg.body.replace(/[^\n]/g, '')}${seg.right}#}`);
        break;
      case 'raw':
        if (custom && /\{%-?\s*endraw/.test(seg.text)) {
          throw new PreprocessError('a raw block contains a literal {% endraw %}, which Paved cannot keep with custom delimiters', seg.line);
        }
        out.push(`${tag(seg.open[0], 'raw', seg.open[1])}${seg.text}${tag(seg.close[0], 'endraw', seg.close[1])}`);
        break;
      case 'variable':
        out.push(seg.body.trim() === '' ? `{{${seg.left}${seg.body}${seg.right}}}` : printStatement(seg.left, seg.body, seg.right));
        break;
      case 'block':
        out.push(rewriteBlock(seg, opts, state));
        break;
    }
  }
  state.source = out.join('');
  return state;
}

// A plain variable or attribute path: evaluating it twice is free of effects and cheap.
const SIMPLE_PATH = /^\s*[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\d+\]|\['[^'\\]*'\]|\["[^"\\]*"\])*\s*$/;

/**
 * `{{ x }}` prints as Python's `str()` would (`True`, `None`, `['a']`), through the `__py_str`
 * filter. Each filter call crosses from WebAssembly into JavaScript, which costs more than the
 * rest of the print; most printed values are strings already, so a plain path that holds a string
 * is printed directly and only other values take the filter.
 */
function printStatement(left: string, body: string, right: string): string {
  const general = `(${rewriteExpression(body)})|default("${UNDEFINED_MARK}")|__py_str|safe`;
  if (!SIMPLE_PATH.test(body)) return `{{${left} ${general} ${right}}}`;
  const path = body.trim();
  return `{{${left} (${path}|safe if ${path} is string else ${general}) ${right}}}`;
}
