import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
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

/**
 * Reads a template folder into the same shape git trees have. Synchronous on purpose: a template
 * is a few hundred small files, usually in the page cache, and the promise-based calls cost more
 * main-thread time per file than the reads themselves.
 */
export function readFolder(root: string, options: ReadFolderOptions = {}): TreeEntry[] {
  const entries: TreeEntry[] = [];
  const walk = (rel: string): boolean => {
    let any = false;
    for (const name of readdirSync(path.join(root, rel))) {
      const relPath = rel ? `${rel}/${name}` : name;
      if (name === '.git' || options.skip?.(relPath)) continue;
      const abs = path.join(root, relPath);
      const stat = lstatSync(abs);
      if (stat.isSymbolicLink()) {
        entries.push({ path: relPath, mode: '120000', data: Buffer.from(readlinkSync(abs)) });
        any = true;
      } else if (stat.isDirectory()) {
        if (options.asGit && existsSync(path.join(abs, '.git'))) continue;
        const inside = walk(relPath);
        // Git cannot hold empty folders but a plain folder can, and Copier recreates them.
        if (!inside && !options.asGit) entries.push({ path: relPath, mode: '040000', data: Buffer.alloc(0) });
        any ||= inside || !options.asGit;
      } else if (stat.isFile()) {
        const mode = stat.mode & 0o111 ? '100755' : '100644';
        entries.push({ path: relPath, mode, data: readFileSync(abs), ...(options.asGit ? {} : { permissions: stat.mode & 0o777 }) });
        any = true;
      }
    }
    return any;
  };
  walk('');
  return entries.sort(comparePaths);
}
