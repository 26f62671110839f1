import type { Command } from 'commander';
import type { Run } from '../run.js';

/** `paved init [DIR]`: create (or complete) a platform workspace; running it twice changes nothing. */
export function registerInit(program: Command, run: Run): void {
  program
    .command('init')
    .argument('[dir]', 'workspace folder', '.')
    .description('create a platform workspace: paved.yaml, the store, the local forge, the acme organisation and its repositories')
    .action(
      run(async (dir: string) => {
        const { initWorkspace } = await import('../../platform/init.js');
        const report = await initWorkspace(dir);
        const lines = [
          `${report.created.length > 0 ? 'Workspace ready' : 'Workspace already complete; nothing changed'}: ${report.dir}`,
          ...report.created.map((item) => `  created    ${item}`),
          ...report.unchanged.map((item) => `  unchanged  ${item}`),
          ...report.golden.filter((g) => g.outcome === 'skipped').map((g) => `  skipped    ${g.repo}: ${g.reason}`),
          ...report.tokens.map((t) => `  token of ${t.login}: ${t.file} (readable by you only)`),
          `Next: paved start --workspace ${report.dir}   (repositories at ${report.forgeUrl}/${report.organisation}/<repo>.git)`,
        ];
        return { data: report, human: lines.join('\n') };
      }),
    );
}
