import { gitRaw } from './git.js';

export interface RepoHead {
  /** The top of the work tree. */
  root: string;
  /** HEAD's commit; undefined before the first commit. */
  head?: string;
  /** HEAD's full ref (`refs/heads/main`); '' when detached or before the first commit. */
  ref: string;
}

/** The work tree holding `dir` and where its HEAD is, in one git process; undefined outside a work tree. */
export async function headOf(dir: string): Promise<RepoHead | undefined> {
  const result = await gitRaw(['rev-parse', '--show-toplevel', 'HEAD', '--symbolic-full-name', 'HEAD'], { cwd: dir, okCodes: [128] });
  const [root = '', head = '', ref = ''] = result.stdout.toString('utf8').trim().split('\n');
  if (!root) return undefined;
  // Before the first commit git echoes `HEAD` and stops (exit 128).
  return /^[0-9a-f]{40,64}$/.test(head) ? { root, head, ref } : { root, ref: '' };
}

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

export interface WorkTreeState {
  /** The commit checked out, undefined before the first commit. */
  head?: string;
  /** Changed, staged, conflicted or untracked paths. */
  dirty: string[];
  /** Ignored paths; a folder ignored as a whole ends with `/`. */
  ignored: string[];
}

/** One `git status` that says what is checked out, what is changed and what is ignored. */
export async function workTreeState(dir: string): Promise<WorkTreeState> {
  const out = await gitRaw(['status', '--porcelain=v2', '-z', '--branch', '--untracked-files=all', '--ignored=matching'], { cwd: dir });
  const fields = out.stdout.toString('utf8').split('\0');
  const state: WorkTreeState = { dirty: [], ignored: [] };
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    if (field.startsWith('# branch.oid ')) {
      const oid = field.slice('# branch.oid '.length);
      if (oid !== '(initial)') state.head = oid;
    } else if (field.startsWith('! ')) state.ignored.push(field.slice(2));
    else if (field.startsWith('? ')) state.dirty.push(field.slice(2));
    else if (/^[12u] /.test(field)) {
      // Ordinary (1), renamed (2, followed by its old path) and unmerged (u) entries end with the path.
      const parts = field.split(' ');
      const pathStart = field[0] === '1' ? 8 : field[0] === '2' ? 9 : 10;
      state.dirty.push(parts.slice(pathStart).join(' '));
      if (field[0] === '2') i++;
    }
  }
  return state;
}
