/**
 * The release commit on a release branch, and whether a branch is still the bot's own. Every
 * release commit carries a `Paved-Release` trailer; a commit on the branch without it was pushed
 * by a person, and `paved release pr` never force-pushes over it (as the fleet's update branches).
 */
import { signoffCommitMessage } from 'release-please/build/src/util/signoff-commit-message.js';
import { gitRaw } from '../git/git.js';
import type { FileChange } from './types.js';

export const TRAILER = 'Paved-Release';
const BOT = { GIT_AUTHOR_NAME: 'Paved release', GIT_AUTHOR_EMAIL: 'release@paved.local', GIT_COMMITTER_NAME: 'Paved release', GIT_COMMITTER_EMAIL: 'release@paved.local' };

async function text(dir: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<string> {
  return (await gitRaw(args, { cwd: dir, ...options })).stdout.toString('utf8').trim();
}

/** release-please's commit message (the pull request title, signed off when configured) plus the trailer. */
export function releaseMessage(title: string, branch: string, signoff?: string): string {
  const message = signoff ? signoffCommitMessage(title, signoff) : title;
  return `${message}${signoff ? '\n' : '\n\n'}${TRAILER}: ${branch}\n`;
}

/**
 * One commit on `parent` with `changes` written over its tree, built in a private index so the
 * clone's own index and work tree (none: it is cloned without checkout) stay untouched.
 */
export async function commitChanges(dir: string, parent: string, changes: FileChange[], message: string): Promise<string> {
  const env = { GIT_INDEX_FILE: `${dir}/.git/paved-release.index` };
  await gitRaw(['read-tree', parent], { cwd: dir, env });
  const modes = await blobs(dir, parent, changes.map((c) => c.path));
  const lines: string[] = [];
  for (const change of changes) {
    const sha = await text(dir, ['hash-object', '-w', '--stdin'], { input: change.content });
    // An executable or otherwise special file keeps its mode; a new file is a plain one.
    lines.push(`${modes.get(change.path)?.mode ?? '100644'} ${sha}\t${change.path}`);
  }
  if (lines.length > 0) await gitRaw(['update-index', '-z', '--index-info'], { cwd: dir, env, input: lines.map((l) => `${l}\0`).join('') });
  const tree = await text(dir, ['write-tree'], { env });
  return text(dir, ['commit-tree', '--no-gpg-sign', tree, '-p', parent, '-F', '-'], { input: message, env: BOT });
}

/** Mode and blob id of each of `paths` at `rev` (absent paths are left out). */
export async function blobs(dir: string, rev: string, paths: string[]): Promise<Map<string, { mode: string; sha: string }>> {
  const found = new Map<string, { mode: string; sha: string }>();
  if (paths.length === 0) return found;
  const out = (await gitRaw(['ls-tree', '-z', '--full-tree', rev, '--', ...paths], { cwd: dir })).stdout.toString('utf8');
  for (const entry of out.split('\0')) {
    const match = /^(\d+) blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
    if (match) found.set(match[3]!, { mode: match[1]!, sha: match[2]! });
  }
  return found;
}

/** Commits on `tip` but not on `base` that lack the trailer: a person's work on the bot's branch. */
export async function personCommits(dir: string, base: string, tip: string): Promise<string[]> {
  const out = await text(dir, ['log', `--format=%x01%H%x02%(trailers:key=${TRAILER},valueonly)`, `${base}..${tip}`]);
  return out
    .split('\x01')
    .filter(Boolean)
    .map((entry) => entry.split('\x02') as [string, string?])
    .filter(([, trailer]) => !trailer?.trim())
    .map(([sha]) => sha.trim());
}
