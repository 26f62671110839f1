import { spawn } from 'node:child_process';
import { ExternalServiceError } from '../errors.js';

export interface GitOptions {
  cwd: string;
  /** Written to git's stdin. */
  input?: string | Buffer;
  /** Exit codes that are answers, not failures (e.g. 1 from `merge-file` means "conflicts"). */
  okCodes?: number[];
  env?: Record<string, string>;
}

export interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

// Git must never prompt (credentials, editors); a stable identity keeps the commits Paved makes in
// scratch object stores deterministic.
const BASE_ENV: Record<string, string> = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_EDITOR: 'true',
  GIT_AUTHOR_NAME: 'Paved',
  GIT_AUTHOR_EMAIL: 'paved@localhost',
  GIT_COMMITTER_NAME: 'Paved',
  GIT_COMMITTER_EMAIL: 'paved@localhost',
  LC_ALL: 'C',
};

/** Runs git and returns raw output; throws ExternalServiceError with git's own message on failure. */
export function gitRaw(args: string[], options: GitOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd: options.cwd,
      env: { ...process.env, ...BASE_ENV, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) =>
      reject(new ExternalServiceError(`could not run git (${error.message}); install git 2.30 or newer`, {}, { cause: error })),
    );
    child.on('close', (code) => {
      const result = { stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8'), code: code ?? 1 };
      if (result.code === 0 || options.okCodes?.includes(result.code)) resolve(result);
      else {
        const detail = result.stderr.trim().split('\n').slice(-3).join(' ') || `exit code ${result.code}`;
        reject(new ExternalServiceError(`git ${args[0]} failed in ${options.cwd}: ${detail}`, { args, code: result.code }));
      }
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** Runs git and returns stdout as text without the trailing newline. */
export async function git(args: string[], options: GitOptions): Promise<string> {
  const { stdout } = await gitRaw(args, options);
  return stdout.toString('utf8').replace(/\n$/, '');
}

/**
 * Runs a script of git commands through one shell. From a large Node process every spawn blocks
 * the main thread for milliseconds while it forks; a small shell forks git cheaply, so many short
 * git commands (one merge per file) cost one spawn. The script must quote what it passes.
 */
export function gitScript(script: string, cwd: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    // Without git every status below would read as "command not found" (127): fail the whole script instead.
    const guarded = `command -v git >/dev/null 2>&1 || { echo 'git not found on PATH' >&2; exit 97; }\n${script}`;
    const child = spawn('sh', ['-c', guarded], { cwd, env: { ...process.env, ...BASE_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
    const err: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.stdout.resume();
    child.on('error', (error) => reject(new ExternalServiceError(`could not run sh (${error.message})`, {}, { cause: error })));
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) resolve({ stdout: Buffer.alloc(0), stderr, code });
      else reject(new ExternalServiceError(`git commands failed in ${cwd}: ${stderr.trim().split('\n').slice(-2).join(' ') || `exit code ${code}`}`, { code }));
    });
  });
}
