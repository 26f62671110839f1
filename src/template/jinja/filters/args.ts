/**
 * minijinja-js hands keyword arguments to JS filters as a trailing Map, which looks exactly
 * like a positional dict. Filters say which keyword names they accept, and a trailing Map is
 * taken as keywords only when all its keys are among them.
 */
import { TemplateError } from '../../../errors.js';

export interface Args {
  positional: unknown[];
  kw: Map<string, unknown>;
}

export const KW_MARKER = '__paved_kw';

export function splitArgs(args: unknown[], keywords: readonly string[]): Args {
  const last = args[args.length - 1];
  if (last instanceof Map && last.size > 0 && [...last.keys()].every((k) => k === KW_MARKER || keywords.includes(String(k)))) {
    const kw = new Map(last as Map<string, unknown>);
    kw.delete(KW_MARKER);
    return { positional: args.slice(0, -1), kw };
  }
  return { positional: args, kw: new Map() };
}

/** Positional argument `i`, else keyword `name`, else `fallback`. */
export function arg<T>(a: Args, i: number, name: string, fallback: T): T {
  if (a.positional.length > i && a.positional[i] !== undefined) return a.positional[i] as T;
  return a.kw.has(name) ? (a.kw.get(name) as T) : fallback;
}

export function filterError(filter: string, message: string): TemplateError {
  return new TemplateError(`filter '${filter}': ${message}`);
}

export function asString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  return String(v);
}
