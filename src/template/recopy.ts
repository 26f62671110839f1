import path from 'node:path';
import { ConflictError, InputError } from '../errors.js';
import { dirtyPaths, workTreeRoot } from '../git/repo.js';
import { copyTemplate } from './copy.js';
import type { CommonOptions, OperationResult } from './options.js';
import { readAnswersFile } from './project/answers-file.js';

export interface RecopyOptions extends CommonOptions {
  dst: string;
}

/**
 * `paved template recopy`: renders the template afresh over the project with its recorded answers,
 * discarding the project's history with the template. Files the project changed are overwritten,
 * so a git project must be clean: every overwritten edit stays recoverable from git.
 */
export async function recopyProject(options: RecopyOptions): Promise<OperationResult> {
  const dst = path.resolve(options.cwd ?? process.cwd(), options.dst);
  if (await workTreeRoot(dst)) {
    const dirty = await dirtyPaths(dst, ['.']);
    if (dirty.length > 0) {
      throw new ConflictError(`${dst} has uncommitted changes (${dirty.slice(0, 3).join(', ')}); recopy overwrites files, so commit or stash them first`, { files: dirty });
    }
  }
  const recorded = await readAnswersFile(dst, options.answersFile);
  if (!recorded.srcPath) throw new InputError(`${recorded.file} has no _src_path, so the template is unknown; add it (the template's path or URL)`, {});
  return copyTemplate({ ...options, src: recorded.srcPath, cwd: dst, dst, last: recorded.answers, answersFile: recorded.file }, 'recopy');
}
