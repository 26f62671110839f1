import type { Command } from 'commander';
import { InputError } from '../../errors.js';
import type { ReleasePlan } from '../../release/types.js';
import type { Run } from '../run.js';

interface PlanFlags {
  dir?: string;
  date?: string;
  repo?: string;
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

function repositoryFlag(value: string | undefined): { owner: string; repo: string } | undefined {
  if (!value) return undefined;
  const match = value.match(/^([\w.-]+)\/([\w.-]+)$/);
  if (!match) throw new InputError(`--repo '${value}' is not OWNER/NAME`, { repo: value });
  return { owner: match[1]!, repo: match[2]! };
}

/** `paved release plan`: versions and changelogs release-please would propose, from local git. */
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
        if (flags.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags.date)) throw new InputError(`--date '${flags.date}' is not YYYY-MM-DD`, { date: flags.date });
        const { planReleases } = await import('../../release/plan.js');
        const plan = await planReleases({ dir: flags.dir ?? process.cwd(), date: flags.date, repository: repositoryFlag(flags.repo) });
        return { data: plan, human: planLines(plan) };
      }),
    );
}
