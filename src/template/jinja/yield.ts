/**
 * Copier's `{% yield NAME from ITERABLE %}…{% endyield %}` in file and folder names. The
 * preprocessor turns the tag into `{% if __paved_yield("NAME", ITERABLE, NAME is defined) %}`;
 * the global records what it saw, and `expandYield` renders the name once per item.
 */
import { TemplateError } from '../../errors.js';
import { toPlain } from './py-str.js';
import type { JinjaContext } from './types.js';

export interface YieldCapture {
  name: string;
  iterable: unknown;
  /** Whether the variable was already bound (a file inside a yielded folder). */
  defined: boolean;
}

export class YieldRecorder {
  captured: YieldCapture[] = [];

  /** The template-side function; returns whether the yield body should render. */
  readonly global = (name: unknown, iterable: unknown, defined: unknown): boolean => {
    this.captured.push({ name: String(name), iterable, defined: defined === true });
    return defined === true;
  };
}

function items(iterable: unknown): unknown[] {
  if (Array.isArray(iterable)) return iterable;
  if (iterable instanceof Map) return [...iterable.keys()];
  if (typeof iterable === 'string') return Array.from(iterable);
  if (iterable === undefined || iterable === null) return [];
  if (typeof iterable === 'object') return Object.keys(iterable);
  throw new TemplateError(`yield: cannot iterate over ${typeof iterable}`);
}

export function expandYield(
  captured: YieldCapture[],
  name: string,
  renderWith: (extra: JinjaContext) => string,
): Array<{ path: string; extra: JinjaContext }> {
  if (captured.length > 1) {
    throw new TemplateError(
      `${name}: only one {% yield %} tag is allowed per path name, found ${captured.length} ('${captured.map((c) => c.name).join("', '")}')`,
      { template: name },
    );
  }
  const [yielded] = captured as [YieldCapture];
  return items(yielded.iterable).map((item) => {
    const extra = { [yielded.name]: toPlain(item) };
    return { path: renderWith(extra), extra };
  });
}
