import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, mkdir, realpath, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { TemplateError } from '../../errors.js';
import type { PlannedFile } from '../render/index.js';
import { withSignalsDeferred } from './signals.js';
import { StagingWriter, writeProjectFile } from './staging.js';

export interface WriteSet {
  files: PlannedFile[];
  /** Relative paths to delete (files removed upstream); emptied parent folders go too. */
  deletes?: string[];
  /** Folders to create even when empty. */
  folders?: string[];
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
  const checked = new Set<string>();
  for (const folder of set.folders ?? []) await ensureFolder(realRoot, folder, checked);
  for (const file of set.files) await ensureFolder(realRoot, path.posix.dirname(file.path), checked);
  await Promise.all(
    set.files.map(async (file) => {
      const target = path.join(realRoot, file.path);
      await refuseSymlinkTarget(target, file.path);
      const temp = `${target}.paved-tmp-${randomBytes(3).toString('hex')}`;
      await writeProjectFile(temp, file);
      await rename(temp, target);
    }),
  );
  for (const rel of set.deletes ?? []) {
    await rm(path.join(realRoot, rel), { force: true });
    await removeEmptyParents(realRoot, path.posix.dirname(rel));
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

async function refuseSymlinkTarget(target: string, rel: string): Promise<void> {
  const stat = await lstat(target).catch(() => undefined);
  if (stat?.isDirectory()) throw new TemplateError(`cannot write file '${rel}': a folder of that name exists in the project`, { path: rel });
}

async function removeEmptyParents(realRoot: string, rel: string): Promise<void> {
  let current = rel;
  while (current && current !== '.') {
    const removed = await rmdir(path.join(realRoot, current)).then(() => true, () => false);
    if (!removed) return;
    current = path.posix.dirname(current);
  }
}
