/**
 * Where each package's history starts: the commit of the tag that released the version in the
 * manifest. release-please looks for it among GitHub releases and tags and, when it is missing,
 * silently reads back up to 500 commits and may release the wrong version; Paved stops and says
 * which tag it expected and how to make it.
 */
import type { Release } from 'release-please/build/src/release.js';
import { TagName } from 'release-please/build/src/util/tag-name.js';
import type { ReleaserConfig } from 'release-please/build/src/manifest.js';
import type { Version } from 'release-please/build/src/version.js';
import { InputError } from '../errors.js';
import { CONFIG_FILE, MANIFEST_FILE } from './config-files.js';

export interface Baseline {
  /** The last release as release-please's strategies take it; undefined before the first release. */
  release?: Release;
  /** The commit history starts after; undefined for the whole history. */
  sha?: string;
}

export interface BaselineInput {
  path: string;
  config: ReleaserConfig;
  component: string;
  version: Version | undefined;
  tags: Map<string, string>;
  /** `bootstrap-sha`: where to start when a package has no release tag. */
  bootstrapSha?: string;
}

export function tagFor(version: Version, component: string, config: ReleaserConfig): TagName {
  return new TagName(version, component || undefined, config.tagSeparator, config.includeVInTag);
}

export function findBaseline(input: BaselineInput): Baseline {
  const { config, component, version, tags, bootstrapSha } = input;
  // Not in the manifest, or 0.0.0: never released, so the first release reads the whole history.
  if (!version || version.toString() === '0.0.0') return { sha: bootstrapSha };
  const tag = tagFor(version, component, config);
  const sha = tags.get(tag.toString());
  if (sha) return { release: { tag, sha, notes: '' }, sha };
  if (bootstrapSha) return { release: { tag, sha: '', notes: '' }, sha: bootstrapSha };
  throw missingTag(input, tag.toString());
}

function missingTag({ path, component, version, tags }: BaselineInput, expected: string): InputError {
  const hints: string[] = [];
  const bare = tagFor(version!, '', { releaseType: 'simple' }).toString();
  if (component && tags.has(bare)) {
    hints.push(`a tag '${bare}' without the component exists: in a monorepo each tag carries its component, so re-tag that commit: git tag ${expected} ${bare}^{commit}`);
  }
  const sameComponent = [...tags.keys()].filter((name) => TagName.parse(name)?.component === (component || undefined)).sort();
  if (sameComponent.length > 0 && hints.length === 0) hints.push(`tags for this component: ${sameComponent.slice(-3).join(', ')}`);
  return new InputError(
    `no tag '${expected}' for ${path === '.' ? 'the root package' : `package '${path}'`} (version ${version!.toString()} in ${MANIFEST_FILE}): ` +
      `tag the commit that released it (git tag ${expected} <commit>), or set "bootstrap-sha" in ${CONFIG_FILE} to start from a commit` +
      (hints.length > 0 ? `; ${hints.join('; ')}` : ''),
    { path, expectedTag: expected, version: version!.toString() },
  );
}

/**
 * The known trap of tags without a component: two packages that tag alike ('v1.2.3') cannot
 * tell their releases apart, and release-please then skips or mixes them up.
 */
export function checkTagCollisions(components: Record<string, string>, packages: Record<string, ReleaserConfig>): void {
  const byPrefix = new Map<string, string>();
  for (const [path, component] of Object.entries(components)) {
    const config = packages[path]!;
    const prefix = `${component}|${component ? (config.tagSeparator ?? '-') : ''}|${config.includeVInTag ?? true}`;
    const other = byPrefix.get(prefix);
    if (other !== undefined) {
      const what = component ? `the same component '${component}'` : 'no component';
      throw new InputError(
        `packages '${other}' and '${path}' both tag with ${what}, so their tags collide; give each its own "component" in ${CONFIG_FILE}` +
          (component ? '' : ` (or drop "include-component-in-tag": false)`),
        { paths: [other, path], component },
      );
    }
    byPrefix.set(prefix, path);
  }
}
