import { lstatSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { ConflictError } from '../../errors.js';

/**
 * What a project holds at a path: bytes (or a symlink's target), or undefined when absent. A path
 * whose folder is a symlink leading out of the project is refused: an update must neither read
 * from nor write or delete through it. Synchronous on purpose: an update reads every file the
 * template renders, and promise-based calls cost more main-thread time than the reads.
 */
export function readProjectFile(root: string, rel: string): { data: Buffer; mode: string } | undefined {
  assertInsideProject(root, rel);
  const abs = path.join(root, rel);
  const stat = lstatSync(abs, { throwIfNoEntry: false });
  if (!stat) return undefined;
  if (stat.isSymbolicLink()) return { data: Buffer.from(readlinkSync(abs)), mode: '120000' };
  if (!stat.isFile()) return { data: Buffer.alloc(0), mode: 'dir' };
  return { data: readFileSync(abs), mode: stat.mode & 0o111 ? '100755' : '100644' };
}

/** Throws when the folder holding `rel` resolves (through symlinks) outside the project root. */
export function assertInsideProject(root: string, rel: string): void {
  const parent = path.posix.dirname(rel);
  if (parent === '.') return;
  const realRoot = realpathSync(root);
  const realParent = nearestRealPath(path.join(root, parent));
  if (realParent !== realRoot && !realParent.startsWith(realRoot + path.sep)) {
    throw new ConflictError(
      `'${rel}' is behind a symlink in the project that leads outside it (to ${realParent}); Paved will not read, write or delete through it. ` +
        'Replace the link with a real folder, or exclude the path',
      { path: rel },
    );
  }
}

/** The real path of the deepest existing ancestor (folders about to be created are not links). */
function nearestRealPath(abs: string): string {
  for (let current = abs; ; current = path.dirname(current)) {
    try {
      return path.join(realpathSync(current), path.relative(current, abs));
    } catch {
      if (path.dirname(current) === current) return abs;
    }
  }
}
