/**
 * Copier's `_jinja_extensions` → what Paved enables. Extensions are Python classes, so only
 * those whose behaviour Paved re-implements are accepted; the rest fail with a clear message.
 */
import { TemplateError } from '../../errors.js';

export interface ExtensionFeatures {
  timeTag: boolean;
  cookiecutter: boolean;
}

type Feature = keyof ExtensionFeatures | 'builtin';

const KNOWN: Record<string, Feature> = {
  // Always on in Copier, or built into minijinja.
  'jinja2_ansible_filters.AnsibleCoreFiltersExtension': 'builtin',
  'copier.jinja_ext.YieldExtension': 'builtin',
  'copier._jinja_ext.YieldExtension': 'builtin',
  'jinja2.ext.do': 'builtin',
  'jinja2.ext.ExprStmtExtension': 'builtin',
  'jinja2.ext.loopcontrols': 'builtin',
  'jinja2.ext.LoopControlExtension': 'builtin',
  'jinja2.ext.with_': 'builtin',
  'jinja2.ext.autoescape': 'builtin',
  'jinja2.ext.debug': 'builtin',
  'jinja2_time.TimeExtension': 'timeTag',
  'cookiecutter.extensions.TimeExtension': 'timeTag',
  'cookiecutter.extensions.JsonifyExtension': 'cookiecutter',
  'cookiecutter.extensions.RandomStringExtension': 'cookiecutter',
  'cookiecutter.extensions.SlugifyExtension': 'cookiecutter',
  'cookiecutter.extensions.UUIDExtension': 'cookiecutter',
};

export const SUPPORTED_EXTENSIONS = Object.keys(KNOWN);

export function resolveExtensions(names: readonly string[] = []): ExtensionFeatures {
  const features: ExtensionFeatures = { timeTag: false, cookiecutter: false };
  for (const name of names) {
    const feature = KNOWN[name];
    if (!feature) {
      throw new TemplateError(
        `template uses Jinja extension '${name}', which Paved does not support; remove it from _jinja_extensions ` +
          `or rewrite the template without it. Supported: ${SUPPORTED_EXTENSIONS.join(', ')}`,
        { field: '_jinja_extensions', extension: name },
      );
    }
    if (feature !== 'builtin') features[feature] = true;
  }
  return features;
}
