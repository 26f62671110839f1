/**
 * Git objects without a work tree: list a commit's tree, read blobs and commits in one process,
 * write new blobs, trees and a commit straight into the object store. The fleet updates hundreds
 * of repositories this way; a clone, a checkout, `git add` and `git commit` per repository cost
 * twenty-odd processes where this costs two.
 */
import { createHash } from 'node:crypto';
import { link, mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { ExternalServiceError } from '../errors.js';
import { gitRaw } from './git.js';
import { comparePaths, type TreeEntry } from './tree.js';

export interface ListedEntry {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  oid: string;
}

/** Every entry of a commit's tree, folders included, in one process. */
export async function listTree(gitDir: string, commit: string, env?: Record<string, string>): Promise<ListedEntry[]> {
  const out = await gitRaw(['ls-tree', '-r', '-t', '-z', '--full-tree', '--end-of-options', `${commit}^{tree}`], { cwd: gitDir, env });
  const entries: ListedEntry[] = [];
  for (const entry of out.stdout.toString('utf8').split('\0')) {
    const match = /^(\d+) (blob|tree|commit) ([0-9a-f]+)\t(.*)$/s.exec(entry);
    if (match) entries.push({ mode: match[1]!, type: match[2] as ListedEntry['type'], oid: match[3]!, path: match[4]! });
  }
  return entries;
}

/** Objects by id (or any name git resolves), read by one `git cat-file --batch`; missing ones are absent. */
export async function readObjects(gitDir: string, names: string[], env?: Record<string, string>): Promise<Map<string, { oid: string; type: string; data: Buffer }>> {
  const found = new Map<string, { oid: string; type: string; data: Buffer }>();
  const wanted = [...new Set(names)];
  if (wanted.length === 0) return found;
  if (wanted.some((name) => /[\n\0]/.test(name))) throw new ExternalServiceError('an object name contains a line break', { names });
  const { stdout } = await gitRaw(['cat-file', '--batch'], { cwd: gitDir, env, input: `${wanted.join('\n')}\n` });
  let offset = 0;
  for (const name of wanted) {
    const newline = stdout.indexOf(0x0a, offset);
    if (newline < 0) throw new ExternalServiceError(`git cat-file answered too little in ${gitDir}`, { name });
    const header = stdout.subarray(offset, newline).toString('utf8');
    offset = newline + 1;
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) continue;
    const [oid, type, size] = header.split(' ');
    const data = stdout.subarray(offset, offset + Number(size));
    offset += Number(size) + 1;
    found.set(name, { oid: oid!, type: type!, data });
  }
  return found;
}

/**
 * Every file of a commit with its mode and bytes, in path order: one `ls-tree` and one `cat-file`,
 * both through the shared shell (a process spawned from a large Node process blocks it for
 * 10–30 ms; the shell's fork does not). Blobs already in `cache` (another version of the same
 * template) are not read again. Submodules have no content here; Copier skips them too.
 */
export async function readCommitFiles(gitDir: string, commit: string, cache = new Map<string, Buffer>(), env?: Record<string, string>): Promise<TreeEntry[]> {
  const blobs = (await listTree(gitDir, commit, env)).filter((e) => e.type === 'blob');
  const read = await readObjects(gitDir, [...new Set(blobs.map((b) => b.oid).filter((oid) => !cache.has(oid)))], env);
  for (const [oid, object] of read) cache.set(oid, object.data);
  return blobs
    .flatMap((b) => {
      const data = cache.get(b.oid);
      return data ? [{ path: b.path, mode: b.mode, data }] : [];
    })
    .sort(comparePaths);
}

export interface CommitInfo {
  tree: string;
  parents: string[];
  message: string;
}

export function parseCommit(data: Buffer): CommitInfo {
  const text = data.toString('utf8');
  const split = text.indexOf('\n\n');
  const headers = (split < 0 ? text : text.slice(0, split)).split('\n');
  const value = (key: string) => headers.filter((h) => h.startsWith(`${key} `)).map((h) => h.slice(key.length + 1));
  return { tree: value('tree')[0] ?? '', parents: value('parent'), message: split < 0 ? '' : text.slice(split + 2) };
}

/**
 * Writes loose objects the way git does: zlib-deflated `<type> <size>\0<data>` under its SHA-1,
 * through a temporary file linked into place, so a reader never sees half an object and a
 * concurrent writer of the same object is harmless. An object that is not referenced in the end
 * is garbage git's own gc removes.
 */
let nextTemp = 0;

export class ObjectWriter {
  private readonly objects: string;
  private readonly dirs = new Set<string>();

  /** With `hashOnly`, ids are computed and nothing is written (a dry run). */
  constructor(
    gitDir: string,
    private readonly hashOnly = false,
  ) {
    this.objects = path.join(gitDir, 'objects');
  }

