import type { Command } from 'commander';
import type { Run } from '../../run.js';
import { engine, operationOutcome, renderOptions, withRenderFlags, type RenderFlags } from './render-flags.js';

/** `paved template copy SRC DST`: make a project from a template. */
export function registerTemplateCopy(template: Command, run: Run): void {
  withRenderFlags(template.command('copy').argument('<src>', 'template: a folder, a git repo, or a git URL').argument('<dst>', 'destination folder'))
    .description('make a project from a template')
    .option('-w, --overwrite', 'replace existing files that differ')
    .action(
      run(async (src: string, dst: string, flags: RenderFlags & { overwrite?: boolean }, json: boolean) => {
        const { copyTemplate } = await engine();
        return operationOutcome(await copyTemplate({ ...(await renderOptions(flags, json)), src, dst, overwrite: flags.overwrite ?? false }));
      }),
    );
}
