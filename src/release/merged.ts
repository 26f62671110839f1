/**
 * The releases a merged release pull request makes, decided by release-please's own strategies
 * (`buildReleases`) over the files of the merge commit: the version from the title or body, the
 * tag name (with its component in a monorepo), the release name and the changelog entry as notes.
 */
import type { PullRequest as ReleasePleasePullRequest } from 'release-please/build/src/pull-request.js';
import { logger as releasePleaseLogger, setLogger } from 'release-please/build/src/util/logger.js';
import type { PullRequest, Repository } from '../forge/types.js';
import { FastChangelogNotes } from './changelog/notes.js';
import { CommitFiles } from './files.js';
import { readConfigAt } from './read-config.js';
import { localScm } from './scm.js';
import { silentLogger } from './silent-logger.js';
import { buildStrategies } from './strategies.js';

export interface MergedRelease {
  path: string;
  component: string;
  version: string;
  tag: string;
  name: string;
  notes: string;
  /** The merge commit. */
  sha: string;
  prerelease: boolean;
}

export interface MergedReleases {
  releases: MergedRelease[];
  /** Every package skips forge releases (`skip-github-release`): nothing to tag is then no mistake. */
  allSkipped: boolean;
}

export async function releasesOf(dir: string, repo: Repository, pr: PullRequest & { mergeCommit: string }): Promise<MergedReleases> {
  const files = new CommitFiles(dir, pr.mergeCommit);
  const previousLogger = releasePleaseLogger;
  setLogger(silentLogger);
  try {
    const config = await readConfigAt(files, `${repo.fullName} at ${pr.mergeCommit.slice(0, 12)}`);
    const scm = localScm(files, { owner: repo.owner, repo: repo.name, defaultBranch: pr.base });
    const strategies = await buildStrategies(config.packages, scm, pr.base, new FastChangelogNotes({ date: '' }));
    const merged: ReleasePleasePullRequest = { headBranchName: pr.head, baseBranchName: pr.base, number: pr.number, title: pr.title, body: pr.body, labels: pr.labels, files: [], sha: pr.mergeCommit };
    const releases: MergedRelease[] = [];
    for (const [path, strategy] of Object.entries(strategies)) {
      const component = (await strategy.getComponent()) ?? '';
      for (const release of await strategy.buildReleases(merged, { groupPullRequestTitlePattern: config.options.groupPullRequestTitlePattern })) {
        const version = release.tag.version;
        releases.push({
          path,
          component,
          version: version.toString(),
          tag: release.tag.toString(),
          name: release.name ?? release.tag.toString(),
          notes: release.notes,
          sha: release.sha,
          // release-please's rule: `prerelease` marks only pre-release and 0.x versions.
          prerelease: Boolean(config.packages[path]!.prerelease) && (Boolean(version.preRelease) || version.major === 0),
        });
      }
    }
    return { releases, allSkipped: Object.values(config.packages).every((p) => p.skipGithubRelease) };
  } finally {
    setLogger(previousLogger);
    files.close();
  }
}
