/** Turns minijinja's errors into TemplateErrors that name the template file and line. */
import { TemplateError } from '../../errors.js';

const HINTS: Array<[RegExp, string]> = [
  [/has no method named (append|extend|update|pop|insert|remove|clear|setdefault)/, 'lists and dicts cannot be changed in place in Paved; build a new value, e.g. {% set l = l + [x] %}'],
  [/tried to use % operator on unsupported types string/, "'%' formatting is supported when a string literal is on its left; otherwise use the 'format' filter"],
  [/unknown statement (do|trans)\b/, 'this statement needs a Jinja extension Paved does not support'],
  [/out of fuel/, 'the template ran too long (an endless or huge loop?)'],
];

export interface ErrorSite {
  /** The name minijinja knows the template by → the name to show. */
  displayName: (internal: string) => string | undefined;
  /** Original source lines of the template, for the error excerpt. */
  sourceOf: (displayName: string) => string | undefined;
}

export function toTemplateError(error: unknown, fallbackName: string, site: ErrorSite): TemplateError {
  if (error instanceof TemplateError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const first = raw.split('\n')[0] ?? raw;
  const m = /^(.*?)(?: \(in (.+?):(\d+)\))?$/.exec(first) as RegExpExecArray;
  const what = m[1] ?? first;
  const name = (m[2] && site.displayName(m[2])) ?? fallbackName;
  const line = m[3] ? Number(m[3]) : undefined;
  const hint = HINTS.find(([re]) => re.test(what))?.[1];
  const excerpt = line ? site.sourceOf(name)?.split('\n')[line - 1] : undefined;
  const message =
    `${name}${line ? `:${line}` : ''}: ${what}` + (hint ? ` (${hint})` : '') + (excerpt !== undefined ? `\n  ${line} | ${excerpt.trim().slice(0, 200)}` : '');
  return new TemplateError(message, { template: name, ...(line ? { line } : {}) }, { cause: error });
}
