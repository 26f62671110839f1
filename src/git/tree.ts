import { git } from './git.js';

export interface TreeEntry {
  path: string;
  /** git's mode: 100644 file, 100755 executable, 120000 symlink; 040000 an empty folder (plain-folder templates only). */
  mode: string;
  /** File bytes, or for a symlink its target. */
  data: Buffer;
  /** Exact permission bits, known only for plain-folder templates (git keeps just the executable bit). */
  permissions?: number;
}

/** Orders paths as git lists them (byte order), for stable output. */
export function comparePaths(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Writes blobs into a repo's object store and returns their ids, in order (one process). */
export async function hashObjects(repoDir: string, files: string[]): Promise<string[]> {
  if (files.length === 0) return [];
  const out = await git(['hash-object', '-w', '--stdin-paths', '--no-filters'], { cwd: repoDir, input: files.join('\n') + '\n' });
  return out.split('\n');
}
