import type { Command } from 'commander';
import { EXIT } from '../../exit.js';
import { formatCheck } from '../../format.js';
import type { Run } from '../../run.js';
import { checkAnswersFile, requireProjectFolder } from './project-args.js';
import { engine } from './render-flags.js';

/** `paved template check [DST]`: exit 0 when current, 2 when a newer template version exists. */
export function registerTemplateCheck(template: Command, run: Run): void {
  template
    .command('check')
    .argument('[dst]', 'project folder', '.')
    .description('is a newer template version available? (exit 0 = current, 2 = update available)')
    .option('-a, --answers-file <file>', 'answers file, relative to the project')
    .option('-g, --prereleases', 'consider pre-release versions')
    .action(
      run(async (dst: string, flags: { answersFile?: string; prereleases?: boolean }) => {
        checkAnswersFile(flags.answersFile);
        await requireProjectFolder(dst);
        const { checkProject } = await engine();
        const result = await checkProject({ dst, answersFile: flags.answersFile, prereleases: flags.prereleases });
        return { data: result, human: formatCheck(result), exitCode: result.update_available ? EXIT.attention : EXIT.ok };
      }),
    );
}
