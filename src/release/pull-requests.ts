/**
 * `paved release pr`: the release pull requests of the plan, on the forge. Per pull request: one
 * commit with the files release-please's updaters wrote, on the default branch's head; pushed to
 * release-please's branch only when the branch is the bot's own (a person's commits there are
 * never overwritten: the pull request gets a comment instead); the pull request opened, or
 * updated in place with release-please's title, body and labels. Nothing is merged.
 */
import { ConflictError, InputError } from '../errors.js';
import type { Repository } from '../forge/types.js';
import { commentOncePerHead, personPush } from '../git/bot-branch.js';
import { gitRaw } from '../git/git.js';
import { blobs, commitChanges, RELEASE_BOT, releaseMessage, type BlobEntry } from './bot-commit.js';
import { identityOf, withClone, type ReleaseContext } from './clone.js';
import { CommitFiles } from './files.js';
import { hasAll, mergedPending, releaseLabels, tagCommand, type ReleaseLabels } from './labels.js';
import { draftReleases } from './plan.js';
import { readConfigAt } from './read-config.js';
import type { FileChange, PlannedPullRequest, ReleasePlan, ReleasePrReport, ReleasePullRequestReport } from './types.js';

export interface ReleasePrOptions {
  /** The day changelog headings carry (YYYY-MM-DD); today in UTC by default. */
  date?: string;
  /** Build everything in the throw-away clone; push, open and comment nothing. */
  dryRun?: boolean;
}

interface Work {
  ctx: ReleaseContext;
  repo: Repository;
  dir: string;
  plan: ReleasePlan;
  dryRun: boolean;
  signoff?: string;
}

export async function releasePullRequests(ctx: ReleaseContext, repo: Repository, options: ReleasePrOptions = {}): Promise<ReleasePrReport> {
  return withClone(ctx, repo, async (dir) => {
    const head = (await gitRaw(['rev-parse', 'HEAD'], { cwd: dir })).stdout.toString('utf8').trim();
    const files = new CommitFiles(dir, head);
    const config = await readConfigAt(files, repo.fullName).finally(() => files.close());
    const labels = releaseLabels(config.options);
    await refuseUntagged(ctx, repo, labels);
    const draft = await draftReleases({ dir, date: options.date, repository: identityOf(repo) }).catch(async (error: unknown) => {
      throw await explainMissingTag(ctx, repo, labels, error);
    });
    const work: Work = { ctx, repo, dir, plan: draft.plan, dryRun: options.dryRun ?? false, signoff: config.options.signoff };
    const pullRequests: ReleasePullRequestReport[] = [];
    for (const planned of draft.plan.pullRequests) pullRequests.push(await updateOne(work, planned, draft.changes[planned.branch] ?? []));
    return { repo: repo.fullName, base: draft.plan.branch, head: draft.plan.head, dryRun: work.dryRun, pullRequests, unchanged: draft.plan.unchanged, warnings: draft.plan.warnings };
  });
}

/**
 * release-please opens nothing while a merged release pull request is untagged: the plan would
 * start from a version whose tag does not exist yet.
 */
async function refuseUntagged(ctx: ReleaseContext, repo: Repository, labels: ReleaseLabels): Promise<void> {
  const [pr] = await mergedPending(ctx.forge, repo, labels.pending);
  if (!pr) return;
  throw new ConflictError(
    `release pull request #${pr.number} was merged${pr.mergeCommit ? ` (${pr.mergeCommit.slice(0, 12)})` : ''} but is not tagged yet; run '${tagCommand(repo)}' first: it tags the merge and creates the releases, and the next release pull request starts from them`,
    { reason: 'untagged-release', pullRequest: pr.number, repo: repo.fullName },
  );
}

