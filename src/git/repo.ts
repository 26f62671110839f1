import { gitRaw } from './git.js';

/** The top of the work tree holding `dir`, or undefined when `dir` is not inside a git repo. */
export async function workTreeRoot(dir: string): Promise<string | undefined> {
  const result = await gitRaw(['rev-parse', '--show-toplevel'], { cwd: dir, okCodes: [128] });
  return result.code === 0 ? result.stdout.toString('utf8').trim() : undefined;
}

/** Paths with uncommitted changes (tracked or untracked, ignored files excluded), relative to `dir`'s repo root; `pathspec` narrows it (e.g. `.` for one subproject). */
export async function dirtyPaths(dir: string, pathspec: string[] = []): Promise<string[]> {
  const args = ['status', '--porcelain=v1', '-z', '--untracked-files=all'];
  const out = await gitRaw(pathspec.length > 0 ? [...args, '--', ...pathspec] : args, { cwd: dir });
  return out.stdout
    .toString('utf8')
    .split('\0')
    .filter((entry) => entry.length > 3)
    .map((entry) => entry.slice(3));
}

/** Files git tracks under `dir`, relative to it. */
export async function trackedFiles(dir: string): Promise<Set<string>> {
  const out = await gitRaw(['ls-files', '-z'], { cwd: dir });
  return new Set(out.stdout.toString('utf8').split('\0').filter(Boolean));
}
