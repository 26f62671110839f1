import { git, gitRaw } from './git.js';

export interface TreeEntry {
  path: string;
  /** git's mode: 100644 file, 100755 executable, 120000 symlink; 040000 an empty folder (plain-folder templates only). */
  mode: string;
  /** File bytes, or for a symlink its target. */
  data: Buffer;
  /** Exact permission bits, known only for plain-folder templates (git keeps just the executable bit). */
  permissions?: number;
}

/**
 * Reads every file of a commit into memory with two git processes (`ls-tree` + one
 * `cat-file --batch`), so a template is never checked out to disk: this is most of why
 * copy and update stay fast.
 */
export async function readTree(repoDir: string, commit: string, env?: Record<string, string>): Promise<TreeEntry[]> {
  const listing = await gitRaw(['ls-tree', '-r', '-z', '--full-tree', commit], { cwd: repoDir, env });
  const entries: Array<{ path: string; mode: string; oid: string }> = [];
  for (const line of listing.stdout.toString('utf8').split('\0')) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    const [mode, type, oid] = line.slice(0, tab).split(' ');
    // Submodules (type commit) have no content in this repo; Copier skips them too.
    if (type !== 'blob' || !mode || !oid) continue;
    entries.push({ path: line.slice(tab + 1), mode, oid });
  }
  if (entries.length === 0) return [];
  const batch = await gitRaw(['cat-file', '--batch'], { cwd: repoDir, env, input: entries.map((e) => e.oid).join('\n') + '\n' });
  const buffer = batch.stdout;
  const result: TreeEntry[] = [];
  let offset = 0;
  for (const entry of entries) {
    const headerEnd = buffer.indexOf(0x0a, offset);
    const size = Number(buffer.subarray(offset, headerEnd).toString('utf8').split(' ')[2]);
    const start = headerEnd + 1;
    result.push({ path: entry.path, mode: entry.mode, data: buffer.subarray(start, start + size) });
    offset = start + size + 1;
  }
  return result;
}

/** Writes blobs into a repo's object store and returns their ids, in order (one process). */
export async function hashObjects(repoDir: string, files: string[]): Promise<string[]> {
  if (files.length === 0) return [];
  const out = await git(['hash-object', '-w', '--stdin-paths', '--no-filters'], { cwd: repoDir, input: files.join('\n') + '\n' });
  return out.split('\n');
}
