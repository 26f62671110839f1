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
export async function readHistory(dir: string, head: string, bases: string[], prefetched?: HistoryPrefetch): Promise<HistoryCommit[]> {
  const unique = [...new Set(bases)].sort();
  const sameHead = prefetched?.head === head;
  // The same baselines stop at the same commits: no need to ask git for them again.
  const stop = sameHead && sameList(prefetched.bases, unique) ? prefetched.stop : unique.length > 0 ? await commonAncestors(dir, unique) : [];
  if (sameHead && sameList(prefetched.stop, stop)) {
    const out = await prefetched.output();
    if (out) return parseLog(out.toString('utf8'));
  }
  prefetched?.cancel();
  const { stdout } = await gitRaw(historyArgs(head, stop), { cwd: dir });
  return parseLog(stdout.toString('utf8'));
}

/**
 * A `git log` of the history started before the plan knew its baselines (see prefetch.ts):
 * usable only when it was asked for the same head and the same stopping points.
 */
export interface HistoryPrefetch {
  head: string;
  /** The baseline commits it guessed, unique and sorted. */
  bases: string[];
  /** What it passed to `--not`, sorted. */
  stop: string[];
  /** git's output, or undefined when git failed (the caller then reads the history itself). */
  output(): Promise<Buffer | undefined>;
  /** Stops git if it is still running; a no-op once the output was taken. */
  cancel(): void;
}

/** The `git log` the plan reads: `head`'s commits not reachable from `stop` (all of them when empty). */
export function historyArgs(head: string, stop: string[]): string[] {
  // A leading NUL marks each commit, so a commit's file list ends where the next marker starts.
  const args = ['log', '-z', '--name-only', '--no-renames', '--diff-merges=first-parent', '--format=%x00%H %P%x00%B', head];
  if (stop.length > 0) args.push('--not', ...stop);
  return args;
}

/** `merge-base --all --octopus` of unique `bases`, sorted: everything below them is before every baseline. */
export async function commonAncestors(dir: string, bases: string[]): Promise<string[]> {
  if (bases.length === 1) return bases;
  const result = await gitRaw(['merge-base', '--all', '--octopus', ...bases], { cwd: dir, okCodes: [1] });
  return result.stdout.toString('utf8').split('\n').filter(Boolean).sort();
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
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
