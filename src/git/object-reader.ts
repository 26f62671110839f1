import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { ExternalServiceError } from '../errors.js';

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
 * Reads a repository's objects one name at a time through one long-lived `git cat-file --batch`:
 * for readers that ask as they go (release-please's file lookups). A whole commit's files are read
 * in one go by `readCommitFiles` in objects.ts.
 */
export class ObjectReader {
  private readonly process: CatFile;

  constructor(repoDir: string, env: Record<string, string> = {}) {
    this.process = new CatFile(repoDir, env);
  }

  /** Reads an object by any name git understands (`v1.2.0^{commit}`, a hash); undefined when missing. */
  read(name: string): Promise<GitObject | undefined> {
    return this.process.read(name);
  }

  close(): void {
    this.process.close();
  }
}
