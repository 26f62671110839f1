/**
 * Git plumbing on the local forge's bare repositories: everything a forge does to a repository
 * without a checkout (read files and trees, move refs with compare-and-swap, merge in memory).
 */
import { existsSync } from 'node:fs';
import { appendFile, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { ConflictError, ExternalServiceError, NotFoundError } from '../../errors.js';
import { gitRaw } from '../../git/git.js';
import { refInTheWay } from '../../git/ref-in-the-way.js';
import type { TreeItem } from '../types.js';

export const ZERO = '0'.repeat(40);

/** Creates an empty bare repository at `dir` whose HEAD names `defaultBranch`; atomic (built aside, renamed in). */
export async function createBare(dir: string, defaultBranch: string): Promise<void> {
  if (existsSync(path.join(dir, 'HEAD'))) return;
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(path.dirname(dir), { recursive: true });
  try {
    // No template: git's sample hooks would be most of an empty repository's size, and never run.
    await gitRaw(['init', '--quiet', '--bare', '--template=', `--initial-branch=${defaultBranch}`, tmp], { cwd: path.dirname(dir) });
    // Served over HTTP: receive-pack must accept pushes (Paved checks who may push before git
    // runs), a force-push with a lease may rewind a branch, and fetching by commit id works.
    // Appended to the fresh config in one write rather than three `git config` processes.
    await appendFile(path.join(tmp, 'config'), '[http]\n\treceivepack = true\n[receive]\n\tdenyNonFastForwards = false\n[uploadpack]\n\tallowAnySHA1InWant = true\n');
    await rename(tmp, dir);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    if (existsSync(path.join(dir, 'HEAD'))) return;
    throw error;
  }
}

export async function setHead(dir: string, branch: string): Promise<void> {
  await gitRaw(['symbolic-ref', 'HEAD', `refs/heads/${branch}`], { cwd: dir });
}

/** Refs under the given prefixes (default: all) → commit (annotated tags peeled). */
export async function listRefs(dir: string, ...prefixes: string[]): Promise<Map<string, string>> {
  const out = await gitRaw(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(*objectname)', ...(prefixes.length > 0 ? prefixes : ['refs/'])], { cwd: dir });
  const refs = new Map<string, string>();
  for (const line of out.stdout.toString('utf8').split('\n')) {
    if (!line) continue;
    const [name, oid, peeled] = line.split('\0');
    refs.set(name!, peeled || oid!);
  }
  return refs;
}

/** The unpeeled object ids of refs (what update-ref compares against). */
export async function refTargets(dir: string, prefix: string): Promise<Map<string, string>> {
  const out = await gitRaw(['for-each-ref', '--format=%(refname)%00%(objectname)', prefix], { cwd: dir });
  const refs = new Map<string, string>();
  for (const line of out.stdout.toString('utf8').split('\n')) {
    if (!line) continue;
    const [name, oid] = line.split('\0');
    refs.set(name!, oid!);
  }
  return refs;
}

export async function resolveCommit(dir: string, rev: string): Promise<string | undefined> {
  if (rev.startsWith('-') || /[\s\0]/.test(rev)) return undefined;
  const out = await gitRaw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], { cwd: dir, okCodes: [1, 128] });
  return out.code === 0 ? out.stdout.toString('utf8').trim() : undefined;
}

/**
 * Moves `ref` to `next` only if it holds `expected` (ZERO: must not exist); `next` ZERO deletes.
 * git checks and moves under the ref's lock, so of two racing updates exactly one wins.
 */
export async function updateRef(dir: string, ref: string, next: string, expected: string | undefined, details: Record<string, unknown> = {}): Promise<void> {
  const args = next === ZERO ? ['update-ref', '-d', ref, ...(expected ? [expected] : [])] : ['update-ref', ref, next, ...(expected ? [expected] : [])];
  const out = await gitRaw(args, { cwd: dir, okCodes: [1, 128] });
  if (out.code === 0) return;
  const inTheWay = refInTheWay(out.stderr, '', { ref, ...details });
  if (inTheWay) throw inTheWay;
  if (/cannot lock ref|is at .* but expected|reference already exists|unable to resolve reference/.test(out.stderr)) {
    throw new ConflictError(`${ref.replace(/^refs\/(heads|tags)\//, '')} changed since it was read (${out.stderr.trim().split('\n').pop()}); read it again and retry`, { reason: expected === ZERO ? 'exists' : 'stale', ref, ...details });
  }
  if (/nonexistent object|non-commit object/.test(out.stderr)) throw new NotFoundError(`no commit '${next}' in the repository; push it first`, { commit: next, ref });
  throw new ExternalServiceError(`git update-ref ${ref} failed in ${dir}: ${out.stderr.trim()}`, { ref });
}