  async write(type: 'blob' | 'tree' | 'commit', data: Buffer): Promise<string> {
    const raw = Buffer.concat([Buffer.from(`${type} ${data.length}\0`), data]);
    const oid = createHash('sha1').update(raw).digest('hex');
    if (this.hashOnly) return oid;
    const dir = path.join(this.objects, oid.slice(0, 2));
    if (!this.dirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.dirs.add(dir);
    }
    // Unique across writers: two units of one run may write the same object into one repository.
    const temp = path.join(dir, `tmp_paved_${process.pid}_${nextTemp++}`);
    await writeFile(temp, deflateSync(raw, { level: 1 }), { mode: 0o444 });
    try {
      await link(temp, path.join(dir, oid.slice(2)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(temp);
    }
    return oid;
  }
}

export interface TreeChange {
  path: string;
  /** Absent: delete the file. */
  file?: { mode: string; data: Buffer };
}

/** git's tree order: names compared as bytes, a folder as if its name ended in '/'. */
function treeOrder(a: { name: string; mode: string }, b: { name: string; mode: string }): number {
  const key = (e: { name: string; mode: string }) => Buffer.from(e.mode === '40000' ? `${e.name}/` : e.name);
  return Buffer.compare(key(a), key(b));
}

/**
 * A new root tree: the listed tree with the changes applied. Only the folders on a changed path
 * are written again; a folder left empty disappears, as git has no empty folders.
 */
export async function writeChangedTree(writer: ObjectWriter, rootTree: string, listing: ListedEntry[], changes: TreeChange[]): Promise<string> {
  const folders = new Map<string, Map<string, { mode: string; oid: string }>>([['', new Map()]]);
  const parentOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
  const nameOf = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  for (const entry of listing) {
    if (entry.type === 'tree') folders.set(entry.path, folders.get(entry.path) ?? new Map());
    const parent = parentOf(entry.path);
    if (!folders.has(parent)) folders.set(parent, new Map());
    folders.get(parent)!.set(nameOf(entry.path), { mode: entry.mode === '040000' ? '40000' : entry.mode, oid: entry.oid });
  }
  const dirty = new Set<string>(['']);
  const markDirty = (folder: string) => {
    for (let f = folder; ; f = parentOf(f)) {
      dirty.add(f);
      if (f === '') break;
    }
  };
  for (const change of changes) {
    const parent = parentOf(change.path);
    if (change.file) {
      const oid = await writer.write('blob', change.file.data);
      // Create missing folders on the way down; a file in the way of a folder is replaced.
      for (let f = parent, child = ''; ; child = f, f = parentOf(f)) {
        if (!folders.has(f)) folders.set(f, new Map());
        if (child && folders.get(f)!.get(nameOf(child))?.mode !== '40000') folders.get(f)!.set(nameOf(child), { mode: '40000', oid: '' });
        if (f === '') break;
      }
      folders.get(parent)!.set(nameOf(change.path), { mode: change.file.mode.replace(/^0+/, ''), oid });
    } else {
      folders.get(parent)?.delete(nameOf(change.path));
    }
    markDirty(parent);
  }
  // Deepest first, so each folder's new id is known before its parent is written.
  const order = [...dirty].sort((a, b) => b.split('/').length - a.split('/').length || (a < b ? 1 : -1));
  const written = new Map<string, string>();
  for (const folder of order) {
    const entries = [...folders.get(folder)!].map(([name, e]) => ({ name, mode: e.mode, oid: e.mode === '40000' && dirty.has(folder ? `${folder}/${name}` : name) ? written.get(folder ? `${folder}/${name}` : name) : e.oid }));
    const kept = entries.filter((e): e is { name: string; mode: string; oid: string } => Boolean(e.oid)).sort(treeOrder);
    if (kept.length === 0 && folder !== '') {
      written.set(folder, '');
      continue;
    }
    const body = Buffer.concat(kept.flatMap((e) => [Buffer.from(`${e.mode} ${e.name}\0`), Buffer.from(e.oid, 'hex')]));
    written.set(folder, await writer.write('tree', body));
  }
  const root = written.get('')!;
  return root === '' ? rootTree : root;
}

/** The id of the root tree a full listing (`listTree`) describes, computed without git. */
export function rootTreeOf(listing: ListedEntry[]): Promise<string> {
  return writeChangedTree(new ObjectWriter('', true), '', listing, []);
}

/**
 * The tree listings fleet discovery read, for the update that may follow to reuse. A listing is
 * found by the ref it was read from and used only if its root tree is the one the update reads
 * (the ref may have moved in between), so a cached listing can never be stale. The tree's id is
 * worked out on the first ask only: most components are current, and their listings are never
 * asked for (about 1 ms per 800 entries saved each). Bounded by the total number of entries kept.
 */
export class ListingCache {
  private readonly byRef = new Map<string, { listing: ListedEntry[]; tree?: Promise<string> }>();
  private kept = 0;

  constructor(private readonly maxEntries = 200_000) {}

  /** The listing just read for `ref` in the repository at `gitDir`. */
  remember(gitDir: string, ref: string, listing: ListedEntry[]): void {
    const key = `${gitDir}\0${ref}`;
    if (listing.length === 0 || this.byRef.has(key) || this.kept + listing.length > this.maxEntries) return;
    this.byRef.set(key, { listing });
    this.kept += listing.length;
  }

  /** The listing remembered for `ref`, if its root tree is `tree`. */
  async get(gitDir: string, ref: string, tree: string): Promise<ListedEntry[] | undefined> {
    const entry = this.byRef.get(`${gitDir}\0${ref}`);
    if (!entry) return undefined;
    entry.tree ??= rootTreeOf(entry.listing);
    return (await entry.tree) === tree ? entry.listing : undefined;
  }
}

export interface Signature {
  name: string;
  email: string;
}

/** A commit object: one line per header, as `git commit-tree` writes it. */
export function commitObject(input: { tree: string; parents: string[]; author: Signature; committer?: Signature; message: string; time?: Date }): Buffer {
  const seconds = Math.floor((input.time ?? new Date()).getTime() / 1000);
  const sign = (s: Signature) => `${s.name.replace(/[<>\n]/g, '')} <${s.email.replace(/[<>\n]/g, '')}> ${seconds} +0000`;
  const lines = [`tree ${input.tree}`, ...input.parents.map((p) => `parent ${p}`), `author ${sign(input.author)}`, `committer ${sign(input.committer ?? input.author)}`];
  const message = input.message.endsWith('\n') ? input.message : `${input.message}\n`;
  return Buffer.from(`${lines.join('\n')}\n\n${message}`);
}
