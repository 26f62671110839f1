import type { Command } from 'commander';
import type { OrgApplyReport, OrgPlanReport, OrgTarget } from '../../platform/org.js';
import { EXIT } from '../exit.js';
import type { Run } from '../run.js';

function planText(plan: OrgPlanReport | OrgApplyReport['plan'], forge: string): string[] {
  const counts = (action: string) => plan.changes.filter((c) => c.action === action).length;
  return [
    `${plan.organisation} on the ${forge} forge: ${plan.managed.teams.length} team(s), ${plan.managed.repositories.length} repository(ies) managed; ${counts('create')} to create, ${counts('update')} to update, ${counts('delete')} to delete`,
    ...(plan.unmanagedTeams.length > 0 ? [`  left alone (not in paved.yaml): team ${plan.unmanagedTeams.join(', ')}`] : []),
    ...plan.warnings.map((w) => `warning: ${w}`),
  ];
}

/** The organisation's forge and store for one command, closed after it. */
async function withTarget<T>(workspace: string | undefined, use: (target: OrgTarget) => Promise<T>): Promise<T> {
  const { openOrgTarget } = await import('../../platform/org.js');
  const target = await openOrgTarget({ workspace });
  try {
    return await use(target);
  } finally {
    await target.close();
  }
}

/** `paved org plan | apply`: the organisation on the forge (teams, permissions, branch protection, labels) from paved.yaml and the catalog. */
export function registerOrgCommands(program: Command, run: Run): void {
  const org = program.command('org').description('the organisation as code: teams, team permissions, protected default branches and labels from paved.yaml and the catalog');
  const workspace = () => program.opts().workspace as string | undefined;
  org
    .command('plan')
    .description('show what org apply would change on the forge; exit 2 when there are changes, 0 when none')
    .action(
      run(async () => {
        const { planOrganisation } = await import('../../platform/org.js');
        const { describeChange } = await import('../../org/index.js');
        return withTarget(workspace(), async (target) => {
          const plan = await planOrganisation(target);
          const lines = [...planText(plan, plan.forge), ...plan.changes.map((c) => `  ${describeChange(c)}`)];
          if (plan.changes.length === 0) lines.push('Nothing to change: the organisation matches paved.yaml.');
          else lines.push("Run 'paved org apply' to make these changes.");
          return { data: plan, human: lines.join('\n'), exitCode: plan.changes.length > 0 ? EXIT.attention : EXIT.ok };
        });
      }),
    );
  org
    .command('apply')
    .description('make the changes org plan shows (never deletes teams, repositories or labels; members and permissions only with org.prune)')
    .action(
      run(async () => {
        const { applyOrganisation } = await import('../../platform/org.js');
        const { describeChange } = await import('../../org/index.js');
        return withTarget(workspace(), async (target) => {
          const report = await applyOrganisation(target);
          const lines = [
            ...planText(report.plan, report.forge),
            ...report.results.map((r) => `  ${r.outcome === 'done' ? 'done   ' : r.outcome === 'skipped' ? 'skipped' : 'FAILED '} ${describeChange(r.change)}${r.error ? `: ${r.error.message}` : ''}`),
            report.results.length === 0 ? 'Nothing to change: the organisation matches paved.yaml.' : `${report.results.length - report.failed} change(s) made${report.failed ? `, ${report.failed} failed or skipped; fix them and run 'paved org apply' again` : ''}.`,
          ];
          return { data: report, human: lines.join('\n'), exitCode: report.failed > 0 ? EXIT.failure : EXIT.ok };
        });
      }),
    );
}
