/**
 * `paved release plan`: what release-please would propose for a local repository, computed from
 * local git alone. Reads the config at HEAD, finds each package's baseline tag, reads the history
 * since the oldest baseline in one `git log`, routes commits to packages and lets release-please's
 * strategies and plugins (with the fast parser and renderer) decide versions and changelogs.
 */
import { setLogger, logger as releasePleaseLogger } from 'release-please/build/src/util/logger.js';
import type { Commit } from 'release-please/build/src/commit.js';
import type { CandidateReleasePullRequest } from 'release-please/build/src/manifest.js';
import type { Release } from 'release-please/build/src/release.js';
import { InputError } from '../errors.js';
import { originUrl } from '../git/remote-address.js';
import { headOf } from '../git/repo.js';
import { checkTagCollisions, findBaseline } from './baseline.js';
import { buildCandidates } from './candidates.js';
import { applyUpdates } from './changes.js';
import { FastChangelogNotes } from './changelog/notes.js';
import { fromEngineError } from './engine-errors.js';
import { CONFIG_FILE } from './config-files.js';
import { CommitFiles } from './files.js';
import { inRange } from './range.js';
import { readHistory } from './history.js';
import type { Prefetch } from './prefetch.js';
import { readConfigAt } from './read-config.js';
import { identityFromRemote } from './repository.js';
import { routeCommits } from './route.js';
import { localScm } from './scm.js';
import { silentLogger } from './silent-logger.js';
import { buildStrategies } from './strategies.js';
import { summarise } from './summary.js';
import { readTags } from './tags.js';
import type { ReleaseDraft, ReleasePlan } from './types.js';

export interface PlanOptions {
  /** Any folder inside the repository. */
  dir: string;
  /** The day changelog headings carry (YYYY-MM-DD); today in UTC by default. */
  date?: string;
  /** The forge repository, when the remote does not say (`owner/name`, host https://github.com). */
  repository?: { host?: string; owner: string; repo: string };
  /** prefetchHistory(dir), started before this module loaded: its HEAD, tags and (when its guess holds) history are used. */
  prefetched?: Prefetch;
}

export function planReleases(options: PlanOptions): Promise<ReleasePlan> {
  return withPlan(options, async (plan) => plan);
}

/**
 * The plan plus the new text of every file each release pull request changes: what `paved
 * release pr` commits. Apart from planReleases so a plan alone never reads the files it would change.
 */
export function draftReleases(options: PlanOptions): Promise<ReleaseDraft> {
  return withPlan(options, async (plan, candidates, files) => {
    const changes: ReleaseDraft['changes'] = {};
    for (const candidate of candidates) changes[candidate.pullRequest.headRefName] = await applyUpdates(candidate.pullRequest.updates, files);
    return { plan, changes };
  });
}

type UsePlan<T> = (plan: ReleasePlan, candidates: CandidateReleasePullRequest[], files: CommitFiles) => Promise<T>;

async function withPlan<T>(options: PlanOptions, use: UsePlan<T>): Promise<T> {
  const { prefetched } = options;
  let files: CommitFiles | undefined;
  try {
    const where = prefetched ?? (await headOf(options.dir));
    if (!where) throw new InputError(`${options.dir} is not inside a git repository; run paved release plan in the repository (or pass --dir)`, { dir: options.dir });
    const { root, head, ref } = where;
    if (!head) throw new InputError(`${root} has no commits yet; commit ${CONFIG_FILE} first`, { dir: root });
    // One owner for the file reader: the prefetch's when there is one.
    files = prefetched?.files ?? new CommitFiles(root, head);
    const remote = await (prefetched?.remote ?? originUrl(root));
    return await planAt(root, head, ref, remote, files, options, use).catch((error: unknown) => {
      throw fromEngineError(error);
    });
  } finally {
    // Not needed after all (an error, or a guess that did not hold): stop git.
    prefetched?.cancel();
    (files ?? prefetched?.files)?.close();
  }
}

async function planAt<T>(root: string, head: string, ref: string, remote: string, files: CommitFiles, options: PlanOptions, use: UsePlan<T>): Promise<T> {
  const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : 'main';

  const previousLogger = releasePleaseLogger;
  // Plugins build strategies without a logger option; keep release-please quiet while planning.
  setLogger(silentLogger);
  try {
    const config = await readConfigAt(files, root);
    const identity = options.repository ?? identityFromRemote(remote);
    const repository = { owner: identity?.owner ?? '', repo: identity?.repo ?? '', defaultBranch: branch };
    const scm = localScm(files, repository);
    const notes = new FastChangelogNotes({ date: options.date ?? new Date().toISOString().slice(0, 10) });
    // changelog-host overrides the remote's host; release-please's default is GitHub.
    const host = identity?.host;
    const packages = Object.fromEntries(Object.entries(config.packages).map(([path, c]) => [path, { ...c, changelogHost: c.changelogHost ?? host }]));
    const strategies = await buildStrategies(packages, scm, branch, notes);

    const components: Record<string, string> = {};
    for (const [path, strategy] of Object.entries(strategies)) components[path] = (await strategy.getComponent()) ?? '';
    checkTagCollisions(components, packages);

    const tags = options.prefetched?.tags ?? (await readTags(root));
    const releasesByPath: Record<string, Release> = {};
    const baselines: Record<string, string | undefined> = {};
    for (const path of Object.keys(packages)) {
      const baseline = findBaseline({ path, config: packages[path]!, component: components[path]!, version: config.versions[path], tags, bootstrapSha: config.options.bootstrapSha });
      if (baseline.release) releasesByPath[path] = baseline.release;
      baselines[path] = config.options.lastReleaseSha ?? baseline.sha;
    }

    const starts = Object.values(baselines);
    const history = await readHistory(root, head, starts.every((s): s is string => Boolean(s)) ? starts : [], options.prefetched);
    const inRangeByPath = inRange(history, baselines);
    const all: Commit[] = history.map((c) => ({ sha: c.sha, message: c.message, files: c.files }));
    const routed = routeCommits(
      all,
      Object.keys(packages),
      Object.fromEntries(Object.entries(packages).map(([p, c]) => [p, c.excludePaths])),
    );
    const commitsByPath: Record<string, Commit[]> = {};
    for (const [path, commits] of Object.entries(routed)) {
      const keep = inRangeByPath[path];
      commitsByPath[path] = keep ? commits.filter((c) => keep.has(c.sha)) : commits;
    }

    const candidates = await buildCandidates({ packages, options: config.options, strategies, commitsByPath, releasesByPath, scm, targetBranch: branch, notes });
    const existing = new Set(await files.list());
    const plan = summarise({ head, branch, candidates, packages, components, versions: config.versions, commitsByPath, warnings: config.warnings, existing });
    return await use(plan, candidates, files);
  } finally {
    setLogger(previousLogger);
  }
}
