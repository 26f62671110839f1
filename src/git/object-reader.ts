import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { ExternalServiceError } from '../errors.js';
import { comparePaths, type TreeEntry } from './tree.js';

interface GitObject {
  oid: string;
  type: string;
  data: Buffer;
}

/** One long-lived `git cat-file --batch`: requests are answered in order; a queue matches answers to callers. */
class CatFile {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly waiting: Array<{ resolve: (o: GitObject | undefined) => void; reject: (e: Error) => void }> = [];
  private failure: Error | undefined;

  constructor(repoDir: string, env: Record<string, string> = {}) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd: repoDir, env: { ...process.env, ...env, GIT_TERMINAL_PROMPT: '0' } });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.drain();
    });
    let stderr = '';
    this.child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const fail = (error: Error) => {
      this.failure = error;
      for (const waiter of this.waiting.splice(0)) waiter.reject(error);
    };
    this.child.on('error', (error) => fail(new ExternalServiceError(`could not run git (${error.message}); install git 2.30 or newer`)));
    this.child.on('close', (code) => {
      if (this.waiting.length > 0) fail(new ExternalServiceError(`git cat-file stopped (exit ${code}) in ${repoDir}: ${stderr.trim()}`));
    });
    this.child.stdin.on('error', () => undefined);
    this.hold(false);
  }

  /**
   * The process holds the event loop only while answers are awaited: a reader left open never
   * keeps the CLI alive, and a pending read never lets Node exit under it.
   */
  private hold(active: boolean): void {
    const method = active ? 'ref' : 'unref';
    this.child[method]();
    for (const stream of [this.child.stdout, this.child.stderr]) (stream as unknown as Record<string, (() => void) | undefined>)[method]?.();
  }

  /** Reads an object by any name git understands (`v1.2.0^{commit}`, a hash); undefined when missing. */
  read(name: string): Promise<GitObject | undefined> {
    if (this.failure) return Promise.reject(this.failure);
    if (/[\n\0]/.test(name)) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      if (this.waiting.length === 0) this.hold(true);
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${name}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }

  private drain(): void {
    while (this.waiting.length > 0) {
      const newline = this.buffer.indexOf(0x0a);
      if (newline < 0) return;
      const header = this.buffer.subarray(0, newline).toString('utf8');
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        this.buffer = this.buffer.subarray(newline + 1);
        this.settle(undefined);
        continue;
      }
      const [oid, type, sizeText] = header.split(' ');
      const size = Number(sizeText);
      if (this.buffer.length < newline + 1 + size + 1) return;
      const data = Buffer.from(this.buffer.subarray(newline + 1, newline + 1 + size));
      this.buffer = this.buffer.subarray(newline + 1 + size + 1);
      this.settle({ oid: oid!, type: type!, data });
    }
  }

  private settle(object: GitObject | undefined): void {
    const waiter = this.waiting.shift()!;
    if (this.waiting.length === 0) this.hold(false);
    waiter.resolve(object);
  }
}

/**
 * Reads a repository's objects through one long-lived `git cat-file --batch`: resolving a name,
 * then a whole commit's tree and blobs, costs no process per step. Every object is read once per
 * operation: two versions of a template share most of theirs. (A second process for blobs was
 * measured: what it saved in inflating it lost in starting.)
 */
export class ObjectReader {
  private readonly process: CatFile;
  private readonly byId = new Map<string, Promise<GitObject | undefined>>();

  constructor(repoDir: string, env: Record<string, string> = {}) {
    this.process = new CatFile(repoDir, env);
  }

  /** Reads an object by any name git understands (`v1.2.0^{commit}`, a hash); undefined when missing. */
  read(name: string): Promise<GitObject | undefined> {
    return this.process.read(name);
  }

  private readById(oid: string): Promise<GitObject | undefined> {
    let found = this.byId.get(oid);
    if (!found) {
      found = this.process.read(oid);
      this.byId.set(oid, found);
    }
    return found;
  }

  /** Every file of a commit's tree with its mode and content, in path order. */
  async readCommitTree(commit: string): Promise<TreeEntry[]> {
    const files: TreeEntry[] = [];
    const walk = async (treeName: string, prefix: string): Promise<void> => {
      const tree = await (prefix ? this.readById(treeName) : this.read(treeName));
      if (!tree) throw new ExternalServiceError(`git object ${treeName} is missing`);
      const entries = parseTree(tree.data);
      // Ask for every child before awaiting any: the pipe stays full and git never waits on us.
      await Promise.all(
        entries.map(async (entry) => {
          const path = prefix + entry.name;
          if (entry.mode === '40000') return walk(entry.oid, `${path}/`);
          if (entry.mode === '160000') return; // submodules have no content here; Copier skips them too
          const blob = await this.readById(entry.oid);
          if (blob) files.push({ path, mode: entry.mode.padStart(6, '0'), data: blob.data });
        }),
      );
    };
    await walk(`${commit}^{tree}`, '');
    return files.sort(comparePaths);
  }

  close(): void {
    this.process.close();
  }
}

/** Git's binary tree format: `<mode> <name>\0<20-byte id>` repeated. */
function parseTree(data: Buffer): Array<{ mode: string; name: string; oid: string }> {
  const entries: Array<{ mode: string; name: string; oid: string }> = [];
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    const nul = data.indexOf(0x00, space);
    entries.push({
      mode: data.subarray(offset, space).toString('utf8'),
      name: data.subarray(space + 1, nul).toString('utf8'),
      oid: data.subarray(nul + 1, nul + 21).toString('hex'),
    });
    offset = nul + 21;
  }
  return entries;
}
