import { existsSync } from 'node:fs';
import { ExternalServiceError } from '../errors.js';
import { NO_FOLDER, runInShell, shellQuote } from './shell.js';

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
export const GIT_BASE_ENV: Readonly<Record<string, string>> = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_EDITOR: 'true',
  GIT_AUTHOR_NAME: 'Paved',
  GIT_AUTHOR_EMAIL: 'paved@localhost',
  GIT_COMMITTER_NAME: 'Paved',
  GIT_COMMITTER_EMAIL: 'paved@localhost',
  LC_ALL: 'C',
};

/** Runs git and returns raw output; throws ExternalServiceError with git's own message on failure. */
export async function gitRaw(args: string[], options: GitOptions): Promise<GitResult> {
  const env = { ...GIT_BASE_ENV, ...options.env };
  const exports = Object.entries(env).map(([name, value]) => `${name}=${shellQuote(value)}`).join(' ');
  const line = `export ${exports}\nexec git ${args.map(shellQuote).join(' ')}`;
  const result = await runInShell({ cwd: options.cwd, line, input: options.input });
  failIfNotRun(result, options.cwd);
  if (result.code === 0 || options.okCodes?.includes(result.code)) return result;
  const detail = result.stderr.trim().split('\n').slice(-3).join(' ') || `exit code ${result.code}`;
  throw new ExternalServiceError(`git ${args[0]} failed in ${options.cwd}: ${detail}`, { args, code: result.code });
}

function failIfNotRun(result: GitResult, cwd: string): void {
  if (result.code === 127 && /not found/.test(result.stderr)) {
    throw new ExternalServiceError('could not run git (not found on PATH); install git 2.30 or newer', { code: result.code });
  }
  if (result.code === NO_FOLDER && !existsSync(cwd)) {
    throw new ExternalServiceError(`could not run git in ${cwd}: the folder does not exist`, { cwd });
  }
}

/** Runs git and returns stdout as text without the trailing newline. */
export async function git(args: string[], options: GitOptions): Promise<string> {
  const { stdout } = await gitRaw(args, options);
  return stdout.toString('utf8').replace(/\n$/, '');
}

/**
 * Runs a script of git commands as one request to the shared shell, so many short git commands
 * (one merge per file) cost one round trip. The script must quote what it passes.
 */
export async function gitScript(script: string, cwd: string): Promise<GitResult> {
  // Without git every status below would read as "command not found" (127): fail the whole script instead.
  const guarded = `command -v git >/dev/null 2>&1 || { echo 'git not found on PATH' >&2; exit 127; }\n${script}`;
  const exports = Object.entries(GIT_BASE_ENV).map(([name, value]) => `${name}=${shellQuote(value)}`).join(' ');
  const result = await runInShell({ cwd, line: `export ${exports}\n${guarded}`, discardStdout: true });
  failIfNotRun(result, cwd);
  if (result.code === 0) return result;
  throw new ExternalServiceError(`git commands failed in ${cwd}: ${result.stderr.trim().split('\n').slice(-2).join(' ') || `exit code ${result.code}`}`, { code: result.code });
}
