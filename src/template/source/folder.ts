import { existsSync } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { comparePaths, type TreeEntry } from '../../git/tree.js';

export interface ReadFolderOptions {
  /** Paths to leave out (relative, POSIX). */
  skip?: (rel: string) => boolean;
  /**
   * Read a clean git work tree as git holds it: no empty folders, no exact permission bits (git
   * keeps only the executable bit), no nested repositories (submodules).
   */
  asGit?: boolean;
}

/** Reads a template folder into the same shape git trees have; files are read in parallel. */
export async function readFolder(root: string, options: ReadFolderOptions = {}): Promise<TreeEntry[]> {
  const entries: TreeEntry[] = [];
  async function walk(rel: string): Promise<boolean> {
    const names = await readdir(path.join(root, rel));
    const found = await Promise.all(
      names.map(async (name) => {
        const relPath = rel ? `${rel}/${name}` : name;
        if (name === '.git' || options.skip?.(relPath)) return false;
        const abs = path.join(root, relPath);
        const stat = await lstat(abs);
        if (stat.isSymbolicLink()) {
          entries.push({ path: relPath, mode: '120000', data: Buffer.from(await readlink(abs)) });
          return true;
        }
        if (stat.isDirectory()) {
          if (options.asGit && existsSync(path.join(abs, '.git'))) return false;
          const any = await walk(relPath);
          // Git cannot hold empty folders but a plain folder can, and Copier recreates them.
          if (!any && !options.asGit) entries.push({ path: relPath, mode: '040000', data: Buffer.alloc(0) });
          return any || !options.asGit;
        }
        if (!stat.isFile()) return false;
        const mode = stat.mode & 0o111 ? '100755' : '100644';
        entries.push({ path: relPath, mode, data: await readFile(abs), ...(options.asGit ? {} : { permissions: stat.mode & 0o777 }) });
        return true;
      }),
    );
    return found.some(Boolean);
  }
  await walk('');
  return entries.sort(comparePaths);
}
