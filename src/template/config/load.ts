/**
 * Entry point of the config loader: finds `copier.yml`/`copier.yaml` at the template root and
 * returns the normalised config (Copier's defaults and no questions when there is none).
 */
import { TemplateError } from '../../errors.ts';
import { loadMergedDocuments } from './documents.ts';
import { normaliseConfig } from './normalise.ts';
import type { TemplateConfig, TemplateFiles } from './types.ts';

/** Copier globs `copier.*` and keeps `.yml`/`.yaml` suffixes, case-insensitively. */
const CONFIG_NAME = /^copier\.ya?ml$/i;

export function findConfigFile(files: TemplateFiles): string | undefined {
  const found = files.list().filter((path) => !path.includes('/') && CONFIG_NAME.test(path));
  if (found.length > 1) {
    throw new TemplateError(`the template has both ${found.sort().join(' and ')}; keep only one of them`, { files: found });
  }
  return found[0];
}

export function loadTemplateConfig(files: TemplateFiles): TemplateConfig {
  const file = findConfigFile(files);
  if (file === undefined) {
    const config = normaliseConfig('copier.yml', new Map());
    delete config.file;
    return config;
  }
  return normaliseConfig(file, loadMergedDocuments(files, file));
}
