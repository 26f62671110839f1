import type { Command } from 'commander';
import type { Run } from '../run.js';

/** `paved namespace create --team T [--env E]`: idempotent; a second run changes nothing. */
export function registerNamespaceCommands(program: Command, run: Run): void {
  const namespace = program.command('namespace').description("teams' namespaces: quotas, RBAC, network policies, ArgoCD projects");
  namespace
    .command('create')
    .description("render a team's namespace on every cluster (of one environment) into the GitOps repo")
    .requiredOption('-t, --team <team>', 'a team from paved.yaml')
    .option('-e, --env <environment>', 'only this environment')
    .option('-o, --out <dir>', 'write into this folder instead of committing to the GitOps repo')
    .action(
      run(async (flags: { team: string; env?: string; out?: string }) => {
        const { openPlatform } = await import('../../platform/platform.js');
        const { createTeamNamespaces } = await import('../../platform/namespace.js');
        const platform = await openPlatform(program.opts().workspace as string | undefined);
        try {
          const report = await createTeamNamespaces(platform, { team: flags.team, environment: flags.env, out: flags.out });
          const { plan } = report;
          const changed = [...plan.create.map((p) => `  create  ${p}`), ...plan.update.map((p) => `  update  ${p}`)];
          const lines = [
            `${report.team} → ${report.target}: ${plan.create.length} to create, ${plan.update.length} to update, ${plan.unchanged.length} unchanged`,
            ...changed,
            ...(changed.length === 0 ? ['Nothing to write: the namespaces are already there.'] : []),
            ...(report.commit ? [`Pushed ${report.commit.slice(0, 12)}.`] : []),
            ...report.warnings.map((w) => `warning: ${w}`),
          ];
          return { data: report, human: lines.join('\n') };
        } finally {
          await platform.close();
        }
      }),
    );
}
