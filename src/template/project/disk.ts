import { lstat, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';

/** What a project holds at a path: bytes (or a symlink's target), or undefined when absent. */
export async function readProjectFile(root: string, rel: string): Promise<{ data: Buffer; mode: string } | undefined> {
  const abs = path.join(root, rel);
  const stat = await lstat(abs).catch(() => undefined);
  if (!stat) return undefined;
  if (stat.isSymbolicLink()) return { data: Buffer.from(await readlink(abs)), mode: '120000' };
  if (!stat.isFile()) return { data: Buffer.alloc(0), mode: 'dir' };
  return { data: await readFile(abs), mode: stat.mode & 0o111 ? '100755' : '100644' };
}
