/**
 * A pull request's changes, computed with git from the bare repository: what the head adds over
 * the merge base (`base...head`, as GitHub's "Files changed" shows), or for a merged pull request
 * what its merge commit brought. Read-only; no checkout.
 */
import { gitRaw } from '../../git/git.js';

export interface DiffFile {
  path: string;
  /** The path before a rename. */
  previousPath?: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'changed';
  /** Null for a binary file. */
  additions: number | null;
  deletions: number | null;
}

export interface PullRequestDiff {
  base: string;
  head: string;
  files: DiffFile[];
  /** The unified diff, cut at `maxBytes` (then `truncated`). */
  patch: string;
  truncated: boolean;
}

/** Enough for any reviewable change; a browser showing megabytes of diff helps nobody. */
export const MAX_PATCH_BYTES = 1024 * 1024;

const STATUS: Record<string, DiffFile['status']> = { A: 'added', M: 'modified', D: 'deleted', R: 'renamed', C: 'copied' };

/** `from` and `to` are commits; `threeDot`: diff `to` against the merge base of both. */
export async function diffCommits(dir: string, from: string, to: string, options: { threeDot?: boolean; maxBytes?: number } = {}): Promise<PullRequestDiff> {
  const base = options.threeDot ? (await gitRaw(['merge-base', from, to], { cwd: dir })).stdout.toString('utf8').trim() : from;
  const range = [base, to];
  const common = ['-c', 'core.quotePath=false', 'diff', '--no-color', '--no-ext-diff', '-M'];
  const [status, numstat, patch] = await Promise.all([
    gitRaw([...common, '--name-status', '-z', ...range], { cwd: dir }),
    gitRaw([...common, '--numstat', '-z', ...range], { cwd: dir }),
    gitRaw([...common, ...range], { cwd: dir }),
  ]);
  const max = options.maxBytes ?? MAX_PATCH_BYTES;
  const truncated = patch.stdout.length > max;
  return { base, head: to, files: parseFiles(status.stdout.toString('utf8'), numstat.stdout.toString('utf8')), patch: patch.stdout.subarray(0, max).toString('utf8'), truncated };
}

/** `--name-status -z`: `M\0path\0` or `R100\0old\0new\0`; `--numstat -z`: `1\t2\tpath\0` or `1\t2\t\0old\0new\0`. */
function parseFiles(nameStatus: string, numstat: string): DiffFile[] {
  const counts = new Map<string, [number | null, number | null]>();
  const stats = numstat.split('\0');
  for (let i = 0; i < stats.length; i++) {
    const m = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(stats[i]!);
    if (!m) continue;
    const path = m[3] === '' ? stats[(i += 2)]! : m[3]!;
    counts.set(path, [m[1] === '-' ? null : Number(m[1]), m[2] === '-' ? null : Number(m[2])]);
  }
  const files: DiffFile[] = [];
  const parts = nameStatus.split('\0');
  for (let i = 0; i < parts.length - 1; ) {
    const code = parts[i++]!;
    const kind = STATUS[code[0]!] ?? 'changed';
    const twoPaths = kind === 'renamed' || kind === 'copied';
    const previousPath = twoPaths ? parts[i++] : undefined;
    const path = parts[i++]!;
    const [additions, deletions] = counts.get(path) ?? [null, null];
    files.push({ path, ...(previousPath !== undefined ? { previousPath } : {}), status: kind, additions, deletions });
  }
  return files;
}
