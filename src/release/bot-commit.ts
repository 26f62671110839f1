/**
 * The release commit on a release branch. Every release commit is the release bot's: it carries
 * a `Paved-Release` trailer and the bot as author and committer. Any other commit on the branch
 * was pushed by a person, and `paved release pr` never force-pushes over it (src/git/bot-branch.ts).
 */
import path from 'node:path';
import { signoffCommitMessage } from 'release-please/build/src/util/signoff-commit-message.js';
import type { BotIdentity } from '../git/bot-branch.js';
import { gitRaw } from '../git/git.js';
import { commitObject, listTree, ObjectWriter, rootTreeOf, writeChangedTree, type TreeChange } from '../git/objects.js';
import type { FileChange } from './types.js';

export const RELEASE_BOT: BotIdentity = { name: 'Paved release', email: 'release@paved.local', trailer: 'Paved-Release' };

/** A file's mode and blob id in a tree. */
export interface BlobEntry {
  mode: string;
  sha: string;
}

/** release-please's commit message (the pull request title, signed off when configured) plus the trailer. */
export function releaseMessage(title: string, branch: string, signoff?: string): string {
  const message = signoff ? signoffCommitMessage(title, signoff) : title;
  return `${message}${signoff ? '\n' : '\n\n'}${RELEASE_BOT.trailer}: ${branch}\n`;
}

export interface ReleaseCommit {
  commit: string;
  /** Mode and blob id of each changed file in the commit, by path. */
  files: Map<string, BlobEntry>;
}

export interface CommitOptions {
  /** Compute the ids and write nothing (a dry run: the commit is never pushed). */
  hashOnly?: boolean;
  /** The commit's time; now by default. */
  time?: Date;
}

/**
 * One commit on `parent` (a commit id) with `changes` written over its tree: one `ls-tree` of the
 * parent, then blobs, the folders on a changed path and the commit go straight into the clone's
 * object store, so its index and work tree (none: it is cloned without checkout) stay untouched.
 */
export async function commitChanges(dir: string, parent: string, changes: FileChange[], message: string, options: CommitOptions = {}): Promise<ReleaseCommit> {
  // The id goes into the commit object as it is: a name git would resolve would make a broken commit.
  if (!/^[0-9a-f]{40}$/.test(parent)) throw new Error(`commitChanges needs the parent's commit id, not '${parent}'`);
  const listing = await listTree(dir, parent);
  const modes = new Map(listing.filter((e) => e.type === 'blob').map((e) => [e.path, e.mode]));
  const hasher = new ObjectWriter('', true);
  const files = new Map<string, BlobEntry>();
  const treeChanges: TreeChange[] = [];
  for (const change of changes) {
    // An executable or otherwise special file keeps its mode; a new file is a plain one.
    const file = { mode: modes.get(change.path) ?? '100644', data: Buffer.from(change.content, 'utf8') };
    treeChanges.push({ path: change.path, file });
    files.set(change.path, { mode: file.mode, sha: await hasher.write('blob', file.data) });
  }
  const writer = new ObjectWriter(path.join(dir, '.git'), options.hashOnly);
  const tree = await writeChangedTree(writer, await rootTreeOf(listing), listing, treeChanges);
  const bot = { name: RELEASE_BOT.name, email: RELEASE_BOT.email };
  const commit = await writer.write('commit', commitObject({ tree, parents: [parent], author: bot, committer: bot, message, time: options.time }));
  return { commit, files };
}

/** Mode and blob id of each of `paths` at `rev` (absent paths are left out): one `ls-tree`. */
export async function blobs(dir: string, rev: string, paths: string[]): Promise<Map<string, BlobEntry>> {
  const found = new Map<string, BlobEntry>();
  if (paths.length === 0) return found;
  const out = (await gitRaw(['ls-tree', '-z', '--full-tree', rev, '--', ...paths], { cwd: dir })).stdout.toString('utf8');
  for (const entry of out.split('\0')) {
    const match = /^(\d+) blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
    if (match) found.set(match[3]!, { mode: match[1]!, sha: match[2]! });
  }
  return found;
}