/** A missing baseline tag right after a release pull request was merged and unlabelled: say which one and how to tag it. */
async function explainMissingTag(ctx: ReleaseContext, repo: Repository, labels: ReleaseLabels, error: unknown): Promise<unknown> {
  const expected = error instanceof InputError ? error.details.expectedTag : undefined;
  if (typeof expected !== 'string') return error;
  const merged = await ctx.forge.listPullRequests(repo, { state: 'merged', base: repo.defaultBranch });
  const untagged = merged.find((pr) => pr.head.startsWith('release-please--') && !hasAll(pr.labels, labels.tagged) && pr.mergeCommit);
  if (!untagged) return error;
  return new ConflictError(
    `release pull request #${untagged.number} (merged as ${untagged.mergeCommit!.slice(0, 12)}) was never tagged, so tag '${expected}' is missing: ` +
      `label it '${labels.pending.join("', '")}' and run '${tagCommand(repo)}', or tag the merge yourself (git tag ${expected} ${untagged.mergeCommit} && git push origin ${expected}); then rerun`,
    { reason: 'untagged-release', pullRequest: untagged.number, expectedTag: expected, repo: repo.fullName },
    { cause: error },
  );
}

async function remoteBranch(dir: string, branch: string): Promise<string | null> {
  const result = await gitRaw(['rev-parse', '--verify', '--quiet', `refs/remotes/origin/${branch}`], { cwd: dir, okCodes: [1] });
  return result.stdout.toString('utf8').trim() || null;
}

function sameBlobs(a: Map<string, BlobEntry>, b: Map<string, BlobEntry>): boolean {
  return a.size === b.size && [...a].every(([path, blob]) => b.get(path)?.sha === blob.sha && b.get(path)?.mode === blob.mode);
}

async function updateOne(work: Work, planned: PlannedPullRequest, changes: FileChange[]): Promise<ReleasePullRequestReport> {
  const { ctx, repo, dir, plan } = work;
  const { forge } = ctx;
  const releases = plan.releases.filter((r) => r.branch === planned.branch).map((r) => ({ component: r.component, path: r.path, version: r.next, tag: r.tag }));
  const report = { branch: planned.branch, title: planned.title, releases, files: changes.map((c) => c.path) };
  const open = await forge.findOpenPullRequest(repo, planned.branch);
  const link = open ? { number: open.number, url: open.url } : {};
  const remote = await remoteBranch(dir, planned.branch);
  const pushed = remote ? await personPush(dir, RELEASE_BOT, plan.head, remote) : undefined;
  if (pushed) {
    if (open && !work.dryRun) {
      await commentOncePerHead(forge, repo, open.number, pushed, `New commits are ready to release, but someone pushed to \`${planned.branch}\` (${pushed.short}), so \`paved release pr\` leaves the branch alone. Merge or close this pull request (or delete the branch) to get the release pull request refreshed.`);
    }
    return { ...report, outcome: 'skipped', ...link, commit: pushed.head, reason: `someone pushed to ${planned.branch} (${pushed.short}); not overwritten${open ? ' (the pull request got a comment)' : ''}` };
  }

  // A dry run only needs the ids: nothing it builds is pushed.
  const { commit, files } = await commitChanges(dir, plan.head, changes, releaseMessage(planned.title, planned.branch, work.signoff), { hashOnly: work.dryRun });
  // The branch already holds these files: main moving on with nothing new to release leaves it alone, as release-please does.
  const filesCurrent = remote !== null && sameBlobs(await blobs(dir, remote, changes.map((c) => c.path)), files);
  const textCurrent = open !== undefined && open.title === planned.title && open.body === planned.body && hasAll(open.labels, planned.labels);
  if (filesCurrent && textCurrent) return { ...report, outcome: 'unchanged', ...link, commit: remote };
  const outcome = open ? 'updated' : 'created';
  if (work.dryRun) return { ...report, outcome, ...link, commit: filesCurrent ? remote : commit };

  if (!filesCurrent) {
    await forge.push(repo, dir, [{ src: commit, dst: planned.branch, expected: remote }]).catch((error: unknown) => {
      throw error instanceof ConflictError ? new ConflictError(`${planned.branch} moved while this run worked on it; rerun 'paved release pr' to build on the new state`, { reason: 'stale', branch: planned.branch }, { cause: error }) : error;
    });
  }
  const text = { title: planned.title, body: planned.body };
  const pr = open
    ? await forge.updatePullRequest(repo, open.number, { ...text, labels: [...new Set([...open.labels, ...planned.labels])] })
    : await forge.openPullRequest(repo, { head: planned.branch, base: repo.defaultBranch, ...text, labels: planned.labels });
  return { ...report, outcome, number: pr.number, url: pr.url, commit: filesCurrent ? remote! : commit };
}
