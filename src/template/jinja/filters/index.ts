/**
 * The one registry of filters Paved adds to minijinja. Every filter result passes through
 * `toTemplateValue`, so only plain data (never a JS function, class instance or Map, which
 * minijinja would expose or mis-render) reaches a template.
 */
import type { Environment } from 'minijinja-js';
import { TemplateError } from '../../../errors.js';
import type { ExtensionFeatures } from '../extensions.js';
import { cookiecutterFilters, cookiecutterGlobals } from './cookiecutter.js';
import { dataFilters } from './data.js';
import { jinjaBuiltinFilters } from './jinja-builtins.js';
import { pythonFilters } from './python.js';
import { regexFilters } from './regex.js';
import { refusedFilters, textFilters } from './text.js';

type Filter = (value: unknown, ...args: unknown[]) => unknown;

export function toTemplateValue(v: unknown, depth = 0): unknown {
  if (depth > 100) throw new TemplateError('value is nested too deeply');
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map((x) => toTemplateValue(x, depth + 1));
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) o[String(k)] = toTemplateValue(x, depth + 1);
    return o;
  }
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = toTemplateValue(x, depth + 1);
    return o;
  }
  // Functions, symbols and class instances stay on the host side.
  return undefined;
}

/**
 * A JS exception thrown through minijinja-js panics its WASM module and leaves the environment
 * unusable, so host functions never throw: they record the first failure here, return
 * undefined, and the renderer raises it once minijinja returns.
 */
export class FilterErrors {
  first: string | undefined;

  record(message: string): undefined {
    this.first ??= message;
    return undefined;
  }

  take(): string | undefined {
    const message = this.first;
    this.first = undefined;
    return message;
  }
}

function guarded(name: string, fn: Filter, errors: FilterErrors): Filter {
  return (value, ...args) => {
    try {
      return toTemplateValue(fn(value, ...args));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return errors.record(message.startsWith('filter ') ? message : `filter '${name}': ${message}`);
    }
  };
}

export function registerFilters(env: Environment, features: ExtensionFeatures, errors: FilterErrors): void {
  const all: Record<string, Filter> = { ...jinjaBuiltinFilters, ...pythonFilters, ...dataFilters, ...regexFilters, ...textFilters };
  if (features.cookiecutter) Object.assign(all, cookiecutterFilters);
  for (const [name, fn] of Object.entries(all)) env.addFilter(name, guarded(name, fn, errors));
  for (const [name, why] of Object.entries(refusedFilters)) {
    env.addFilter(name, () => errors.record(`filter '${name}' is not supported by Paved: ${why}`));
  }
  if (features.cookiecutter) {
    for (const [name, fn] of Object.entries(cookiecutterGlobals)) {
      env.addGlobal(name, guarded(name, fn as Filter, errors));
    }
  }
}
