import { git, gitRaw } from './git.js';

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

/** `git describe --tags --always` for a commit, as Copier records it in `_commit`. */
export function describe(dir: string, ref: string): Promise<string> {
  return git(['describe', '--tags', '--always', ref], { cwd: dir });
}

export function revParse(dir: string, ref: string): Promise<string> {
  return git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: dir });
}

export async function listTags(dir: string): Promise<string[]> {
  const out = await git(['tag', '--list'], { cwd: dir });
  return out ? out.split('\n') : [];
}
