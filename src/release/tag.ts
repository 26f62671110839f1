/**
 * `paved release tag`: after a release pull request was merged, its tags on the merge commit, a
 * forge release per tag with the changelog entry as notes, and its label swapped from pending to
 * tagged, as release-please's createReleases does. Every step looks before it acts, so a rerun
 * (or a run after one cut short) finishes the work without making anything twice.
 */
import { ConflictError } from '../errors.js';
import type { Forge, PullRequest, Repository } from '../forge/types.js';
import { gitRaw } from '../git/git.js';
import { withClone, type ReleaseContext } from './clone.js';
import { CommitFiles } from './files.js';
import { mergedPending, releaseLabels, type ReleaseLabels } from './labels.js';
import { fromEngineError } from './engine-errors.js';
import { releasesOf, type MergedRelease } from './merged.js';
import { readConfigAt } from './read-config.js';
import type { ExistingOrCreated, ReleaseTagReport, TaggedRelease } from './types.js';

export async function tagReleases(ctx: ReleaseContext, repo: Repository): Promise<ReleaseTagReport> {
  return withClone(ctx, repo, async (dir) => {
    const head = (await gitRaw(['rev-parse', 'HEAD'], { cwd: dir })).stdout.toString('utf8').trim();
    const files = new CommitFiles(dir, head);
    const config = await readConfigAt(files, repo.fullName).finally(() => files.close());
    const labels = releaseLabels(config.options);
    const report: ReleaseTagReport = { repo: repo.fullName, tags: [], releases: [], pullRequests: [] };
    const pending = await mergedPending(ctx.forge, repo, labels.pending);
    if (pending.length === 0) return report;
    const tags = new Map((await ctx.forge.listTags(repo)).map((t) => [t.name, t.commit]));
    for (const pr of pending) await tagOne({ forge: ctx.forge, repo, dir, labels, tags, report }, pr);
    return report;
  });
}

interface Work {
  forge: Forge;
  repo: Repository;
  dir: string;
  labels: ReleaseLabels;
  /** Tag name → commit on the forge, kept current as tags are made. */
  tags: Map<string, string>;
  report: ReleaseTagReport;
}

async function tagOne(work: Work, pr: PullRequest): Promise<void> {
  const { forge, repo, labels, tags, report } = work;
  const mergeCommit = await checkedMergeCommit(work, pr);
  const { releases, allSkipped } = await releasesOf(work.dir, repo, { ...pr, mergeCommit }).catch((error: unknown) => {
    throw fromEngineError(error);
  });
  if (releases.length === 0 && !allSkipped) {
    throw new ConflictError(
      `release pull request #${pr.number} is merged and labelled '${labels.pending.join("', '")}', but its title and body name no release (were they edited?), so it can never be tagged and blocks the next release pull request: ` +
        `restore release-please's title and body and rerun, or, if it released nothing, replace the label with '${labels.tagged.join("', '")}'`,
      { reason: 'stuck-label', pullRequest: pr.number, repo: repo.fullName },
    );
  }
  // Every tag is checked before any is made: a pull request is tagged whole or not at all.
  for (const release of releases) {
    const existing = tags.get(release.tag);
    if (existing && existing !== release.sha) {
      throw new ConflictError(
        `tag '${release.tag}' already exists on ${existing.slice(0, 12)}, not on ${release.sha.slice(0, 12)} (the merge of release pull request #${pr.number}): ` +
          `if ${existing.slice(0, 12)} is that release, replace the label of #${pr.number} with '${labels.tagged.join("', '")}' by hand; otherwise delete the tag (git push origin :refs/tags/${release.tag}) and rerun`,
        { reason: 'tag-elsewhere', tag: release.tag, commit: existing, expected: release.sha, pullRequest: pr.number },
      );
    }
  }
  const made: TaggedRelease[] = [];
  for (const release of releases) made.push(await publish(work, pr, release));
  const created = made.filter((r) => r.release.outcome === 'created');
  if (created.length > 0) {
    // release-please's comment, so a pull request reads the same whichever tool tagged it.
    await forge.comment(repo, pr.number, `🤖 Created releases:\n\n${created.map((r) => `- [${r.tag}](${r.release.url})`).join('\n')}\n\n:sunflower:`);
  }
  const swapped = [...new Set([...pr.labels.filter((l) => !labels.pending.includes(l)), ...labels.tagged])];
  const updated = await forge.updatePullRequest(repo, pr.number, { labels: swapped });
  report.releases.push(...made);
  report.pullRequests.push({ number: updated.number, url: updated.url, labels: updated.labels });
}

async function checkedMergeCommit(work: Work, pr: PullRequest): Promise<string> {
  const where = `release pull request #${pr.number}`;
  if (!pr.mergeCommit) throw new ConflictError(`${where} is merged but the forge knows no merge commit; tag it by hand (git tag <tag> <commit>) and replace its label with '${work.labels.tagged.join("', '")}'`, { reason: 'no-merge-commit', pullRequest: pr.number });
  const found = await gitRaw(['cat-file', '-e', `${pr.mergeCommit}^{commit}`], { cwd: work.dir, okCodes: [1, 128] });
  if (found.code !== 0) {
    throw new ConflictError(`the merge commit ${pr.mergeCommit.slice(0, 12)} of ${where} is no longer on ${work.repo.defaultBranch} (was the branch rewritten?); tag the commit that holds the release by hand and replace the label with '${work.labels.tagged.join("', '")}'`, {
      reason: 'no-merge-commit',
      pullRequest: pr.number,
    });
  }
  return pr.mergeCommit;
}

async function publish(work: Work, pr: PullRequest, release: MergedRelease): Promise<TaggedRelease> {
  const { forge, repo, tags } = work;
  let tagOutcome: ExistingOrCreated = 'existing';
  if (!tags.has(release.tag)) {
    await forge.createTag(repo, { name: release.tag, commit: release.sha });
    tags.set(release.tag, release.sha);
    work.report.tags.push(release.tag);
    tagOutcome = 'created';
  }
  let forgeRelease = await forge.getRelease(repo, release.tag);
  let outcome: ExistingOrCreated = 'existing';
  if (!forgeRelease) {
    forgeRelease = await forge.createRelease(repo, { tag: release.tag, name: release.name, body: release.notes, prerelease: release.prerelease });
    outcome = 'created';
  }
  return {
    pullRequest: pr.number,
    component: release.component,
    path: release.path,
    version: release.version,
    tag: release.tag,
    commit: release.sha,
    tagOutcome,
    release: { name: forgeRelease.name, url: forgeRelease.url, outcome },
  };
}
