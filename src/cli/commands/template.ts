import type { Command } from 'commander';
import type { CheckResult, OperationResult } from '../../template/index.js';
import { InputError } from '../../errors.js';
import { collectData } from '../data-args.js';
import { EXIT } from '../exit.js';
import { formatCheck, formatOperation } from '../format.js';
import type { CommandOutcome, Run } from '../run.js';

interface RenderFlags {
  data: string[];
  dataFile?: string;
  defaults?: boolean;
  vcsRef?: string;
  trust?: boolean;
  skipTasks?: boolean;
  pretend?: boolean;
  answersFile?: string;
  prereleases?: boolean;
  exclude: string[];
  skipIfExists: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

function withRenderFlags(command: Command): Command {
  return command
    .option('-d, --data <name=value>', 'answer a question (repeatable); wins over prompts, recorded answers and defaults', collect, [])
    .option('--data-file <file>', 'YAML file of answers')
    .option('-l, --defaults', 'never prompt: use recorded answers, then defaults')
    .option('-r, --vcs-ref <ref>', 'template tag, branch or commit (default: the latest version tag)')
    .option('--trust', 'allow the template’s _tasks and _migrations to run commands on this machine')
    .option('-T, --skip-tasks', 'do not run the template’s _tasks')
    .option('-n, --pretend', 'show what would change; write nothing')
    .option('-a, --answers-file <file>', 'answers file, relative to the project (one per monorepo subproject)')
    .option('-g, --prereleases', 'consider pre-release versions when choosing the latest')
    .option('-x, --exclude <pattern>', 'also exclude paths matching this pattern (repeatable)', collect, [])
    .option('-s, --skip-if-exists <pattern>', 'keep existing files matching this pattern (repeatable)', collect, []);
}

// The engine loads on first use, so `paved --help` and `--version` start instantly.
const engine = () => import('../../template/index.js');

async function common(flags: RenderFlags, json: boolean) {
  const { terminalPrompter } = await import('../prompter.js');
  const data = await collectData(flags.data, flags.dataFile);
  const interactive = !flags.defaults && !json && process.stdin.isTTY === true;
  return {
    data,
    defaults: flags.defaults ?? false,
    vcsRef: flags.vcsRef,
    trust: flags.trust ?? false,
    skipTasks: flags.skipTasks ?? false,
    pretend: flags.pretend ?? false,
    answersFile: flags.answersFile,
    prereleases: flags.prereleases ?? false,
    exclude: flags.exclude,
    skipIfExists: flags.skipIfExists,
    prompter: interactive ? terminalPrompter() : undefined,
  };
}

function operationOutcome(result: OperationResult): CommandOutcome {
  return { data: result, human: formatOperation(result), exitCode: result.conflicts.length > 0 ? EXIT.attention : EXIT.ok };
}

/** `paved template copy | update | recopy | check`. */
export function registerTemplateCommands(program: Command, run: Run): void {
  const template = program.command('template').description('Copier-compatible templates: copy, update, recopy, check');

  withRenderFlags(template.command('copy').argument('<src>', 'template: a folder, a git repo, or a git URL').argument('<dst>', 'destination folder'))
    .description('make a project from a template')
    .option('-w, --overwrite', 'replace existing files that differ')
    .action(run(async (src: string, dst: string, flags: RenderFlags & { overwrite?: boolean }, json: boolean) =>
      operationOutcome(await (await engine()).copyTemplate({ ...(await common(flags, json)), src, dst, overwrite: flags.overwrite ?? false })),
    ));

  withRenderFlags(template.command('update').argument('[dst]', 'project folder', '.'))
    .description('bring a project to a newer template version, keeping its edits (exit 2 while conflicts remain)')
    .option('-o, --conflict <mode>', 'how to leave conflicts: inline (markers) or rej (.rej files)', 'inline')
    .option('-A, --skip-answered', 'do not ask again questions that have a recorded answer')
    .action(run(async (dst: string, flags: RenderFlags & { conflict: string; skipAnswered?: boolean }, json: boolean) => {
      if (flags.conflict !== 'inline' && flags.conflict !== 'rej') {
        throw new InputError(`--conflict '${flags.conflict}' is not a conflict mode; use inline or rej`, { value: flags.conflict });
      }
      return operationOutcome(await (await engine()).updateProject({ ...(await common(flags, json)), dst, conflict: flags.conflict, skipAnswered: flags.skipAnswered ?? false }));
    }));

  withRenderFlags(template.command('recopy').argument('[dst]', 'project folder', '.'))
    .description('render the template afresh over a project with its recorded answers')
    .action(run(async (dst: string, flags: RenderFlags, json: boolean) => operationOutcome(await (await engine()).recopyProject({ ...(await common(flags, json)), dst }))));

  template
    .command('check')
    .argument('[dst]', 'project folder', '.')
    .description('is a newer template version available? (exit 0 = current, 2 = update available)')
    .option('-a, --answers-file <file>', 'answers file, relative to the project')
    .option('-g, --prereleases', 'consider pre-release versions')
    .action(run(async (dst: string, flags: { answersFile?: string; prereleases?: boolean }) => {
      const result: CheckResult = await (await engine()).checkProject({ dst, answersFile: flags.answersFile, prereleases: flags.prereleases });
      return { data: result, human: formatCheck(result), exitCode: result.update_available ? EXIT.attention : EXIT.ok };
    }));
}
