/**
 * Tokenises the inside of a Jinja tag and rewrites the Python string formatting minijinja
 * lacks: `'%s-%d' % (a, b)` and `'{}'.format(x)` become calls of Paved's `__py_mod*` and
 * `__py_format` filters. Only forms whose extent is certain are rewritten (a string literal on
 * the left of `%`, a literal, name chain or parenthesised receiver of `.format`); anything else
 * is left alone and minijinja reports it.
 */
import { skipString } from './lexer.js';

export interface Token {
  type: 'str' | 'name' | 'num' | 'op' | 'ws';
  text: string;
}

const OPS = ['**', '//', '==', '!=', '<=', '>=', '(', ')', '[', ']', '{', '}', '.', ',', ':', '|', '+', '-', '*', '/', '%', '~', '<', '>', '=', '!'];

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    let m: RegExpExecArray | null;
    if (ch === '"' || ch === "'") {
      const end = skipString(src, i);
      const stop = end < 0 ? src.length : end;
      out.push({ type: 'str', text: src.slice(i, stop) });
      i = stop;
    } else if ((m = /^\s+/.exec(src.slice(i, i + 64)))) {
      out.push({ type: 'ws', text: m[0] });
      i += m[0].length;
    } else if ((m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i)))) {
      out.push({ type: 'name', text: m[0] });
      i += m[0].length;
    } else if ((m = /^\d[\d_]*(\.\d[\d_]*)?([eE][+-]?\d+)?/.exec(src.slice(i)))) {
      out.push({ type: 'num', text: m[0] });
      i += m[0].length;
    } else {
      const op = OPS.find((o) => src.startsWith(o, i)) ?? ch;
      out.push({ type: 'op', text: op });
      i += op.length;
    }
  }
  return out;
}

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Index of the bracket closing the one at `open`, or -1. */
function matchClose(t: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < t.length; i++) {
    const x = t[i] as Token;
    if (x.type !== 'op') continue;
    if (x.text in OPEN) depth++;
    else if (x.text === ')' || x.text === ']' || x.text === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function matchOpen(t: Token[], close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    const x = t[i] as Token;
    if (x.type !== 'op') continue;
    if (x.text === ')' || x.text === ']' || x.text === '}') depth++;
    else if (x.text in OPEN) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function prevSig(t: Token[], i: number): number {
  let j = i - 1;
  while (j >= 0 && t[j]?.type === 'ws') j--;
  return j;
}

function nextSig(t: Token[], i: number): number {
  let j = i + 1;
  while (j < t.length && t[j]?.type === 'ws') j++;
  return j;
}

const isOp = (t: Token | undefined, text: string) => t?.type === 'op' && t.text === text;
const text = (t: Token[], from: number, to: number) => t.slice(from, to + 1).map((x) => x.text).join('');

/** End index (inclusive) of a postfix chain (`.a`, `[b]`, `(c)`, `|f(d)`) starting after `i`. */
function postfixEnd(t: Token[], i: number, withFilters: boolean): number {
  let end = i;
  for (;;) {
    const j = nextSig(t, end);
    const x = t[j];
    if (isOp(x, '.') && t[nextSig(t, j)]?.type === 'name') end = nextSig(t, j);
    else if (isOp(x, '[') || isOp(x, '(')) {
      const c = matchClose(t, j);
      if (c < 0) return end;
      end = c;
    } else if (withFilters && isOp(x, '|') && t[nextSig(t, j)]?.type === 'name') end = nextSig(t, j);
    else return end;
  }
}

/** Start index of the receiver of `.format` whose dot is at `dot`, or -1. */
function receiverStart(t: Token[], dot: number): number {
  let j = prevSig(t, dot);
  const x = t[j];
  if (x?.type === 'str') return j;
  if (isOp(x, ')')) return matchOpen(t, j);
  if (x?.type !== 'name') return -1;
  while (isOp(t[prevSig(t, j)], '.') && t[prevSig(t, prevSig(t, j))]?.type === 'name') j = prevSig(t, prevSig(t, j));
  return j;
}

function rewriteFormatCall(t: Token[]): boolean {
  for (let i = 0; i < t.length; i++) {
    if (!isOp(t[i], '.') || t[nextSig(t, i)]?.text !== 'format') continue;
    const paren = nextSig(t, nextSig(t, i));
    if (!isOp(t[paren], '(')) continue;
    const start = receiverStart(t, i);
    const close = matchClose(t, paren);
    if (start < 0 || close < 0) continue;
    const args = text(t, paren + 1, close - 1).trim();
    const replacement = `((${text(t, start, i - 1)})|__py_format(${args}${args ? ', ' : ''}__paved_kw=true))`;
    t.splice(start, close - start + 1, ...tokenize(replacement));
    return true;
  }
  return false;
}

function hasTopLevelComma(t: Token[], open: number, close: number): boolean {
  let depth = 0;
  for (let i = open + 1; i < close; i++) {
    const x = t[i] as Token;
    if (x.type !== 'op') continue;
    if (x.text in OPEN) depth++;
    else if (x.text === ')' || x.text === ']' || x.text === '}') depth--;
    else if (x.text === ',' && depth === 0) return true;
  }
  return false;
}

function rewritePercent(t: Token[]): boolean {
  for (let i = 0; i < t.length; i++) {
    if (!isOp(t[i], '%')) continue;
    const lit = prevSig(t, i);
    if (t[lit]?.type !== 'str') continue;
    let r = nextSig(t, i);
    const first = r;
    while (isOp(t[r], '-') || isOp(t[r], '+') || t[r]?.text === 'not') r = nextSig(t, r);
    const x = t[r];
    if (!x || x.type === 'op' && !(x.text in OPEN)) continue;
    const primaryEnd = x.type === 'op' ? matchClose(t, r) : r;
    if (primaryEnd < 0) continue;
    const end = postfixEnd(t, primaryEnd, true);
    const fmt = t[lit]?.text as string;
    let replacement: string;
    if (isOp(x, '(') && end === primaryEnd && first === r && hasTopLevelComma(t, r, primaryEnd)) {
      const inner = text(t, r + 1, primaryEnd - 1).trim().replace(/,$/, '');
      replacement = `(${fmt}|__py_mod_tuple(${inner}))`;
    } else {
      replacement = `(${fmt}|__py_mod(${text(t, first, end)}))`;
    }
    t.splice(lit, end - lit + 1, ...tokenize(replacement));
    return true;
  }
  return false;
}

/** Rewrites Python string formatting in an expression; returns the source unchanged when none. */
export function rewriteExpression(src: string): string {
  if (!src.includes('%') && !src.includes('format')) return src;
  const t = tokenize(src);
  let changed = false;
  // Each pass removes one `.format(`/`%` occurrence, so this terminates.
  for (let guard = 0; guard < 1000 && (rewriteFormatCall(t) || rewritePercent(t)); guard++) changed = true;
  return changed ? t.map((x) => x.text).join('') : src;
}
