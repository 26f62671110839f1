/**
 * The commits a release plan needs, from local git in one `git log`: every commit on HEAD that
 * is not an ancestor of all the components' baseline tags, each with its parents, message and
 * the paths it touches. NUL-separated output, so no message or file name can break the parse.
 */
import { gitRaw } from '../git/git.js';

export interface HistoryCommit {
  sha: string;
  parents: string[];
  message: string;
  /** Paths touched, relative to the repository root; for a merge, against its first parent (as the GitHub API reports it). */
  files: string[];
}

/**
 * Commits reachable from `head` but not from every one of `bases` (newest first, as git log
 * lists them). With no bases, the whole history.
 */
export async function readHistory(dir: string, head: string, bases: string[]): Promise<HistoryCommit[]> {
  const stop = bases.length > 0 ? await commonAncestors(dir, bases) : [];
  // A leading NUL marks each commit, so a commit's file list ends where the next marker starts.
  const args = ['log', '-z', '--name-only', '--no-renames', '--diff-merges=first-parent', '--format=%x00%H %P%x00%B', head];
  if (stop.length > 0) args.push('--not', ...stop);
  const { stdout } = await gitRaw(args, { cwd: dir });
  return parseLog(stdout.toString('utf8'));
}

/** The best common ancestors of all `bases`: everything below them is before every baseline. */
async function commonAncestors(dir: string, bases: string[]): Promise<string[]> {
  const unique = [...new Set(bases)];
  if (unique.length === 1) return unique;
  const result = await gitRaw(['merge-base', '--all', '--octopus', ...unique], { cwd: dir, okCodes: [1] });
  return result.stdout.toString('utf8').split('\n').filter(Boolean);
}

/** Parses `git log -z --name-only --format=%x00%H %P%x00%B` output. */
export function parseLog(out: string): HistoryCommit[] {
  const fields = out.split('\0');
  const commits: HistoryCommit[] = [];
  let i = 0;
  while (i < fields.length) {
    // Each commit: '' (marker), 'sha parents', message, then files until the next '' marker.
    if (fields[i] !== '' || i + 2 >= fields.length) {
      i++;
      continue;
    }
    const [sha = '', ...parents] = fields[i + 1]!.split(' ');
    // GitHub's API gives messages without git's final newline; release-please sees them so.
    const message = fields[i + 2]!.replace(/\n$/, '');
    i += 3;
    const files: string[] = [];
    while (i < fields.length && fields[i] !== '') {
      const name = fields[i]!;
      files.push(files.length === 0 && name.startsWith('\n') ? name.slice(1) : name);
      i++;
    }
    commits.push({ sha, parents: parents.filter(Boolean), message, files });
  }
  return commits;
}
