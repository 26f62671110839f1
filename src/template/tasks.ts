import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseYaml11 } from './config/yaml11.js';
import { ExternalServiceError } from '../errors.js';
import type { TaskSpec } from './config/types.js';
import type { JinjaContext, JinjaRenderer } from './jinja/types.js';

/** A task with what its run adds: a migration's own version in its environment and context. */
export interface RunnableTask extends TaskSpec {
  env?: Record<string, string>;
  context?: JinjaContext;
}

export interface TaskRunOptions {
  renderer: JinjaRenderer;
  context: JinjaContext;
  /** The project folder; tasks run there (or in their `working_directory` below it). */
  cwd: string;
  env: Record<string, string>;
  /** Where task output goes; the CLI passes stderr so stdout stays clean for --json. */
  output: NodeJS.WritableStream;
  label: string;
}

/** Copier's truthiness for a rendered `when`: the string is read as YAML, so "false", "no", "0" and "" are false. */
export function renderedTruthy(value: unknown, renderer: JinjaRenderer, context: JinjaContext, name: string): boolean {
  if (typeof value !== 'string') return value === undefined ? true : Boolean(value);
  const rendered = renderer.render(value, context, name).trim();
  if (rendered === '') return false;
  let parsed: unknown;
  try {
    parsed = parseYaml11(rendered);
  } catch {
    return true;
  }
  return Boolean(parsed) && parsed !== 'false' && parsed !== 'False';
}

/** Runs `_tasks` or migration commands in order; the first failure stops the run with its exit code and command. */
export async function runTasks(tasks: RunnableTask[], shared: TaskRunOptions): Promise<string[]> {
  const ran: string[] = [];
  for (const [index, task] of tasks.entries()) {
    const options = { ...shared, context: { ...shared.context, ...task.context }, env: { ...shared.env, ...task.env } };
    const name = `copier.yml: ${options.label}[${index}]`;
    if (!renderedTruthy(task.when, options.renderer, options.context, `${name}.when`)) continue;
    const cwd = workingDirectory(task, options, name);
    const argv = Array.isArray(task.command)
      ? task.command.map((part) => options.renderer.render(String(part), options.context, name))
      : ['sh', '-c', options.renderer.render(task.command, options.context, name)];
    const shown = Array.isArray(task.command) ? argv.join(' ') : (argv[2] ?? '');
    options.output.write(`> ${shown}\n`);
    await runOne(argv, cwd, options, shown);
    ran.push(shown);
  }
  return ran;
}

/** Relative to the project, or absolute: tasks only run trusted, and Copier lets them work anywhere. */
function workingDirectory(task: TaskSpec, options: TaskRunOptions, name: string): string {
  if (!task.workingDirectory) return options.cwd;
  const rendered = options.renderer.render(task.workingDirectory, options.context, `${name}.working_directory`).trim();
  return path.resolve(options.cwd, rendered || '.');
}

function runOne(argv: string[], cwd: string, options: TaskRunOptions, shown: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const [command, ...args] = argv;
    const child = spawn(command ?? 'true', args, { cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const forward = (chunk: Buffer) => options.output.write(chunk);
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', (error) => reject(new ExternalServiceError(`${options.label} command could not start: ${shown} (${error.message})`, { command: shown })));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new ExternalServiceError(`${options.label} command failed with exit code ${code}: ${shown}`, { command: shown, exitCode: code }));
    });
  });
}

/** The template's `_tasks`, run after copy and update (unless skipped) with the rendering context. */
export function runTemplateTasks(
  tasks: TaskSpec[],
  options: { renderer: JinjaRenderer; context: JinjaContext; cwd: string; output: NodeJS.WritableStream; skip: boolean },
): Promise<string[]> {
  if (tasks.length === 0 || options.skip) return Promise.resolve([]);
  return runTasks(tasks, {
    renderer: options.renderer,
    context: { ...options.context, _copier_phase: 'tasks' },
    cwd: options.cwd,
    env: { STAGE: 'task' },
    output: options.output,
    label: '_tasks',
  });
}
