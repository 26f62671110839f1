import type { Command } from 'commander';
import type { DeployRenderReport } from '../../platform/deploy.js';
import type { Run } from '../run.js';

interface RenderFlags {
  out?: string;
  env?: string[];
}

function summary(report: DeployRenderReport, verb: string): string {
  const { plan } = report;
  const changes = [...plan.create.map((p) => `  create  ${p}`), ...plan.update.map((p) => `  update  ${p}`), ...plan.delete.map((p) => `  delete  ${p}`)];
  const head = `${report.components.length} component(s) → ${report.target}: ${plan.create.length} to create, ${plan.update.length} to update, ${plan.delete.length} to delete, ${plan.unchanged.length} unchanged`;
  if (changes.length === 0) return `${head}\nNothing to ${verb}: the GitOps tree is up to date.`;
  return [head, ...changes, ...(report.commit ? [`Pushed ${report.commit.slice(0, 12)}.`] : [])].join('\n');
}

/** `paved deploy render | diff`. */
export function registerDeployCommands(program: Command, run: Run): void {
  const deploy = program.command('deploy').description('render components into the GitOps repo for ArgoCD');
  const workspace = () => program.opts().workspace as string | undefined;
  const collect = (value: string, previous: string[] = []) => [...previous, value];
  const action = (dryRun: boolean) =>
    run(async (flags: RenderFlags) => {
      const { openPlatform } = await import('../../platform/platform.js');
      const { renderGitOps } = await import('../../platform/deploy.js');
      const platform = await openPlatform(workspace());
      try {
        const report = await renderGitOps(platform, { out: flags.out, environments: flags.env, dryRun });
        const human = summary(report, dryRun ? 'change' : 'write');
        return { data: report, human: report.diff ? `${human}\n\n${report.diff.trimEnd()}` : human };
      } finally {
        await platform.close();
      }
    });
  deploy
    .command('render')
    .description('render every component with a deploy.yaml, for every environment and cluster, into the GitOps repo (or --out DIR)')
    .option('-o, --out <dir>', 'write the tree into this folder instead of committing to the GitOps repo')
    .option('-e, --env <name>', 'only this environment (repeatable)', collect)
    .action(action(false));
  deploy
    .command('diff')
    .description('show what deploy render would change, as a unified diff; writes nothing')
    .option('-o, --out <dir>', 'compare with this folder instead of the GitOps repo')
    .option('-e, --env <name>', 'only this environment (repeatable)', collect)
    .action(action(true));
  deploy
    .command('promote')
    .argument('<component>', 'a component with a deploy.yaml')
    .requiredOption('--from <environment>', 'the environment whose version is promoted')
    .requiredOption('--to <environment>', 'the environment that gets it (later in the promotion order)')
    .description('open (or refresh) a pull request on the GitOps repo that runs --from\'s version in --to')
    .action(
      run(async (component: string, flags: { from: string; to: string }) => {
        const { openPlatform } = await import('../../platform/platform.js');
        const { promote } = await import('../../platform/promote.js');
        const platform = await openPlatform(workspace());
        try {
          const report = await promote(platform, { component, from: flags.from, to: flags.to });
          const human =
            report.outcome === 'current'
              ? `${component} ${report.version} already runs in ${report.to}; nothing to promote.`
              : `${report.outcome === 'opened' ? 'Opened' : 'Updated'} pull request #${report.pullRequest!.number}: promote ${component} ${report.version} to ${report.to} (now ${report.previous})\n  ${report.pullRequest!.url}`;
          return { data: report, human };
        } finally {
          await platform.close();
        }
      }),
    );
}
