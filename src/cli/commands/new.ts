import type { Command } from 'commander';
import { collectData } from '../data-args.js';
import type { Run } from '../run.js';

interface NewFlags {
  name: string;
  team: string;
  data: string[];
  dataFile?: string;
  defaults?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

const STEPS = { template: 'rendering the template', repository: 'creating the repository', gitops: 'writing namespaces and deployment to the GitOps repository', catalog: 'registering in the catalog' };

/** `paved new TEMPLATE --name N --team T`: a new component, from template to catalog, in one rerunnable step. */
export function registerNew(program: Command, run: Run): void {
  program
    .command('new')
    .description('create a component: repository from a template, namespaces, deployment, catalog entry')
    .argument('<template>', "a name from 'paved template list', or any git URL or path")
    .requiredOption('-N, --name <name>', 'the component (and repository) name')
    .requiredOption('-t, --team <team>', 'the owning team, from paved.yaml')
    .option('-d, --data <name=value>', 'answer a question (repeatable)', collect, [])
    .option('--data-file <file>', 'YAML file of answers')
    .option('-l, --defaults', 'never prompt: use --data, then the template defaults')
    .action(
      run(async (template: string, flags: NewFlags, json: boolean) => {
        const { openPlatform, cliActor } = await import('../../platform/platform.js');
        const { createComponent } = await import('../../platform/new.js');
        const { terminalPrompter } = await import('../prompter.js');
        const platform = await openPlatform(program.opts().workspace as string | undefined);
        try {
          const interactive = !flags.defaults && !json && process.stdin.isTTY === true;
          const started = Date.now();
          const report = await createComponent(platform, {
            template,
            name: flags.name,
            team: flags.team,
            data: await collectData(flags.data, flags.dataFile),
            defaults: !interactive,
            ...(interactive ? { prompter: terminalPrompter() } : {}),
            actor: cliActor(platform.workspace),
            // Progress goes to stderr so stdout stays the report (or the JSON document).
            onStep: (step) => process.stderr.write(`paved new: ${STEPS[step]}…\n`),
            output: process.stderr,
          });
          const lines = [
            `${report.resumed ? 'Finished' : 'Created'} ${report.component} for team ${report.team} from ${report.template}${report.version ? ` ${report.version}` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
            `  repository  ${report.repo}  ${report.webUrl}`,
            `  clone       git clone ${report.cloneUrl}`,
            `  gitops      ${report.gitops.length} file(s)${report.gitopsCommit ? `, commit ${report.gitopsCommit.slice(0, 12)}` : ' (already there)'}${report.deploys ? '' : '; no deploy.yaml, so nothing deploys'}`,
            `  catalog     component:default/${report.component}  (paved catalog list)`,
          ];
          return { data: report, human: lines.join('\n') };
        } finally {
          await platform.close();
        }
      }),
    );
}
