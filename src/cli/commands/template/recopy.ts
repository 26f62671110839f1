import type { Command } from 'commander';
import type { Run } from '../../run.js';
import { requireProjectFolder } from './project-args.js';
import { engine, operationOutcome, renderOptions, withRenderFlags, type RenderFlags } from './render-flags.js';

/** `paved template recopy [DST]`: render afresh over the project with its recorded answers. */
export function registerTemplateRecopy(template: Command, run: Run): void {
  withRenderFlags(template.command('recopy').argument('[dst]', 'project folder', '.'))
    .description('render the template afresh over a project with its recorded answers')
    .option('-w, --overwrite', 'also replace differing files git does not track (ignored or untracked)')
    .action(
      run(async (dst: string, flags: RenderFlags & { overwrite?: boolean }, json: boolean) => {
        await requireProjectFolder(dst);
        const options = { ...(await renderOptions(flags, json)), dst, overwrite: flags.overwrite ?? false };
        const { recopyProject } = await engine();
        return operationOutcome(await recopyProject(options));
      }),
    );
}
