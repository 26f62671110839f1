/**
 * release-please-config.json and .release-please-manifest.json, read as release-please reads
 * them (package options over top-level defaults, release type `node` when none is given), but
 * checked: a wrong type is an InputError naming the key as the user wrote it, and keys
 * release-please does not know come back as warnings instead of being ignored silently.
 */
import type { PluginType, ReleaserConfig } from 'release-please/build/src/manifest.js';
import type { Version } from 'release-please/build/src/version.js';
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { MANIFEST_KEYS, parseVersion, RELEASER_KEYS } from './config-keys.js';
import { CONFIG_FILE, MANIFEST_FILE } from './config-files.js';

/** Options of the whole repository (release-please's ManifestOptions, the part Paved uses). */
export interface RepositoryOptions {
  bootstrapSha?: string;
  lastReleaseSha?: string;
  separatePullRequests?: boolean;
  plugins: PluginType[];
  groupPullRequestTitlePattern?: string;
  alwaysLinkLocal?: boolean;
  labels?: string[];
  releaseLabels?: string[];
  signoff?: string;
}

export interface ReleaseConfig {
  /** Per package path, its options merged over the top-level defaults (release-please's RepositoryConfig). */
  packages: Record<string, ReleaserConfig>;
  options: RepositoryOptions;
  /** Released versions from the manifest, by package path. */
  versions: Record<string, Version>;
  warnings: string[];
}

// release-please's mergeReleaserConfig leaves these out of a package's options: they only count at the top.
const TOP_ONLY = new Set(['labels', 'releaseLabels', 'snapshotLabels', 'alwaysUpdate']);

/** A key path as users write it: packages["charts/app"].release-type. */
function keyPath(parts: readonly PropertyKey[]): string {
  return parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : /^[\w$-]+$/.test(String(p)) ? `${i === 0 ? '' : '.'}${String(p)}` : `[${JSON.stringify(String(p))}]`)).join('');
}

function checked<T>(schema: z.ZodType<T>, value: unknown, where: readonly PropertyKey[], file: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = keyPath([...where, ...issue.path]);
  let found: unknown = value;
  for (const part of issue.path) found = found && typeof found === 'object' ? (found as Record<PropertyKey, unknown>)[part] : undefined;
  throw new InputError(`${file}: ${key} is ${JSON.stringify(found) ?? 'missing'}: ${issue.message}; fix that key (release-please's config reference lists the values it takes)`, { file, key });
}

function releaserOptions(raw: Record<string, unknown>, where: readonly PropertyKey[], file: string, warnings: string[], extraKeys: Record<string, unknown> = {}): Partial<ReleaserConfig> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const entry = (RELEASER_KEYS as Record<string, readonly [string, z.ZodType]>)[key];
    if (entry) out[entry[0]] = checked(entry[1], value, [...where, key], file);
    else if (!(key in extraKeys)) warnings.push(`${file}: ${keyPath([...where, key])} is not a release-please option and is ignored`);
  }
  return out as Partial<ReleaserConfig>;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file} is not valid JSON (${(error as Error).message}); fix the file`, { file });
  }
}

/** The normalised configuration from the two files' text. */
export function parseReleaseConfig(configText: string, manifestText: string | undefined): ReleaseConfig {
  const warnings: string[] = [];
  const raw = parseJson(configText, CONFIG_FILE);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new InputError(`${CONFIG_FILE} must hold a JSON object with "packages"`, { file: CONFIG_FILE });
  const top = raw as Record<string, unknown>;
  for (const [key, schema] of Object.entries(MANIFEST_KEYS)) if (key in top) checked(schema as z.ZodType, top[key], [key], CONFIG_FILE);
  if (!top.packages || Object.keys(top.packages).length === 0) {
    throw new InputError(`${CONFIG_FILE}: packages is missing or empty; list each releasable path, e.g. { "packages": { ".": { "release-type": "node" } } }`, { file: CONFIG_FILE, key: 'packages' });
  }
  const defaults = releaserOptions(top, [], CONFIG_FILE, warnings, MANIFEST_KEYS);
  const packages: Record<string, ReleaserConfig> = {};
  for (const [path, pkg] of Object.entries(top.packages as Record<string, Record<string, unknown>>)) {
    const own = releaserOptions(pkg, ['packages', path], CONFIG_FILE, warnings);
    const merged: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(defaults)) if (!TOP_ONLY.has(key)) merged[key] = value;
    for (const [key, value] of Object.entries(own)) if (!TOP_ONLY.has(key)) merged[key] = value;
    packages[path] = { ...merged, releaseType: (merged.releaseType as string | undefined) ?? 'node' } as ReleaserConfig;
  }
  const options: RepositoryOptions = {
    bootstrapSha: top['bootstrap-sha'] as string | undefined,
    lastReleaseSha: top['last-release-sha'] as string | undefined,
    separatePullRequests: top['separate-pull-requests'] as boolean | undefined,
    plugins: (top.plugins as PluginType[] | undefined) ?? [],
    groupPullRequestTitlePattern: top['group-pull-request-title-pattern'] as string | undefined,
    alwaysLinkLocal: top['always-link-local'] as boolean | undefined,
    labels: (defaults as { labels?: string[] }).labels,
    releaseLabels: (defaults as { releaseLabels?: string[] }).releaseLabels,
    signoff: top.signoff as string | undefined,
  };
  return { packages, options, versions: parseVersions(manifestText), warnings };
}

function parseVersions(text: string | undefined): Record<string, Version> {
  if (text === undefined) return {};
  const raw = parseJson(text, MANIFEST_FILE);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new InputError(`${MANIFEST_FILE} must hold a JSON object of path: version`, { file: MANIFEST_FILE });
  const versions: Record<string, Version> = {};
  for (const [path, value] of Object.entries(raw)) {
    if (typeof value !== 'string') throw new InputError(`${MANIFEST_FILE}: ${keyPath([path])} is ${JSON.stringify(value)}, not a version string like "1.2.3"`, { file: MANIFEST_FILE, key: path });
    const version = parseVersion(value);
    if (!version) throw new InputError(`${MANIFEST_FILE}: ${keyPath([path])} is '${value}', not a semantic version like "1.2.3"`, { file: MANIFEST_FILE, key: path });
    versions[path] = version;
  }
  return versions;
}
