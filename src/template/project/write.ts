import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, mkdir, readdir, realpath, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { ConflictError, TemplateError } from '../../errors.js';
import type { PlannedFile } from '../render/index.js';
import { withSignalsDeferred } from './signals.js';
import { assertInsideProject } from './disk.js';
import { StagingWriter, writeProjectFile } from './staging.js';

export interface WriteSet {
  files: PlannedFile[];
  /** Relative paths to delete (files removed upstream); emptied parent folders go too. */
  deletes?: string[];
  /** Folders to create even when empty. */
  folders?: string[];
  /** Paths written only after all others (the answers file: it records what the rest became). */
  last?: string[];
}

/**
 * Writes a fully validated plan. A new destination is built beside its final place and renamed
 * into it, so an interrupted copy leaves no half-made project; in an existing folder every file
 * is written to a temporary name and renamed over the old one, so no file is ever half-written.
 */
export function writeProject(dst: string, set: WriteSet): Promise<void> {
  return withSignalsDeferred(() => write(dst, set));
}

async function write(dst: string, set: WriteSet): Promise<void> {
  if (existsSync(dst)) return writeInto(dst, set);
  const staging = new StagingWriter(dst);
  for (const file of set.files) staging.add(file);
  await staging.commit(set.folders ?? []);
}

async function writeInto(root: string, set: WriteSet): Promise<void> {
  const realRoot = await realpath(root);
  const deletes = new Set(set.deletes ?? []);
  // Everything that could stop the writes half-way is checked before the first change.
  await preflight(realRoot, set.files, deletes);
  // Deletes first: a file the template turned into a folder (or back) is out of the way in time.
  for (const rel of deletes) {
    await rm(path.join(realRoot, rel), { force: true });
    await removeEmptyParents(realRoot, path.posix.dirname(rel));
  }
  const checked = new Set<string>();
  for (const folder of set.folders ?? []) await ensureFolder(realRoot, folder, checked);
  const writeAll = async (files: PlannedFile[]) => {
    for (const file of files) await ensureFolder(realRoot, path.posix.dirname(file.path), checked);
    await Promise.all(
      files.map(async (file) => {
        const target = path.join(realRoot, file.path);
        const temp = `${target}.paved-tmp-${randomBytes(3).toString('hex')}`;
        await writeProjectFile(temp, file);
        await rename(temp, target);
      }),
    );
  };
  // The files that record the new state (the answers file) go last, after everything they describe.
  await writeAll(set.files.filter((file) => !set.last?.includes(file.path)));
  await writeAll(set.files.filter((file) => set.last?.includes(file.path)));
}

async function preflight(realRoot: string, files: PlannedFile[], deletes: Set<string>): Promise<void> {
  const problems: string[] = [];
  for (const rel of deletes) assertInsideProject(realRoot, rel);
  for (const file of files) {
    assertInsideProject(realRoot, file.path);
    const segments = file.path.split('/');
    for (let i = 1; i < segments.length; i++) {
      const prefix = segments.slice(0, i).join('/');
      const stat = await lstat(path.join(realRoot, prefix)).catch(() => undefined);
      if (stat && !stat.isDirectory() && !stat.isSymbolicLink() && !deletes.has(prefix)) {
        problems.push(`'${file.path}' needs a folder where the project has the file '${prefix}'`);
      }
    }
    const target = await lstat(path.join(realRoot, file.path)).catch(() => undefined);
    if (target?.isDirectory()) {
      const inside = (await readdir(path.join(realRoot, file.path), { recursive: true, withFileTypes: true })).filter((e) => !e.isDirectory());
      const kept = inside.map((e) => path.relative(realRoot, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/')).filter((p) => !deletes.has(p));
      if (kept.length > 0) problems.push(`'${file.path}' is a file in the new template version, but the project has a folder there holding ${kept.slice(0, 3).join(', ')}`);
    }
  }
  if (problems.length > 0) {
    throw new ConflictError(`nothing was changed: ${problems.join('; ')}. Move those out of the way (and commit), then run again`, { problems });
  }
}

/** Creates a folder inside root, refusing any existing component that is a symlink leading elsewhere. */
async function ensureFolder(realRoot: string, rel: string, checked: Set<string>): Promise<void> {
  if (rel === '.' || rel === '') return;
  let current = realRoot;
  for (const segment of rel.split('/')) {
    current = path.join(current, segment);
    if (checked.has(current)) continue;
    checked.add(current);
    const stat = await lstat(current).catch(() => undefined);
    if (!stat) {
      await mkdir(current);
      continue;
    }
    if (stat.isSymbolicLink()) {
      const resolved = await realpath(current).catch(() => '');
      if (!resolved.startsWith(realRoot + path.sep)) {
        throw new TemplateError(`refusing to write through '${path.relative(realRoot, current)}': it is a symlink leading outside the project`, { path: rel });
      }
    } else if (!stat.isDirectory()) {
      throw new TemplateError(`cannot create folder '${rel}': '${path.relative(realRoot, current)}' is a file in the project; move it away and retry`, { path: rel });
    }
  }
}

async function removeEmptyParents(realRoot: string, rel: string): Promise<void> {
  let current = rel;
  while (current && current !== '.') {
    const removed = await rmdir(path.join(realRoot, current)).then(() => true, () => false);
    if (!removed) return;
    current = path.posix.dirname(current);
  }
}
