import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import type { TreeEntry } from '../../git/tree.js';

/** Reads a template that is a plain folder (not a git repo) into the same shape git trees have. */
export async function readFolder(root: string): Promise<TreeEntry[]> {
  const entries: TreeEntry[] = [];
  async function walk(rel: string): Promise<void> {
    const names = await readdir(path.join(root, rel));
    for (const name of names.sort()) {
      const relPath = rel ? `${rel}/${name}` : name;
      const abs = path.join(root, relPath);
      const stat = await lstat(abs);
      if (stat.isSymbolicLink()) entries.push({ path: relPath, mode: '120000', data: Buffer.from(await readlink(abs)) });
      else if (stat.isDirectory()) {
        if (name === '.git') continue;
        const before = entries.length;
        await walk(relPath);
        // Git cannot hold empty folders but a plain folder can, and Copier recreates them.
        if (entries.length === before) entries.push({ path: relPath, mode: '040000', data: Buffer.alloc(0) });
      } else if (stat.isFile()) {
        entries.push({ path: relPath, mode: stat.mode & 0o111 ? '100755' : '100644', data: await readFile(abs), permissions: stat.mode & 0o777 });
      }
    }
  }
  await walk('');
  return entries;
}
