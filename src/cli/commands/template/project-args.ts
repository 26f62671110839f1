import { stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError, NotFoundError } from '../../../errors.js';

/** The DST of update, recopy and check must be an existing folder; say so before git is asked. */
export async function requireProjectFolder(dst: string): Promise<void> {
  const stats = await stat(dst).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw error;
  });
  if (!stats) throw new NotFoundError(`no such project folder: ${dst}; give the folder a template was copied into`, { path: dst });
  if (!stats.isDirectory()) throw new InputError(`${dst} is a file, not a project folder; give the folder a template was copied into`, { path: dst });
}

/** `--answers-file` names a file inside the project: relative, and never climbing out with `..`. */
export function checkAnswersFile(answersFile: string | undefined): void {
  if (answersFile === undefined) return;
  const escapes = answersFile === '' || path.posix.isAbsolute(answersFile) || path.win32.isAbsolute(answersFile) || answersFile.split(/[\\/]/).includes('..');
  if (escapes) throw new InputError(`--answers-file must be a path inside the project, relative to it (got ${answersFile})`, { value: answersFile });
}
