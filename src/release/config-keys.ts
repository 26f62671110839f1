/**
 * The options of a release-please package (or the defaults at the top of
 * release-please-config.json): the key users write, release-please's own name for it and its
 * shape. One table serves validation (errors name the key as written) and the conversion that
 * release-please's private `extractReleaserConfig` does.
 */
import { getVersioningStrategyTypes } from 'release-please/build/src/factories/versioning-strategy-factory.js';
import { Version } from 'release-please/build/src/version.js';
import { z } from 'zod';

const section = z.object({ type: z.string(), section: z.string(), hidden: z.boolean().optional(), scope: z.string().optional() });
const extraFile = z.union([
  z.string(),
  z.object({ type: z.enum(['json', 'yaml', 'toml']), path: z.string(), jsonpath: z.string(), glob: z.boolean().optional() }),
  z.object({ type: z.literal('xml'), path: z.string(), xpath: z.string(), glob: z.boolean().optional() }),
  z.object({ type: z.enum(['pom', 'generic']), path: z.string(), glob: z.boolean().optional() }),
]);
const commaList = z.string().transform((s) => s.split(','));
/** release-please's own reading of a version; undefined when it is not one. */
export function parseVersion(value: string): Version | undefined {
  try {
    return Version.parse(value);
  } catch {
    return undefined;
  }
}
// release-please parses these only deep in a release, where a bad value would surface as a crash.
const version = z.string().refine((value) => value === '' || parseVersion(value) !== undefined, 'not a semantic version like "1.2.3"');
// Empty is release-please's "default", as it reads the option.
const versioning = z.string().refine((value) => value === '' || getVersioningStrategyTypes().includes(value), { message: `not a versioning strategy; use one of: ${getVersioningStrategyTypes().join(', ')}` });

export const RELEASER_KEYS = {
  'release-type': ['releaseType', z.string()],
  'bump-minor-pre-major': ['bumpMinorPreMajor', z.boolean()],
  'bump-patch-for-minor-pre-major': ['bumpPatchForMinorPreMajor', z.boolean()],
  'prerelease-type': ['prereleaseType', z.string()],
  versioning: ['versioning', versioning],
  'changelog-sections': ['changelogSections', z.array(section)],
  'changelog-path': ['changelogPath', z.string()],
  'changelog-host': ['changelogHost', z.string()],
  'changelog-type': ['changelogType', z.enum(['default', 'github'])],
  'include-commit-authors': ['includeCommitAuthors', z.boolean()],
  'release-as': ['releaseAs', version],
  'skip-github-release': ['skipGithubRelease', z.boolean()],
  'skip-changelog': ['skipChangelog', z.boolean()],
  draft: ['draft', z.boolean()],
  'force-tag-creation': ['forceTag', z.boolean()],
  prerelease: ['prerelease', z.boolean()],
  'draft-pull-request': ['draftPullRequest', z.boolean()],
  component: ['component', z.string()],
  'package-name': ['packageName', z.string()],
  'version-file': ['versionFile', z.string()],
  'extra-files': ['extraFiles', z.array(extraFile)],
  'include-component-in-tag': ['includeComponentInTag', z.boolean()],
  'include-v-in-tag': ['includeVInTag', z.boolean()],
  'include-v-in-release-name': ['includeVInReleaseName', z.boolean()],
  'pull-request-title-pattern': ['pullRequestTitlePattern', z.string()],
  'pull-request-header': ['pullRequestHeader', z.string()],
  'pull-request-footer': ['pullRequestFooter', z.string()],
  'component-no-space': ['componentNoSpace', z.boolean()],
  'tag-separator': ['tagSeparator', z.string()],
  'separate-pull-requests': ['separatePullRequests', z.boolean()],
  label: ['labels', commaList],
  'release-label': ['releaseLabels', commaList],
  'extra-label': ['extraLabels', commaList],
  'snapshot-label': ['snapshotLabels', commaList],
  'skip-snapshot': ['skipSnapshot', z.boolean()],
  'initial-version': ['initialVersion', version],
  'exclude-paths': ['excludePaths', z.array(z.string())],
  'date-format': ['dateFormat', z.string()],
  'always-update': ['alwaysUpdate', z.boolean()],
} as const;

const plugin = z.union([
  z.string(),
  z.object({ type: z.literal('linked-versions'), groupName: z.string(), components: z.array(z.string()), merge: z.boolean().optional() }).loose(),
  z.object({ type: z.string() }).loose(),
]);

/** Options that exist only at the top of release-please-config.json. */
export const MANIFEST_KEYS = {
  $schema: z.string(),
  packages: z.record(z.string(), z.record(z.string(), z.unknown())),
  'bootstrap-sha': z.string(),
  'last-release-sha': z.string(),
  'always-link-local': z.boolean(),
  plugins: z.array(plugin),
  signoff: z.string(),
  'group-pull-request-title-pattern': z.string(),
  'release-search-depth': z.number(),
  'commit-search-depth': z.number(),
  'commit-batch-size': z.number(),
  'sequential-calls': z.boolean(),
} as const;
