/**
 * One long-lived `sh` that runs Paved's git commands. Spawning from a large Node process blocks
 * the main thread while the kernel copies its page tables (8–15 ms per spawn measured here); a
 * small shell forks git in well under a millisecond. Each shell runs its commands one at a time.
 *
 * Each command's stdin, stdout and stderr are files in a private folder (tmpfs when there is one),
 * so output is binary-safe and unbounded; the shell answers on its stdout with one line per
 * command: `<id> <exit code>`.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ExternalServiceError } from '../errors.js';

/** The exit code of a command whose working folder could not be entered. */
export const NO_FOLDER = 125;

export interface ShellResult {
  stdout: Buffer;
  stderr: string;
  /** 127 when the command was not found. */
  code: number;
}

export interface ShellCommand {
  cwd: string;
  /** A shell command line; every value in it must be quoted with `shellQuote`. */
  line: string;
  input?: string | Buffer;
  /** Throw stdout away instead of collecting it. */
  discardStdout?: boolean;
}

/** Quotes one word for sh: single quotes, with embedded single quotes closed and escaped. */
export function shellQuote(word: string): string {
  if (word.includes('\0')) throw new ExternalServiceError('a git argument contains a NUL byte, which no command line can carry', { word });
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

interface Pending {
  id: number;
  files: { input?: string; out: string; err: string };
  discardStdout: boolean;
  resolve: (result: ShellResult) => void;
  reject: (error: Error) => void;
}

class Shell {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, Pending>();
  private lineBuffer = '';
  private stderr = '';
  private failure: Error | undefined;

  constructor(
    private readonly dir: string,
    readonly envKey: string,
  ) {
    this.child = spawn('sh', ['-s'], { cwd: dir, env: process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => this.onAnswer(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4000);
    });
    this.child.on('error', (error) => this.fail(new ExternalServiceError(`could not start sh to run git (${error.message})`, {}, { cause: error })));
    this.child.on('close', (code) => this.fail(new ExternalServiceError(`the shell running git stopped (exit ${code})${this.stderr ? `: ${this.stderr.trim()}` : ''}`)));
    this.child.stdin.on('error', () => undefined);
    this.hold(false);
  }

  get broken(): boolean {
    return this.failure !== undefined;
  }

  get busy(): number {
    return this.pending.size;
  }

  run(command: ShellCommand): Promise<ShellResult> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++nextId;
    const base = path.join(this.dir, String(id));
    const files = { input: command.input === undefined ? undefined : `${base}.in`, out: `${base}.out`, err: `${base}.err` };
    if (files.input) writeFileSync(files.input, command.input as string | Buffer);
    const stdout = command.discardStdout ? '/dev/null' : files.out;
    // The subshell keeps `cd` and exports from leaking into later commands.
    const script = `(cd -- ${shellQuote(command.cwd)} || exit ${NO_FOLDER}\n${command.line}\n) <${files.input ?? '/dev/null'} >${stdout} 2>${files.err}; echo "${id} $?"\n`;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.hold(true);
      this.pending.set(id, { id, files, discardStdout: command.discardStdout === true, resolve, reject });
      this.child.stdin.write(script);
    });
  }

  close(): void {
    this.child.stdin.end();
  }

  private onAnswer(chunk: string): void {
    this.lineBuffer += chunk;
    let newline: number;
    while ((newline = this.lineBuffer.indexOf('\n')) >= 0) {
      const line = this.lineBuffer.slice(0, newline);
      this.lineBuffer = this.lineBuffer.slice(newline + 1);
      const [idText, codeText] = line.split(' ');
      const waiter = this.pending.get(Number(idText));
      if (!waiter) continue;
      this.pending.delete(waiter.id);
      if (this.pending.size === 0) this.hold(false);
      try {
        const stdout = waiter.discardStdout ? Buffer.alloc(0) : readFileSync(waiter.files.out);
        const stderr = readFileSync(waiter.files.err, 'utf8');
        waiter.resolve({ stdout, stderr, code: Number(codeText) });
      } catch (error) {
        waiter.reject(new ExternalServiceError(`could not read git's output from ${this.dir}: ${(error as Error).message}`, {}, { cause: error }));
      } finally {
        for (const file of [waiter.files.input, waiter.discardStdout ? undefined : waiter.files.out, waiter.files.err]) {
          if (file) unlinkSync(file);
        }
      }
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.pending.values()) waiter.reject(this.failure);
    this.pending.clear();
  }

  /** Holds the event loop only while answers are awaited, so an idle shell never keeps Node alive. */
  private hold(active: boolean): void {
    const method = active ? 'ref' : 'unref';
    this.child[method]();
    for (const stream of [this.child.stdout, this.child.stderr, this.child.stdin]) {
      (stream as unknown as Record<string, (() => void) | undefined>)[method]?.();
    }
  }
}

/**
 * A slow command (a fetch over the network) must not hold up the short ones behind it, so a
 * command that finds every shell busy starts another, up to this many.
 */
const MAX_SHELLS = 4;
let shells: Shell[] = [];
let nextId = 0;
let scratch: string | undefined;

/** A private folder for command files, on tmpfs when the machine has one. */
function scratchDir(): string {
  if (scratch) return scratch;
  let parent = os.tmpdir();
  try {
    if (statSync('/dev/shm').isDirectory()) parent = '/dev/shm';
  } catch {
    // No tmpfs: the system temp folder works, only slower.
  }
  try {
    scratch = mkdtempSync(path.join(parent, 'paved-git-'));
  } catch {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'paved-git-'));
  }
  const dir = scratch;
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The environment the shell was started with; a change (tests, embedding apps) starts a new shell. */
function environmentKey(): string {
  let key = '';
  for (const name in process.env) key += `${name}=${process.env[name]}\0`;
  return key;
}

/** Runs one command line through an idle shared shell, starting (or restarting) shells as needed. */
export function runInShell(command: ShellCommand): Promise<ShellResult> {
  const envKey = environmentKey();
  const stale = shells.filter((shell) => shell.broken || shell.envKey !== envKey);
  if (stale.length > 0) {
    for (const shell of stale) shell.close();
    shells = shells.filter((shell) => !stale.includes(shell));
  }
  let chosen = shells.find((shell) => shell.busy === 0);
  if (!chosen && shells.length < MAX_SHELLS) {
    chosen = new Shell(scratchDir(), envKey);
    shells.push(chosen);
  }
  chosen ??= shells.reduce((least, shell) => (shell.busy < least.busy ? shell : least));
  return chosen.run(command);
}

/** The folder holding the commands' files, once the first command has run. */
export function shellFolder(): string | undefined {
  return scratch;
}
