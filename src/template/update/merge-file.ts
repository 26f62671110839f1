import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gitRaw } from '../../git/git.js';
import type { Side } from './decide.js';

/** The labels Copier puts on conflict markers, so people and bots that know Copier's output know ours. */
export const LABELS = { ours: 'before updating', base: 'last update', theirs: 'after updating' } as const;

export interface MergeResult {
  data: Buffer;
  conflicted: boolean;
  /** With --conflict rej: the hunks of the project's change that did not apply, in a `.rej` file. */
  rejects?: Buffer;
}

/**
 * Merges one file 3-way with `git merge-file` (the same merge git itself does). `scratch` is a
 * private temporary folder; `id` keeps each file's inputs apart.
 */
export async function mergeInline(scratch: string, id: number, base: Side | undefined, ours: Side, theirs: Side): Promise<MergeResult> {
  const dir = path.join(scratch, `m${id}`);
  await mkdir(dir);
  const files = { ours: path.join(dir, 'ours'), base: path.join(dir, 'base'), theirs: path.join(dir, 'theirs') };
  await Promise.all([writeFile(files.ours, ours.data), writeFile(files.base, base?.data ?? ''), writeFile(files.theirs, theirs.data)]);
  const result = await gitRaw(
    ['merge-file', '-p', '-L', LABELS.ours, '-L', LABELS.base, '-L', LABELS.theirs, files.ours, files.base, files.theirs],
    { cwd: dir, okCodes: Array.from({ length: 255 }, (_, i) => i + 1) },
  );
  // A negative status (255) means git could not merge at all, e.g. binary files: keep the project's bytes.
  if (result.code === 255) return { data: ours.data, conflicted: true };
  return { data: result.stdout, conflicted: result.code > 0 };
}

/**
 * Copier's `--conflict rej`: the new template file with the project's change applied hunk by hunk;
 * hunks that do not apply go to a `.rej` file beside it.
 */
export async function mergeRej(scratch: string, id: number, relPath: string, base: Side | undefined, ours: Side, theirs: Side): Promise<MergeResult> {
  const dir = path.join(scratch, `r${id}`);
  const sides = { a: path.join(dir, 'a', relPath), b: path.join(dir, 'b', relPath), work: path.join(dir, 'work', relPath) };
  await Promise.all(Object.values(sides).map((file) => mkdir(path.dirname(file), { recursive: true })));
  await Promise.all([writeFile(sides.a, base?.data ?? ''), writeFile(sides.b, ours.data), writeFile(sides.work, theirs.data)]);
  const diff = await gitRaw(['diff', '--no-index', '--no-color', '--no-prefix', '--no-ext-diff', 'a', 'b'], { cwd: dir, okCodes: [1] });
  const apply = await gitRaw(['apply', '--reject', '--whitespace=nowarn', '-p1', '-'], {
    cwd: path.join(dir, 'work'),
    input: diff.stdout,
    okCodes: [1],
  });
  const data = await readFile(sides.work);
  if (apply.code === 0) return { data, conflicted: false };
  const rejects = await readFile(`${sides.work}.rej`).catch(() => undefined);
  // Nothing applied and no reject file: the patch could not be read (binary); keep the project's bytes.
  if (!rejects) return { data: ours.data, conflicted: true };
  return { data, conflicted: true, rejects };
}
