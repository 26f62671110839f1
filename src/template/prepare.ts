import { TemplateError, UnsafeTemplateError } from '../errors.js';
import { loadTemplateConfig } from './config/load.js';
import type { TemplateConfig, TemplateFiles } from './config/types.js';
import { createJinja } from './jinja/index.js';
import type { JinjaEnvOptions, JinjaRenderer } from './jinja/types.js';
import type { TemplateSnapshot } from './source/index.js';
import { TemplateTexts } from './source/texts.js';
import { compareVersions, isVersionTag } from './version.js';

/** The Copier release whose template format Paved implements; templates asking for newer are refused. */
export const COPIER_COMPAT_VERSION = '9.10.0';

export interface PreparedVersion {
  snapshot: TemplateSnapshot;
  config: TemplateConfig;
  renderer: JinjaRenderer;
  /** What the Jinja environment was built from; equal keys can share one environment. */
  jinjaKey: string;
  loadsFiles: () => boolean;
}

/**
 * Environments kept for the life of the process, by Jinja configuration, for versions that load
 * no other files. One process often renders one template many times (fleet sync updates every
 * component made from it; the server scaffolds from the same few templates), and a kept
 * environment has already parsed every file those runs share. Environments of versions that
 * `{% include %}` files are not kept: their loaded files differ from version to version.
 */
const POOL_SIZE = 8;
const pool = new Map<string, JinjaRenderer>();

function pooledRenderer(key: string, jinja: Omit<JinjaEnvOptions, 'loaderFiles'>): JinjaRenderer {
  let renderer = pool.get(key);
  if (renderer) pool.delete(key);
  else {
    renderer = createJinja(jinja);
    if (pool.size >= POOL_SIZE) pool.delete(pool.keys().next().value as string);
  }
  pool.set(key, renderer);
  return renderer;
}

/** Forgets the kept Jinja environments (for measurements of a cold start, and for tests). */
export function clearRendererPool(): void {
  pool.clear();
}

/**
 * Loads a template version's copier.yml and builds its Jinja environment. An update renders two
 * versions; when they configure Jinja alike and neither loads other files (`{% include %}`…),
 * they share one environment, so the many files the versions share compile once.
 */
export function prepareVersion(snapshot: TemplateSnapshot, shareWith?: PreparedVersion): PreparedVersion {
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
  const jinja = { envops: config.settings.envops, extensions: config.settings.jinjaExtensions };
  const key = JSON.stringify(jinja);
  const loads = () => usesLoader(texts, config.settings.envops);
  if (shareWith && shareWith.jinjaKey === key && !shareWith.loadsFiles() && !loads()) {
    return { snapshot, config, renderer: shareWith.renderer, jinjaKey: key, loadsFiles: () => false };
  }
  if (!loads()) return { snapshot, config, renderer: pooledRenderer(key, jinja), jinjaKey: key, loadsFiles: () => false };
  const renderer = createJinja({ ...jinja, loaderFiles: texts });
  return { snapshot, config, renderer, jinjaKey: key, loadsFiles: once(loads) };
}

/** Whether any file of the version uses `{% include %}`, `{% import %}`, `{% from %}` or `{% extends %}`. */
function usesLoader(texts: TemplateTexts, envops: Record<string, unknown>): boolean {
  const start = typeof envops.block_start_string === 'string' ? envops.block_start_string : '{%';
  const tag = new RegExp(`${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[-+]?\\s*(include|import|from|extends)\\b`);
  for (const text of texts.values()) if (tag.test(text)) return true;
  return false;
}

function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
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
