/**
 * Paved's Jinja renderer: one minijinja environment per template, configured the way Copier
 * configures Jinja2 (keep_trailing_newline, lenient Undefined, ansible filters, yield tag).
 * Sources are rewritten once (see preprocess.ts) and kept parsed in minijinja under an
 * internal name, so rendering the same file or path again costs only the render.
 */
import { Environment } from 'minijinja-js';
import { TemplateError } from '../../errors.js';
import { parseEnvops } from './envops.js';
import { toTemplateError } from './errors.js';
import { rewriteExpression } from './expr.js';
import { resolveExtensions } from './extensions.js';
import { FilterErrors, registerFilters, toTemplateValue } from './filters/index.js';
import { preprocess, PreprocessError, type Preprocessed, type PreprocessOptions } from './preprocess.js';
import { toPlain } from './py-str.js';
import type { JinjaContext, JinjaEnvOptions, JinjaRenderer } from './types.js';
import { expandYield, YieldRecorder } from './yield.js';

/** Enough for templates rendering hundreds of thousands of lines; stops endless loops. */
export const DEFAULT_FUEL = 50_000_000;
const MAX_CACHED = 5000;
/** Globals minijinja or Paved define; a context key with one of these names must not replace it. */
const RESERVED_GLOBALS = new Set(['range', 'dict', 'namespace', 'debug', 'cycler', 'joiner', 'lipsum', 'random_ascii_string', 'uuid4', 'now', 'self', 'loop', 'varargs', 'kwargs', 'caller']);

interface CacheEntry {
  id: string;
  usesLoader: boolean;
  /** The rewritten source of a template rendered once and not yet kept in minijinja. */
  pending?: string;
}

