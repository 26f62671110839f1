import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { git } from '../../git/git.js';
import { hashObjects } from '../../git/tree.js';
import type { Side } from './decide.js';

export interface ConflictStages {
  /** Path relative to the repository's top. */
  path: string;
  base?: Side;
  ours?: Side;
  theirs?: Side;
}

/**
 * Records conflicted files as unmerged in the git index (stage 1 base, 2 ours, 3 theirs), as git
 * does after a merge and as Copier does after an update: `git status` then lists them as "both
 * modified", and a commit is refused until they are resolved and added.
 */
export async function markUnmerged(repoTop: string, conflicts: ConflictStages[]): Promise<void> {
  if (conflicts.length === 0) return;
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'paved-stages-'));
  try {
    const blobs: Array<{ path: string; stage: number; mode: string; file: string }> = [];
    for (const [index, conflict] of conflicts.entries()) {
      for (const [stage, side] of [[1, conflict.base], [2, conflict.ours], [3, conflict.theirs]] as const) {
        if (!side) continue;
        const file = path.join(scratch, `${index}-${stage}`);
        await writeFile(file, side.data);
        blobs.push({ path: conflict.path, stage, mode: side.mode, file });
      }
    }
    const ids = await hashObjects(repoTop, blobs.map((blob) => blob.file));
    const lines = conflicts.map((conflict) => `0 ${'0'.repeat(40)}\t${conflict.path}`);
    blobs.forEach((blob, i) => lines.push(`${blob.mode} ${ids[i]} ${blob.stage}\t${blob.path}`));
    await git(['update-index', '--index-info'], { cwd: repoTop, input: lines.join('\n') + '\n' });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
