import type { Command } from 'commander';
import type { FleetContext } from '../../fleet/run.js';
import { InputError } from '../../errors.js';
import type { ComponentStatus, SyncResult } from '../../fleet/types.js';
import { EXIT } from '../exit.js';
import type { Run } from '../run.js';

interface StatusFlags {
  team?: string;
  template?: string;
  grouped?: boolean;
}

interface SyncFlags extends StatusFlags {
  shard?: string;
  dryRun?: boolean;
  trust?: boolean;
  concurrency: string;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

function statusLines(components: ComponentStatus[]): string {
  if (components.length === 0) return 'No components: no repository of the organisation holds a Copier answers file.';
  const rows = components.map((c) => [
    c.component,
    `${c.repo}${c.path ? `/${c.path}` : ''}`,
    c.template ?? '?',
    c.version ?? '?',
    c.latest ?? '?',
    c.state === 'behind' ? `behind ${c.behindBy}` : c.state,
    c.pullRequest ? `#${c.pullRequest.number}${c.pullRequest.conflicted ? ' (conflicts)' : ''}` : c.problem ?? '',
  ]);
  const counts = ['current', 'behind', 'unknown-template', 'broken'].map((s) => `${components.filter((c) => c.state === s).length} ${s}`).join(', ');
  return `${table([['COMPONENT', 'WHERE', 'TEMPLATE', 'ON', 'LATEST', 'STATE', 'PULL REQUEST / PROBLEM'], ...rows])}\n\n${components.length} components: ${counts}`;
}

export function summaryLines(results: SyncResult[]): string {
  const outcomes = ['opened', 'updated', 'unchanged', 'current', 'conflicted', 'skipped', 'failed'] as const;
  const rows = results.map((r) => [r.component, `${r.repo}${r.path ? `/${r.path}` : ''}`, r.outcome, r.from && r.to ? `${r.from} → ${r.to}` : '', r.pullRequest ? `#${r.pullRequest.number} ${r.pullRequest.url}` : r.error ?? '']);
  const counts = outcomes.map((o) => [o, String(results.filter((r) => r.outcome === o).length)]);
  return `${results.length ? `${table([['COMPONENT', 'WHERE', 'OUTCOME', 'VERSIONS', 'PULL REQUEST / WHY'], ...rows])}\n\n` : ''}${table([['OUTCOME', 'COMPONENTS'], ...counts])}`;
}

/** Progress for long runs: plain lines on stderr (the same on a terminal and in CI), one per component. */
export function progressLine(result: SyncResult, done: number, total: number): void {
  const detail = result.pullRequest ? ` #${result.pullRequest.number}` : result.error ? `: ${result.error}` : '';
  process.stderr.write(`[${done}/${total}] ${result.repo}${result.path ? `/${result.path}` : ''}: ${result.outcome}${detail}\n`);
}

/**
 * The fleet of the workspace's forge (the local one, or GitHub with paved.yaml's forge.tokenEnv),
 * or, in a GitHub Actions job with no workspace, of the repository owner's organisation.
 */
async function withFleet<T>(program: Command, use: (ctx: FleetContext) => Promise<T>): Promise<T> {
  const { withRepoForge } = await import('../../platform/repo-forge.js');
  return withRepoForge(program.opts().workspace as string | undefined, (target) => {
    if (!target.organisation) throw new InputError('no organisation to run over: run in a platform workspace (paved.yaml names it), or set GITHUB_REPOSITORY_OWNER', {});
    return use(target.fleet(target.organisation));
  });
}

/** `paved fleet status | sync`: every component's drift from its template, and the update pull requests. */
export function registerFleetCommands(program: Command, run: Run): void {
  const fleet = program.command('fleet').description('template drift across the organisation, and update pull requests for it');
  fleet
    .command('status')
    .description("each component's template version against the template's newest, with its open update pull request")
    .option('--team <team>', 'only this team’s components')
    .option('--template <name>', 'only components of this template (name or source)')
    .option('--grouped', 'look for one update pull request per repository (as sync --grouped makes)')
    .action(
      run(async (flags: StatusFlags) => {
        const { fleetStatus } = await import('../../fleet/run.js');
        return withFleet(program, async (ctx) => {
          const components = await fleetStatus(ctx, { team: flags.team, template: flags.template }, { grouped: flags.grouped });
          return { data: { components }, human: statusLines(components) };
        });
      }),
    );
  fleet
    .command('sync')
    .description('open or refresh one update pull request per component that is behind (never merged automatically)')
    .option('--team <team>', 'only this team’s components')
    .option('--template <name>', 'only components of this template (name or source)')
    .option('--shard <I/N>', 'only shard I of N (by repository; for parallel runners)')
    .option('--grouped', 'one pull request per repository for all its subprojects')
    .option('--concurrency <n>', 'pull requests worked on at once', '4')
    .option('-n, --dry-run', 'say what would happen; push and open nothing')
    .option('--trust', "let templates run their _tasks and _migrations (in the fleet's throw-away checkout); without it such updates fail")
    .action(
      run(async (flags: SyncFlags, json: boolean) => {
        const concurrency = Number(flags.concurrency);
        if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) throw new InputError(`--concurrency must be a whole number from 1 to 32, not '${flags.concurrency}'`, { field: 'concurrency' });
        const { fleetSync } = await import('../../fleet/run.js');
        return withFleet(program, async (ctx) => {
          const results = await fleetSync(ctx, { team: flags.team, template: flags.template, shard: flags.shard, grouped: flags.grouped, dryRun: flags.dryRun, trust: flags.trust, concurrency, onResult: json ? undefined : progressLine });
          return { data: { results }, human: summaryLines(results), exitCode: results.some((r) => r.outcome === 'failed') ? EXIT.failure : EXIT.ok };
        });
      }),
    );
}
