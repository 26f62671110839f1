import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gitRaw, gitScript } from '../../git/git.js';
import type { Side } from './decide.js';

/** The labels Copier puts on conflict markers, so people and bots that know Copier's output know ours. */
export const LABELS = { ours: 'before updating', base: 'last update', theirs: 'after updating' } as const;

export interface MergeResult {
  data: Buffer;
  conflicted: boolean;
  /** With --conflict rej: the hunks of the project's change that did not apply, in a `.rej` file. */
  rejects?: Buffer;
}

export interface MergeJob {
  base: Side | undefined;
  ours: Side;
  theirs: Side;
}

/**
 * Merges files 3-way with `git merge-file` (the same merge git itself does), all through one
 * shell: each file's inputs go to their own folder of the private `scratch`, each result and exit
 * status come back as files.
 */
export async function mergeInlineAll(scratch: string, jobs: MergeJob[]): Promise<MergeResult[]> {
  if (jobs.length === 0) return [];
  await Promise.all(
    jobs.map(async (job, id) => {
      const dir = path.join(scratch, `m${id}`);
      await mkdir(dir);
      await Promise.all([writeFile(path.join(dir, 'ours'), job.ours.data), writeFile(path.join(dir, 'base'), job.base?.data ?? ''), writeFile(path.join(dir, 'theirs'), job.theirs.data)]);
    }),
  );
  const labels = `-L '${LABELS.ours}' -L '${LABELS.base}' -L '${LABELS.theirs}'`;
  // Folder names are ours (m0, m1, …), never the project's paths: nothing here needs escaping.
  const script = jobs.map((_, id) => `git merge-file -p ${labels} m${id}/ours m${id}/base m${id}/theirs > m${id}/out; echo $? > m${id}/status`).join('\n');
  await gitScript(script, scratch);
  return Promise.all(
    jobs.map(async (job, id) => {
      const code = Number((await readFile(path.join(scratch, `m${id}`, 'status'), 'utf8')).trim());
      // A negative status (255) means git could not merge at all, e.g. binary files: keep the project's bytes.
      if (code === 255 || !Number.isInteger(code)) return { data: job.ours.data, conflicted: true };
      return { data: await readFile(path.join(scratch, `m${id}`, 'out')), conflicted: code > 0 };
    }),
  );
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
