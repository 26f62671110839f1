/**
 * The conventional-commit grammar of `@conventional-commits/parser` 0.4 (what release-please 17
 * parses with), ported to plain string scanning: the original builds a unist tree character by
 * character and costs ~70 µs a commit, which alone would be 6× `git log` on a large history.
 *
 * The port keeps the original's exact behaviour, quirks included (a body line `BREAKING CHANGES:`
 * loses its first 15 characters; `word(unclosed` on any line makes the whole message
 * unparseable), because release-please's versions and changelogs depend on them. It handles
 * `\n`, space and tab; `fits` says when a message needs the original (CR, exotic whitespace).
 */

export type Node =
  | { type: 'message' | 'summary' | 'body' | 'footer' | 'token' | 'value' | 'continuation'; children: Node[] }
  | { type: 'type' | 'scope' | 'breaking-change' | 'separator' | 'whitespace' | 'text' | 'newline'; value: string };

export class GrammarError extends Error {}

/** Whether the port parses `message` exactly as the original: only LF newlines, only space and tab as whitespace. */
export function fits(message: string): boolean {
  // The original's other whitespace (VT, FF, NBSP, ZWNBSP) and CR newlines.
  for (const c of ['\r', '\u000b', '\u000c', '\u00a0', '\ufeff']) if (message.includes(c)) return false;
  return true;
}

const isWhitespace = (c: string) => c === ' ' || c === '\t';

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}
  eof(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string {
    return this.text.charAt(this.pos);
  }
  startsWith(literal: string): boolean {
    return this.text.startsWith(literal, this.pos);
  }
  /** Consumes characters while `accept` holds; returns them. */
  take(accept: (c: string) => boolean): string {
    const start = this.pos;
    while (this.pos < this.text.length && accept(this.text.charAt(this.pos))) this.pos++;
    return this.text.slice(start, this.pos);
  }
  /** The rest of the line. */
  line(): string {
    const end = this.text.indexOf('\n', this.pos);
    const stop = end === -1 ? this.text.length : end;
    const value = this.text.slice(this.pos, stop);
    this.pos = stop;
    return value;
  }
}

// A failed alternative; the original returns Error objects and rewinds, this returns undefined.
type Result<T> = T | undefined;

/** <message> ::= <summary> (<newline>+ <body>)? (<newline>+ <footer>)* ; throws GrammarError when the summary is not conventional. */
export function parseMessage(commitText: string): Node {
  const s = new Scanner(commitText.trim());
  const children: Node[] = [];
  const sum = summary(s);
  if (!sum) throw new GrammarError('not a conventional commit summary');
  children.push(sum);
  if (s.eof()) return { type: 'message', children };
  const nl = newline(s);
  if (!nl) throw new GrammarError('expected a newline');
  children.push(nl);
  const b = body(s);
  if (b) children.push(b);
  if (s.eof()) return { type: 'message', children };
  if (b) {
    const nl2 = newline(s);
    if (!nl2) throw new GrammarError('expected a newline');
    children.push(nl2);
  }
  while (!s.eof()) {
    const f = footer(s);
    if (!f) break;
    children.push(f);
    const nl3 = newline(s);
    if (!nl3) break;
    children.push(nl3);
  }
  return { type: 'message', children };
}

function summary(s: Scanner): Result<Node> {
  const start = s.pos;
  const children: Node[] = [];
  const t = type(s);
  if (!t) return undefined;
  children.push(t);
  const sc = scope(s);
  if (sc) children.push(sc);
  const b = breakingChange(s, true);
  if (b) children.push(b);
  const sep = separator(s);
  if (!sep) {
    s.pos = start;
    return undefined;
  }
  children.push(sep);
  const ws = whitespace(s);
  if (ws) children.push(ws);
  children.push({ type: 'text', value: s.line() });
  return { type: 'summary', children };
}

function type(s: Scanner): Result<Node> {
  const value = s.take((c) => c !== '(' && c !== ')' && !isWhitespace(c) && c !== '\n' && c !== '!' && c !== ':');
  return value === '' ? undefined : { type: 'type', value };
}

