import { lstat, readFile, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { ConflictError } from '../../errors.js';

/**
 * What a project holds at a path: bytes (or a symlink's target), or undefined when absent. A path
 * whose folder is a symlink leading out of the project is refused: an update must neither read
 * from nor write or delete through it.
 */
export async function readProjectFile(root: string, rel: string): Promise<{ data: Buffer; mode: string } | undefined> {
  await assertInsideProject(root, rel);
  const abs = path.join(root, rel);
  const stat = await lstat(abs).catch(() => undefined);
  if (!stat) return undefined;
  if (stat.isSymbolicLink()) return { data: Buffer.from(await readlink(abs)), mode: '120000' };
  if (!stat.isFile()) return { data: Buffer.alloc(0), mode: 'dir' };
  return { data: await readFile(abs), mode: stat.mode & 0o111 ? '100755' : '100644' };
}

/** Throws when the folder holding `rel` resolves (through symlinks) outside the project root. */
export async function assertInsideProject(root: string, rel: string): Promise<void> {
  const parent = path.posix.dirname(rel);
  if (parent === '.') return;
  const realRoot = await realpath(root);
  const realParent = await nearestRealPath(path.join(root, parent));
  if (realParent !== realRoot && !realParent.startsWith(realRoot + path.sep)) {
    throw new ConflictError(
      `'${rel}' is behind a symlink in the project that leads outside it (to ${realParent}); Paved will not read, write or delete through it. ` +
        'Replace the link with a real folder, or exclude the path',
      { path: rel },
    );
  }
}

/** The real path of the deepest existing ancestor (folders about to be created are not links). */
async function nearestRealPath(abs: string): Promise<string> {
  for (let current = abs; ; current = path.dirname(current)) {
    const real = await realpath(current).catch(() => undefined);
    if (real) return path.join(real, path.relative(current, abs));
    if (path.dirname(current) === current) return abs;
  }
}
