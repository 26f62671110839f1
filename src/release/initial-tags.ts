/**
 * The tags a new repository's first commit gets: a template that ships a release-please manifest
 * declares the versions it starts at (`"." : "0.1.0"`), and release-please looks for those
 * versions' tags as the baseline of the next release. Without them the first `paved release pr`
 * stops at a missing baseline tag. Read with plain JSON (no release-please: `paved new` stays fast).
 */
import { CONFIG_FILE, MANIFEST_FILE } from './config-files.js';

type Json = Record<string, unknown>;

function object(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

/**
 * release-please's tag name for each package of the manifest: `[<component><separator>][v]<version>`.
 * A package whose tag needs a component the config does not name (release-please would derive it
 * from the package's own files) gets no tag: better none than a wrong one.
 */
export function initialReleaseTags(read: (file: string) => string | undefined): string[] {
  const configText = read(CONFIG_FILE);
  const manifestText = read(MANIFEST_FILE);
  if (!configText || !manifestText) return [];
  let config: Json;
  let manifest: Json;
  try {
    config = object(JSON.parse(configText));
    manifest = object(JSON.parse(manifestText));
  } catch {
    return [];
  }
  const packages = object(config.packages);
  const tags: string[] = [];
  for (const [where, version] of Object.entries(manifest)) {
    if (typeof version !== 'string' || !/^\d+\.\d+\.\d+/.test(version)) continue;
    const options = { ...config, ...object(packages[where]) };
    const includeComponent = options['include-component-in-tag'] !== false;
    const component = typeof options.component === 'string' ? options.component : undefined;
    if (includeComponent && !component) continue;
    const separator = typeof options['tag-separator'] === 'string' ? options['tag-separator'] : '-';
    const v = options['include-v-in-tag'] === false ? '' : 'v';
    tags.push(`${includeComponent ? `${component}${separator}` : ''}${v}${version}`);
  }
  return tags;
}
