import path from 'node:path';
import { ConflictError } from '../errors.js';
import { dirtyPaths, trackedFiles, workTreeRoot } from '../git/repo.js';
import { copyTemplate } from './copy.js';
import type { CommonOptions, OperationResult } from './options.js';
import { readAnswersFile, requireSource } from './project/answers-file.js';

export interface RecopyOptions extends CommonOptions {
  dst: string;
  /** Also overwrite differing files git does not track (ignored or untracked). */
  overwrite?: boolean;
}

/**
 * `paved template recopy`: renders the template afresh over the project with its recorded answers,
 * discarding the project's history with the template. Files the project changed are overwritten,
 * so a git project must be clean: every overwritten edit stays recoverable from git.
 */
export async function recopyProject(options: RecopyOptions): Promise<OperationResult> {
  const dst = path.resolve(options.cwd ?? process.cwd(), options.dst);
  let tracked: Set<string> | undefined;
  if (await workTreeRoot(dst)) {
    const dirty = await dirtyPaths(dst, ['.']);
    if (dirty.length > 0) {
      throw new ConflictError(`${dst} has uncommitted changes (${dirty.slice(0, 3).join(', ')}); recopy overwrites files, so commit or stash them first`, { files: dirty });
    }
    tracked = await trackedFiles(dst);
  }
  const recorded = await readAnswersFile(dst, options.answersFile);
  return copyTemplate({ ...options, src: requireSource(recorded), cwd: dst, dst, last: recorded.answers, answersFile: recorded.file, tracked }, 'recopy');
}