export function createJinja(options: JinjaEnvOptions = {}): JinjaRenderer {
  const settings = parseEnvops(options.envops);
  const features = resolveExtensions(options.extensions);
  const env = new Environment();
  env.enablePyCompat();
  env.keepTrailingNewline = settings.keepTrailingNewline;
  env.trimBlocks = settings.trimBlocks;
  env.lstripBlocks = settings.lstripBlocks;
  // Like Jinja2's default Undefined: prints empty, is falsy, but `x.y` on undefined x fails.
  env.undefinedBehavior = 'lenient';
  env.fuel = DEFAULT_FUEL;
  const filterErrors = new FilterErrors();
  registerFilters(env, features, filterErrors);
  const yields = new YieldRecorder();
  env.addGlobal('__paved_yield', yields.global);

  const pre: PreprocessOptions = { delimiters: settings.delimiters, timeTag: features.timeTag };
  const cache = new Map<string, CacheEntry>();
  const internalNames = new Map<string, string>();
  const loaderErrors = new Map<string, TemplateError>();
  let loaderReady = false;
  let counter = 0;

  const siteFor = (name: string, source: string) => ({
    displayName: (internal: string) => internalNames.get(internal) ?? (options.loaderFiles?.has(internal) ? internal : undefined),
    sourceOf: (shown: string) => (shown === name ? source : options.loaderFiles?.get(shown)),
  });

  function compile(source: string, name: string): Preprocessed {
    try {
      return preprocess(source, pre);
    } catch (error) {
      if (error instanceof PreprocessError) {
        throw new TemplateError(`${name}:${error.line}: ${error.message}`, { template: name, line: error.line });
      }
      throw error;
    }
  }

  function registerLoaderFiles(): void {
    loaderReady = true;
    for (const [path, source] of options.loaderFiles ?? []) {
      try {
        env.addTemplate(path, compile(source, path).source);
      } catch (error) {
        // Files that are not Jinja (binaries, other syntaxes) only matter if included.
        loaderErrors.set(path, toTemplateError(error, path, siteFor(path, source)));
      }
    }
  }

  /**
   * minijinja parses a template it is handed to render once faster than one it must keep, so a
   * source is kept (addTemplate) only when it is rendered a second time: paths rendered per
   * yielded value, or a file both versions of an update share. Until then only its rewritten
   * text is remembered.
   */
  function templateFor(source: string, name: string): { id: string; once?: string } {
    let entry = cache.get(source);
    if (!entry) {
      const compiled = compile(source, name);
      entry = { id: `__paved_${++counter}`, usesLoader: compiled.usesLoader, pending: compiled.source };
      if (cache.size >= MAX_CACHED) {
        const [oldSource, old] = cache.entries().next().value as [string, CacheEntry];
        if (old.pending === undefined) env.removeTemplate(old.id);
        internalNames.delete(old.id);
        cache.delete(oldSource);
      }
      cache.set(source, entry);
      internalNames.set(entry.id, name);
      if (entry.usesLoader && !loaderReady) registerLoaderFiles();
      return { id: entry.id, once: compiled.source };
    }
    if (entry.pending !== undefined) {
      try {
        env.addTemplate(entry.id, entry.pending);
      } catch (error) {
        throw toTemplateError(error, name, { sourceOf: () => source, displayName: () => name });
      }
      entry.pending = undefined;
    }
    internalNames.set(entry.id, name);
    if (entry.usesLoader && !loaderReady) registerLoaderFiles();
    return { id: entry.id };
  }

  /**
   * Handing minijinja the whole context costs a conversion per render; hundreds of files render
   * with one context, so it is installed once as globals and each render passes nothing. Contexts
   * are therefore treated as immutable. A context that would shadow a built-in global (`range`,
   * `namespace`, …) is passed the ordinary way, as removing such a global would lose the built-in.
   */
  let installed: { context: JinjaContext; keys: string[] } | undefined;
  function installGlobals(context: JinjaContext): boolean {
    if (installed?.context === context) return true;
    uninstallGlobals();
    const keys = Object.keys(context).filter((key) => context[key] !== undefined);
    if (keys.some((key) => RESERVED_GLOBALS.has(key) || key.startsWith('__paved'))) return false;
    for (const key of keys) env.addGlobal(key, toTemplateValue(context[key]));
    installed = { context, keys };
    return true;
  }
  function uninstallGlobals(): void {
    if (!installed) return;
    for (const key of installed.keys) env.removeGlobal(key);
    installed = undefined;
  }

  function render(source: string, context: JinjaContext, name = '<template>'): string {
    let template: { id: string; once?: string };
    try {
      template = templateFor(source, name);
    } catch (error) {
      throw toTemplateError(error, name, siteFor(name, source));
    }
    let output: string;
    try {
      const values = installGlobals(context) ? {} : (toTemplateValue(context) ?? {});
      output = template.once === undefined ? env.renderTemplate(template.id, values) : env.renderNamedStr(template.id, template.once, values);
    } catch (error) {
      filterErrors.take();
      const missing = /template not found: .*"([^"]+)"/.exec(String((error as Error)?.message))?.[1];
      if (missing && loaderErrors.has(missing)) throw loaderErrors.get(missing) as TemplateError;
      throw toTemplateError(error, name, siteFor(name, source));
    }
    const failed = filterErrors.take();
    if (failed) throw new TemplateError(`${name}: ${failed}`, { template: name });
    return output;
  }

  return {
    render(source, context, name = '<template>') {
      yields.captured = [];
      const output = render(source, context, name);
      // In contents, Copier renders a yield only for a variable a yielded folder name already bound.
      if (yields.captured.some((capture) => !capture.defined)) {
        throw new TemplateError(`${name}: the {% yield %} tag can only be used in file and folder names, not in file contents`, { template: name });
      }
      return output;
    },
    renderPath(source, context, name = source) {
      if (!source.includes(settings.delimiters.blockStart) && !source.includes(settings.delimiters.variableStart)) {
        return [{ path: source, extra: {} }];
      }
      yields.captured = [];
      const path = render(source, context, name);
      const captured = yields.captured;
      if (captured.length === 0) return [{ path, extra: {} }];
      return expandYield(captured, name, (extra) => render(source, { ...context, ...extra }, name));
    },
    evalExpr(expression, context) {
      const name = `expression ${JSON.stringify(expression)}`;
      let value: unknown;
      try {
        uninstallGlobals();
        value = env.evalExpr(rewriteExpression(expression), toTemplateValue(context) ?? {});
      } catch (error) {
        filterErrors.take();
        throw toTemplateError(error, name, siteFor(name, expression));
      }
      const failed = filterErrors.take();
      if (failed) throw new TemplateError(`${name}: ${failed}`);
      return toPlain(value);
    },
  };
}
