import { TemplateError, UnsafeTemplateError } from '../errors.js';
import { loadTemplateConfig } from './config/load.js';
import type { TemplateConfig, TemplateFiles } from './config/types.js';
import { createJinja } from './jinja/index.js';
import type { JinjaRenderer } from './jinja/types.js';
import type { TemplateSnapshot } from './source/index.js';
import { TemplateTexts } from './source/texts.js';
import { compareVersions, isVersionTag } from './version.js';

/** The Copier release whose template format Paved implements; templates asking for newer are refused. */
export const COPIER_COMPAT_VERSION = '9.10.0';

export interface PreparedVersion {
  snapshot: TemplateSnapshot;
  config: TemplateConfig;
  renderer: JinjaRenderer;
}

/** Loads a template version's copier.yml and builds its Jinja environment. */
export function prepareVersion(snapshot: TemplateSnapshot): PreparedVersion {
  const texts = new TemplateTexts(snapshot.files);
  // The config loader lists candidate files by name; only the ones it opens are decoded.
  const files: TemplateFiles = { read: (p) => texts.get(p), list: () => snapshot.files.map((f) => f.path) };
  const config = loadTemplateConfig(files);
  const min = config.settings.minCopierVersion;
  if (min && isVersionTag(min) && compareVersions(min, COPIER_COMPAT_VERSION) > 0) {
    throw new TemplateError(
      `template needs Copier ${min} (_min_copier_version) but Paved implements Copier ${COPIER_COMPAT_VERSION}'s template format; use an older template version (--vcs-ref)`,
      { minCopierVersion: min },
    );
  }
  const renderer = createJinja({ envops: config.settings.envops, extensions: config.settings.jinjaExtensions, loaderFiles: texts });
  return { snapshot, config, renderer };
}

/**
 * Copier refuses templates that would run commands on the host unless trusted; so does Paved,
 * before it asks anything or writes anything.
 */
export function assertTrusted(features: string[], trust: boolean, src: string): void {
  if (features.length === 0 || trust) return;
  throw new UnsafeTemplateError(
    `template '${src}' uses features that run commands on your machine (${features.join(', ')}); ` +
      'read them in its copier.yml and, if you trust it, run again with --trust' +
      (features.includes('_tasks') ? ' (or --skip-tasks to copy without running its tasks)' : ''),
    { features },
  );
}
