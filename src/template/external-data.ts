import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseYaml11 } from './config/yaml11.js';
import type { JinjaContext } from './jinja/types.js';
import { safeRelativePath } from './paths.js';
import type { PreparedVersion } from './prepare.js';

/**
 * `_external_data`: YAML files of the project (a parent template's answers, say) exposed as
 * `_external_data.NAME`. Copier loads them lazily, so a path may use answers given earlier; here
 * the paths are re-rendered for each context and each file is read once. A missing file is `{}`.
 */
export function externalData(prepared: PreparedVersion, dst: string): (context: JinjaContext) => JinjaContext {
  const entries = Object.entries(prepared.config.settings.externalData);
  const files = new Map<string, unknown>();
  const load = (rel: string) => {
    if (!files.has(rel)) {
      let text: string | undefined;
      try {
        text = readFileSync(path.join(dst, rel), 'utf8');
      } catch {
        text = undefined;
      }
      files.set(rel, text === undefined ? {} : (parseYaml11(text) ?? {}));
    }
    return files.get(rel);
  };
  return (context) => {
    if (entries.length === 0) return {};
    const data: Record<string, unknown> = {};
    // Outside any phase, as Copier evaluates them: `_copier_phase` reads "undefined".
    const pathContext = { ...context, _copier_phase: 'undefined' };
    for (const [name, template] of entries) {
      const rendered = prepared.renderer.render(template, pathContext, `copier.yml: _external_data.${name}`).trim();
      const rel = rendered ? safeRelativePath(rendered, `_external_data.${name}`) : undefined;
      data[name] = rel ? load(rel) : {};
    }
    return { _external_data: data };
  };
}
