/**
 * The planning half of release-please's Manifest.buildPullRequests, on commits already routed
 * per package: plugins (linked-versions, node-workspace) get their turn exactly where the
 * Manifest gives it, each strategy builds its release pull request, and unless packages ask for
 * separate pull requests they are merged into one. Fetching from the forge is not here: that is
 * what history.ts replaces.
 */
import type { Commit, ConventionalCommit } from 'release-please/build/src/commit.js';
import type { ChangelogNotes } from 'release-please/build/src/changelog-notes.js';
import { buildPlugin } from 'release-please/build/src/factory.js';
import type { GitHub } from 'release-please/build/src/github.js';
import type { CandidateReleasePullRequest, PluginType, ReleaserConfig } from 'release-please/build/src/manifest.js';
import type { ManifestPlugin } from 'release-please/build/src/plugin.js';
import { Merge } from 'release-please/build/src/plugins/merge.js';
import type { Release } from 'release-please/build/src/release.js';
import type { Strategy } from 'release-please/build/src/strategy.js';
import { ReleasePleaseManifest } from 'release-please/build/src/updaters/release-please-manifest.js';
import { InputError } from '../errors.js';
import { CONFIG_FILE, MANIFEST_FILE } from './config-files.js';
import type { RepositoryOptions } from './config.js';
import { parseConventionalCommits } from './conventional/parse.js';
import { PENDING_LABELS } from './labels.js';
import { silentLogger } from './silent-logger.js';
import { useNotes } from './strategies.js';

// Plugins that only reshape pull requests or versions work on local history; the rest need forge data or are untested here.
const SUPPORTED_PLUGINS = new Set(['linked-versions', 'node-workspace', 'sentence-case', 'group-priority']);

export interface CandidateInput {
  packages: Record<string, ReleaserConfig>;
  options: RepositoryOptions;
  strategies: Record<string, Strategy>;
  commitsByPath: Record<string, Commit[]>;
  releasesByPath: Record<string, Release>;
  scm: GitHub;
  targetBranch: string;
  notes: ChangelogNotes;
}

function pluginName(plugin: PluginType): string {
  return typeof plugin === 'string' ? plugin : plugin.type;
}

export async function buildCandidates(input: CandidateInput): Promise<CandidateReleasePullRequest[]> {
  const { packages, options, scm, targetBranch, notes } = input;
  const separatePullRequests = options.separatePullRequests ?? Object.keys(packages).length === 1;
  const plugins: ManifestPlugin[] = options.plugins.map((type, i) => {
    if (!SUPPORTED_PLUGINS.has(pluginName(type))) {
      throw new InputError(`${CONFIG_FILE}: plugins[${i}] '${pluginName(type)}' is not supported by paved release; supported: ${[...SUPPORTED_PLUGINS].join(', ')}`, { key: `plugins[${i}]` });
    }
    return buildPlugin({ type, github: scm, targetBranch, repositoryConfig: packages, manifestPath: MANIFEST_FILE, separatePullRequests, logger: silentLogger } as Parameters<typeof buildPlugin>[0]);
  });

  let strategies = input.strategies;
  const commitsByPath = input.commitsByPath;
  for (const plugin of plugins) strategies = await plugin.preconfigure(strategies, commitsByPath, input.releasesByPath);
  // linked-versions rebuilds strategies through release-please's factory: give them the same renderer.
  for (const strategy of Object.values(strategies)) if (strategy.changelogNotes !== notes) useNotes(strategy, notes);

  // A commit in several packages is parsed once; plugins that append commits get theirs parsed too.
  const parsed = new WeakMap<Commit, ConventionalCommit[]>();
  const parse = (commits: Commit[]) =>
    commits.flatMap((commit) => {
      let result = parsed.get(commit);
      if (!result) parsed.set(commit, (result = parseConventionalCommits([commit])));
      return result;
    });

  // Strategies are independent until the plugins run. Started together, the files they read
  // (package.json, Chart.yaml, …) reach git as one batch instead of one round trip each.
  const built = await Promise.all(
    Object.entries(packages).map(async ([path, config]) => {
      let pathCommits = parse(commitsByPath[path] ?? []);
      for (const plugin of plugins) pathCommits = plugin.processCommits(pathCommits);
      const strategy = strategies[path]!;
      const pullRequest = await strategy.buildReleasePullRequest(pathCommits, input.releasesByPath[path], config.draftPullRequest, options.labels ?? PENDING_LABELS);
      return { path, config, strategy, pullRequest };
    }),
  );
  let candidates: CandidateReleasePullRequest[] = [];
  for (const { path, config, strategy, pullRequest } of built) {
    if (!pullRequest) continue;
    if (pullRequest.version && (strategy.isPublishedVersion?.(pullRequest.version) ?? true)) {
      pullRequest.updates.push({
        path: MANIFEST_FILE,
        createIfMissing: false,
        updater: new ReleasePleaseManifest({ version: pullRequest.version, versionsMap: new Map([[path, pullRequest.version]]) }),
      });
    }
    candidates.push({ path, config, pullRequest });
  }

  const finalPlugins: ManifestPlugin[] = [...plugins];
  if (!separatePullRequests) {
    const first = (key: 'pullRequestHeader' | 'pullRequestFooter' | 'componentNoSpace') => Object.values(packages).find((c) => c[key] !== undefined)?.[key];
    finalPlugins.push(
      new Merge(scm, targetBranch, packages, {
        pullRequestTitlePattern: options.groupPullRequestTitlePattern,
        pullRequestHeader: first('pullRequestHeader') as string | undefined,
        pullRequestFooter: first('pullRequestFooter') as string | undefined,
        componentNoSpace: first('componentNoSpace') as boolean | undefined,
      }),
    );
  }
  for (const plugin of finalPlugins) candidates = await plugin.run(candidates);
  return candidates;
}
