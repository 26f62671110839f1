import { TemplateError } from '../../errors.js';
import { comparePaths, type TreeEntry } from '../../git/tree.js';
import { resolveInside } from '../paths.js';

const MAX_LINK_HOPS = 16;

/**
 * The template's files under its `_subdirectory`, with symlinks either kept (`_preserve_symlinks`)
 * or replaced by what they point to, as Copier follows them. A link that leaves the template is
 * refused: following it would copy files from the host into the project.
 */
export function templateFilesUnder(files: TreeEntry[], root: string, preserveSymlinks: boolean): TreeEntry[] {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const prefix = root ? `${root}/` : '';
  const result: TreeEntry[] = [];
  for (const file of files) {
    if (!file.path.startsWith(prefix)) continue;
    const rel = file.path.slice(prefix.length);
    if (file.mode !== '120000' || preserveSymlinks) {
      result.push({ ...file, path: rel });
      continue;
    }
    const target = followLink(file, byPath);
    if (target.kind === 'file') result.push({ ...target.entry, path: rel });
    else {
      for (const inner of files) {
        if (inner.path.startsWith(`${target.dir}/`) && inner.mode !== '120000') {
          result.push({ path: `${rel}/${inner.path.slice(target.dir.length + 1)}`, mode: inner.mode, data: inner.data });
        }
      }
    }
  }
  return result.sort(comparePaths);
}

type LinkTarget = { kind: 'file'; entry: TreeEntry } | { kind: 'dir'; dir: string };

function followLink(link: TreeEntry, byPath: Map<string, TreeEntry>): LinkTarget {
  let current = link;
  for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
    const target = resolveInside(current.path, current.data.toString('utf8'));
    if (target === undefined) {
      throw new TemplateError(
        `template symlink '${link.path}' points outside the template ('${link.data.toString('utf8')}'); ` +
          'Paved never copies host files into a project. Make it point inside the template.',
        { path: link.path },
      );
    }
    const entry = byPath.get(target);
    if (!entry) {
      const isDir = [...byPath.keys()].some((key) => key.startsWith(`${target}/`));
      if (isDir) return { kind: 'dir', dir: target };
      throw new TemplateError(`template symlink '${link.path}' is broken: '${target}' does not exist in the template`, { path: link.path });
    }
    if (entry.mode !== '120000') return { kind: 'file', entry };
    current = entry;
  }
  throw new TemplateError(`template symlink '${link.path}' loops; fix the links in the template`, { path: link.path });
}