/** "(" <scope> ")": throws (as the original does) when the parenthesis is not closed on the line. */
function scope(s: Scanner): Result<Node> {
  if (s.peek() !== '(') return undefined;
  s.pos++;
  const start = s.pos;
  const value = s.take((c) => c !== '(' && c !== ')' && c !== '\n');
  if (s.peek() !== ')') throw new GrammarError('unclosed scope');
  s.pos++;
  if (value === '') {
    // The original rewinds to just after "(", leaving ")" for the next rule to trip on.
    s.pos = start;
    return undefined;
  }
  return { type: 'scope', value };
}

function body(s: Scanner): Result<Node> {
  const children: Node[] = [];
  // The original recurses once per line (and rewinds the newline when the rest is footers);
  // a loop does the same without its stack depth.
  for (;;) {
    if (preFooter(s)) {
      if (children.length === 0) return undefined;
      // Undo the newline consumed before this line.
      const nl = children.pop() as { value: string };
      s.pos -= nl.value.length;
      break;
    }
    const bcStart = s.pos;
    const b = breakingChange(s, false);
    if (b && s.peek() === ':') {
      children.push(b, separator(s)!);
      const w = whitespace(s);
      if (w) children.push(w);
    } else if (!b) s.pos = bcStart;
    children.push({ type: 'text', value: s.line() });
    const nl = newline(s);
    if (!nl) break;
    children.push(nl);
  }
  return { type: 'body', children };
}

/** Whether the rest of the message is footers only; never moves the scanner. */
function preFooter(s: Scanner): boolean {
  const start = s.pos;
  let ok = true;
  while (!s.eof()) {
    newline(s);
    if (!footer(s)) {
      ok = false;
      break;
    }
  }
  s.pos = start;
  return ok;
}

function footer(s: Scanner): Result<Node> {
  const start = s.pos;
  const t = token(s);
  if (!t) return undefined;
  const sep = separator(s);
  if (!sep) {
    s.pos = start;
    return undefined;
  }
  const children: Node[] = [t, sep];
  const ws = whitespace(s);
  if (ws) children.push(ws);
  children.push(value(s));
  return { type: 'footer', children };
}

function token(s: Scanner): Result<Node> {
  const b = breakingChange(s, true);
  if (b) return { type: 'token', children: [b] };
  const t = type(s);
  if (!t) return undefined;
  const children: Node[] = [t];
  const sc = scope(s);
  if (sc) children.push(sc);
  const bang = breakingChange(s, true);
  if (bang) children.push(bang);
  return { type: 'token', children };
}

function breakingChange(s: Scanner, allowBang: boolean): Result<Node> {
  if (allowBang && s.peek() === '!') {
    s.pos++;
    return { type: 'breaking-change', value: '!' };
  }
  if (s.startsWith('BREAKING CHANGE') || s.startsWith('BREAKING-CHANGE')) {
    const value = s.text.slice(s.pos, s.pos + 15);
    s.pos += 15;
    return { type: 'breaking-change', value };
  }
  return undefined;
}

function value(s: Scanner): Node {
  const children: Node[] = [{ type: 'text', value: s.line() }];
  for (;;) {
    const start = s.pos;
    const nl = newline(s);
    if (!nl) break;
    const ws = whitespace(s);
    if (!ws) {
      s.pos = start;
      break;
    }
    children.push({ type: 'continuation', children: [nl, ws, { type: 'text', value: s.line() }] });
  }
  return { type: 'value', children };
}

function separator(s: Scanner): Result<Node> {
  if (s.peek() === ':') {
    s.pos++;
    return { type: 'separator', value: ':' };
  }
  if (s.peek() === ' ' && s.text.charAt(s.pos + 1) === '#') {
    s.pos += 2;
    return { type: 'separator', value: ' #' };
  }
  return undefined;
}

function whitespace(s: Scanner): Result<Node> {
  const value = s.take(isWhitespace);
  return value === '' ? undefined : { type: 'whitespace', value };
}

function newline(s: Scanner): Result<Node> {
  const value = s.take((c) => c === '\n');
  return value === '' ? undefined : { type: 'newline', value };
}
