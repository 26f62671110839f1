/**
 * Runs a program without blocking the test's event loop. Vitest's worker reports progress to
 * its main process over RPC and gives up after 60 s without an answer: a run of synchronous
 * `spawnSync`/`execFileSync` calls that together block longer than that (npm installs, a
 * sequence of CLI runs on a loaded machine) ends the suite with "Timeout calling onTaskUpdate"
 * even though every test passed. Tests that start long-running programs use this instead.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface Ran {
  /** The exit code, or null when a signal ended the program. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  cwd?: string;
  /** Added to the test process's environment. */
  env?: Record<string, string | undefined>;
}

/** The identity the test fixtures commit as. */
export const TEST_GIT_IDENTITY = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };

export function exec(command: string, args: string[], options: ExecOptions = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.end();
  });
}

/** Like `exec`, but a non-zero exit is an error that carries the program's output. */
export async function execOk(command: string, args: string[], options: ExecOptions = {}): Promise<string> {
  const ran = await exec(command, args, options);
  if (ran.code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${ran.code ?? ran.signal}\n${ran.stdout}${ran.stderr}`);
  return ran.stdout;
}

/**
 * git without blocking (a test talking to an in-process server over HTTP must not block it),
 * never prompting, as the fixtures' identity; the code and the output, stdout then stderr.
 */
export async function gitAsync(cwd: string, args: string[]): Promise<{ code: number; output: string }> {
  const ran = await exec('git', args, { cwd, env: { GIT_TERMINAL_PROMPT: '0', ...TEST_GIT_IDENTITY } });
  return { code: ran.code ?? 1, output: ran.stdout + ran.stderr };
}

/** The repository's own CLI, as a fresh clone runs it. */
export const PAVED = path.resolve(import.meta.dirname, '../../bin/paved');

/** Runs the CLI without colour, on `workspace` when given. */
export function paved(args: string[], options: { cwd?: string; env?: Record<string, string>; workspace?: string } = {}): Promise<Ran> {
  return exec(PAVED, options.workspace ? [...args, '--workspace', options.workspace] : args, { cwd: options.cwd, env: { NO_COLOR: '1', ...options.env } });
}
