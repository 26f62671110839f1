import type { Command } from 'commander';
import { InputError } from '../../../errors.js';
import type { Run } from '../../run.js';
import { requireProjectFolder } from './project-args.js';
import { engine, operationOutcome, renderOptions, withRenderFlags, type RenderFlags } from './render-flags.js';

/** `paved template update [DST]`: the 3-way update; exit 2 while conflicts remain. */
export function registerTemplateUpdate(template: Command, run: Run): void {
  withRenderFlags(template.command('update').argument('[dst]', 'project folder', '.'))
    .description('bring a project to a newer template version, keeping its edits (exit 2 while conflicts remain)')
    .option('-o, --conflict <mode>', 'how to leave conflicts: inline (markers) or rej (.rej files)', 'inline')
    .option('-A, --skip-answered', 'do not ask again questions that have a recorded answer')
    .action(
      run(async (dst: string, flags: RenderFlags & { conflict: string; skipAnswered?: boolean }, json: boolean) => {
        const conflict = flags.conflict;
        if (!isConflictMode(conflict)) throw new InputError(`--conflict '${conflict}' is not a conflict mode; use inline or rej`, { value: conflict });
        await requireProjectFolder(dst);
        const options = { ...(await renderOptions(flags, json)), dst, conflict, skipAnswered: flags.skipAnswered ?? false };
        const { updateProject } = await engine();
        return operationOutcome(await updateProject(options));
      }),
    );
}

function isConflictMode(value: string): value is 'inline' | 'rej' {
  return value === 'inline' || value === 'rej';
}
