import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import { parseRepoFlag } from '../../platform/repo-flag.js';
import type { ReleasePlan, ReleasePrReport, ReleaseTagReport } from '../../release/types.js';
import type { Run } from '../run.js';

interface PlanFlags {
  dir?: string;
  date?: string;
  repo?: string;
}

interface PrFlags extends PlanFlags {
  dryRun?: boolean;
}

function planLines(plan: ReleasePlan): string {
  const lines: string[] = [];
  if (plan.releases.length === 0) lines.push('Nothing to release: no user-facing commits since the last releases.');
  for (const r of plan.releases) {
    lines.push(`${r.path} (${r.component || 'no component'}, ${r.releaseType}): ${r.current ?? 'unreleased'} → ${r.next}, tag ${r.tag}, ${r.commits} commit${r.commits === 1 ? '' : 's'}`);
    lines.push(...r.changelog.split('\n').map((l) => `    ${l}`.trimEnd()), '');
  }
  for (const pr of plan.pullRequests) lines.push(`pull request: "${pr.title}" on ${pr.branch} (${pr.files.length} files)`);
  if (plan.unchanged.length > 0) lines.push(`unchanged: ${plan.unchanged.map((u) => u.path).join(', ')}`);
  lines.push(...plan.warnings.map((w) => `warning: ${w}`));
  return lines.join('\n').trimEnd();
}

function prLines(report: ReleasePrReport): string {
  const lines: string[] = [];
  if (report.pullRequests.length === 0) lines.push(`${report.repo}: nothing to release on ${report.base} (${report.head.slice(0, 12)}); no release pull request needed.`);
  for (const pr of report.pullRequests) {
    const what = report.dryRun && pr.outcome !== 'unchanged' && pr.outcome !== 'skipped' ? `would be ${pr.outcome}` : pr.outcome;
    lines.push(`${report.repo}: release pull request${pr.number ? ` #${pr.number}` : ''} ${what}: "${pr.title}" on ${pr.branch}${pr.url ? `  ${pr.url}` : ''}`);
    for (const r of pr.releases) lines.push(`  ${r.path}${r.component && r.component !== r.path ? ` (${r.component})` : ''} → ${r.version}, tag ${r.tag}`);
    if (pr.files.length > 0) lines.push(`  files: ${pr.files.join(', ')}`);
    if (pr.reason) lines.push(`  ${pr.reason}`);
  }
  lines.push(...report.warnings.map((w) => `warning: ${w}`));
  return lines.join('\n');
}

function tagLines(report: ReleaseTagReport): string {
  if (report.releases.length === 0) return `${report.repo}: no merged release pull request waits for tags.`;
  const lines = report.releases.map(
    (r) => `${report.repo}: #${r.pullRequest} ${r.tag} on ${r.commit.slice(0, 12)} (tag ${r.tagOutcome}, release ${r.release.outcome})  ${r.release.url}`,
  );
  for (const pr of report.pullRequests) lines.push(`${report.repo}: #${pr.number} labelled ${pr.labels.join(', ')}`);
  return lines.join('\n');
}

function checkDate(date: string | undefined): void {
  if (date === undefined) return;
  // The shape, and a day the calendar has (2026-02-30 is not one).
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : undefined;
  if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== date) throw new InputError(`--date '${date}' is not a date written YYYY-MM-DD`, { date });
}

function repositoryFlag(value: string | undefined): { owner: string; repo: string } | undefined {
  if (!value) return undefined;
  const { owner, name } = parseRepoFlag(value);
  return { owner, repo: name };
}

/**
 * `paved release plan`: versions and changelogs release-please would propose, from local git.
 * `paved release pr | tag`: the release pull requests and, once merged, the tags and releases, on
 * the workspace's forge, or GitHub from the job's GITHUB_TOKEN where there is no workspace (the
 * repository named by --repo, or by the origin of the clone in --dir).
 */
export function registerReleaseCommands(program: Command, run: Run): void {
  const release = program.command('release').description('conventional commits to versions, changelogs, release pull requests and tags (release-please compatible)');
  release
    .command('plan')
    .description('what would be released, per package, from the local repository (no platform needed)')
    .option('--dir <dir>', 'a folder inside the repository (default: the current folder)')
    .option('--repo <owner/name>', 'the forge repository for changelog links, when the origin remote does not say')
    .option('--date <YYYY-MM-DD>', 'the date in changelog headings (default: today, UTC)')
    .action(
      run(async (flags: PlanFlags) => {
        checkDate(flags.date);
        const dir = flags.dir ?? process.cwd();
        // git lists the history while the release engine loads (see prefetch.ts).
        const { prefetchHistory } = await import('../../release/prefetch.js');
        const prefetched = await prefetchHistory(dir);
        const { planReleases } = await import('../../release/plan.js');
        const plan = await planReleases({ dir, date: flags.date, repository: repositoryFlag(flags.repo), prefetched });
        return { data: plan, human: planLines(plan) };
      }),
    );
  const where = (command: Command) =>
    command
      .option('--dir <dir>', "a clone of the repository, whose origin names it on the workspace's forge (default: the current folder)")
      .option('--repo <owner/name>', "the repository on the workspace's forge (instead of --dir)");
  where(release.command('pr'))
    .description("open or update the release pull request(s) on the forge from the default branch's commits (never merges)")
    .option('--date <YYYY-MM-DD>', 'the date in changelog headings (default: today, UTC)')
    .option('-n, --dry-run', 'say what would happen; push, open and comment nothing')
    .action(
      run(async (flags: PrFlags) => {
        checkDate(flags.date);
        const { withRepoForge } = await import('../../platform/repo-forge.js');
        const { releasePullRequests } = await import('../../release/pull-requests.js');
        return withRepoForge(program.opts().workspace as string | undefined, async (target) => {
          const repo = await target.repository({ repo: flags.repo, dir: flags.dir ?? process.cwd() });
          const report = await releasePullRequests(target.release, repo, { date: flags.date, dryRun: flags.dryRun });
          return { data: report, human: prLines(report) };
        });
      }),
    );
  where(release.command('tag'))
    .description('after a release pull request was merged: its tags on the merge commit, forge releases with the changelog as notes, the label set to tagged')
    .action(
      run(async (flags: PlanFlags) => {
        const { withRepoForge } = await import('../../platform/repo-forge.js');
        const { tagReleases } = await import('../../release/tag.js');
        return withRepoForge(program.opts().workspace as string | undefined, async (target) => {
          const repo = await target.repository({ repo: flags.repo, dir: flags.dir ?? process.cwd() });
          const report = await tagReleases(target.release, repo);
          return { data: report, human: tagLines(report) };
        });
      }),
    );
}
