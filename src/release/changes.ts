/**
 * The files a release pull request changes, with their new text: release-please's own updaters
 * run on the planned commit's files, merged per path first as its GitHub client's buildChangeSet
 * does (the manifest is updated by every package of a merged pull request, and must come out as
 * one text with all of them).
 */
import type { Update } from 'release-please/build/src/update.js';
import { mergeUpdates } from 'release-please/build/src/updaters/composite.js';
import type { CommitFiles } from './files.js';
import { silentLogger } from './silent-logger.js';
import type { FileChange } from './types.js';

export async function applyUpdates(updates: Update[], files: CommitFiles): Promise<FileChange[]> {
  const changes: FileChange[] = [];
  for (const update of mergeUpdates(updates)) {
    const current = await files.read(update.path);
    // release-please skips a missing optional file (package-lock.json in a repository without one).
    if (current === undefined && !update.createIfMissing) continue;
    const content = update.updater.updateContent(current, silentLogger);
    if (content) changes.push({ path: update.path, content });
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