/**
 * Points `refs/pull/<number>/head` at a pull request's head, as GitHub does, so the reviewed
 * commits stay reachable whatever happens to the branch. Written as git writes a loose ref (take
 * `<ref>.lock` exclusively, write, rename over the ref) instead of running `git update-ref`: it is
 * called for every pull request opened or moved, a fleet run opens a thousand, and a process each
 * was a fifth of the run. A loose ref overrides a packed one, so `git pack-refs` stays correct.
 * When git holds the lock (or the repository keeps refs some other way) it falls back to git.
 */
export async function pinPullHead(dir: string, number: number, commit: string): Promise<void> {
  const ref = `refs/pull/${number}/head`;
  if (!Number.isSafeInteger(number) || number < 1 || !/^[0-9a-f]{40}$/.test(commit) || existsSync(path.join(dir, 'reftable'))) {
    await updateRef(dir, ref, commit, undefined);
    return;
  }
  const file = path.join(dir, ref);
  const lock = `${file}.lock`;
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(lock, 'wx').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EEXIST') return undefined;
    throw error;
  });
  if (!handle) {
    await updateRef(dir, ref, commit, undefined);
    return;
  }
  try {
    await handle.writeFile(`${commit}\n`);
    await handle.close();
    await rename(lock, file);
  } catch (error) {
    await rm(lock, { force: true });
    throw error;
  }
}

export async function isAncestor(dir: string, ancestor: string, descendant: string): Promise<boolean> {
  const out = await gitRaw(['merge-base', '--is-ancestor', ancestor, descendant], { cwd: dir, okCodes: [1] });
  return out.code === 0;
}

export async function readBlob(dir: string, rev: string, file: string): Promise<{ data: Buffer; sha: string; mode: string } | undefined> {
  const entry = await gitRaw(['ls-tree', '-z', '--full-tree', rev, '--', file], { cwd: dir, okCodes: [128] });
  if (entry.code !== 0) return undefined;
  const line = entry.stdout.toString('utf8').split('\0')[0];
  const m = line ? /^(\d+) blob ([0-9a-f]+)\t(.*)$/s.exec(line) : null;
  if (!m || m[3] !== file) return undefined;
  const blob = await gitRaw(['cat-file', 'blob', m[2]!], { cwd: dir });
  return { data: blob.stdout, sha: m[2]!, mode: m[1]! };
}

export async function readTree(dir: string, rev: string, under?: string): Promise<TreeItem[]> {
  const spec = under ? `${rev}:${under}` : rev;
  const out = await gitRaw(['ls-tree', '-r', '-t', '-z', '--full-tree', spec], { cwd: dir, okCodes: [128] });
  if (out.code !== 0) return [];
  const items: TreeItem[] = [];
  for (const entry of out.stdout.toString('utf8').split('\0')) {
    const m = /^(\d+) (blob|tree|commit) ([0-9a-f]+)\t(.*)$/s.exec(entry);
    if (m) items.push({ mode: m[1]!, type: m[2] as TreeItem['type'], sha: m[3]!, path: m[4]! });
  }
  return items;
}

export interface MergeOutcome {
  tree?: string;
  conflicts: string[];
}

/** Merges two commits in memory (`git merge-tree --write-tree`): the merged tree, or the conflicted paths. */
export async function mergeTrees(dir: string, ours: string, theirs: string): Promise<MergeOutcome> {
  const out = await gitRaw(['merge-tree', '--write-tree', '--name-only', '--no-messages', ours, theirs], { cwd: dir, okCodes: [1] });
  const [tree, ...paths] = out.stdout.toString('utf8').split('\n').filter(Boolean);
  if (out.code === 0) return { tree, conflicts: [] };
  return { conflicts: [...new Set(paths)] };
}

export async function commitTree(dir: string, tree: string, parents: string[], message: string, author: { name: string; email: string }): Promise<string> {
  const env = { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_COMMITTER_NAME: author.name, GIT_COMMITTER_EMAIL: author.email };
  const out = await gitRaw(['commit-tree', tree, ...parents.flatMap((p) => ['-p', p])], { cwd: dir, input: message, env });
  return out.stdout.toString('utf8').trim();
}

/** Commit subjects in `from..to`, oldest first. */
export async function subjects(dir: string, from: string, to: string): Promise<string[]> {
  const out = await gitRaw(['log', '--reverse', '--format=%s', `${from}..${to}`], { cwd: dir });
  return out.stdout.toString('utf8').split('\n').filter(Boolean);
}

export async function createTagObject(dir: string, name: string, commit: string, message: string, tagger: { name: string; email: string }): Promise<string> {
  const date = `${Math.floor(Date.now() / 1000)} +0000`;
  const body = `object ${commit}\ntype commit\ntag ${name}\ntagger ${tagger.name} <${tagger.email}> ${date}\n\n${message.endsWith('\n') ? message : `${message}\n`}`;
  const out = await gitRaw(['mktag'], { cwd: dir, input: body });
  return out.stdout.toString('utf8').trim();
}
