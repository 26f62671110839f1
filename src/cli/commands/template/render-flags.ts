import type { Command } from 'commander';
import type { OperationResult } from '../../../template/index.js';
import { collectData } from '../../data-args.js';
import { EXIT } from '../../exit.js';
import { formatOperation } from '../../format.js';
import type { CommandOutcome } from '../../run.js';
import { checkAnswersFile } from './project-args.js';

/** Flags shared by copy, update and recopy, as commander parses them. */
export interface RenderFlags {
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

export function withRenderFlags(command: Command): Command {
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
export const engine = () => import('../../../template/index.js');

/** The engine options the flags stand for; prompts only on a terminal, never with --defaults or --json. */
export async function renderOptions(flags: RenderFlags, json: boolean) {
  checkAnswersFile(flags.answersFile);
  const { terminalPrompter } = await import('../../prompter.js');
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

export function operationOutcome(result: OperationResult): CommandOutcome {
  return { data: result, human: formatOperation(result), exitCode: result.conflicts.length > 0 ? EXIT.attention : EXIT.ok };
}
