import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlannedFile } from '../render/index.js';
import { holdSignals } from './signals.js';

/**
 * Builds a new project in a private folder beside its destination while it renders, then renames
 * it into place. Until `commit` nothing is visible at the destination, so a failure (a path that
 * escapes, a Jinja error in the last file) or an interrupt leaves nothing behind; meanwhile the
 * disk works in parallel with rendering, which is what makes a fresh copy fast.
 */
export class StagingWriter {
  private readonly dir: string;
  private readonly folders = new Map<string, Promise<unknown>>();
  private readonly writes: Array<Promise<void>> = [];
  private started: Promise<void> | undefined;
  private release: (() => void) | undefined;

  constructor(private readonly dst: string) {
    this.dir = `${dst}.paved-${randomBytes(4).toString('hex')}`;
  }

  add(file: PlannedFile): void {
    const write = this.start()
      .then(() => this.folder(path.posix.dirname(file.path)))
      .then(() => writeProjectFile(path.join(this.dir, file.path), file));
    // Failures surface in commit(); until then they must not count as unhandled.
    write.catch(() => undefined);
    this.writes.push(write);
  }

  /** Waits for every write, adds the empty folders, and moves the project into place. */
  async commit(folders: Iterable<string>): Promise<void> {
    try {
      await this.start();
      await Promise.all(this.writes);
      for (const folder of folders) await this.folder(folder);
      await rename(this.dir, this.dst);
    } catch (error) {
      await this.abort();
      throw error;
    } finally {
      this.stopHolding();
    }
  }

  async abort(): Promise<void> {
    await Promise.allSettled(this.writes);
    if (this.started) await rm(this.dir, { recursive: true, force: true });
    this.stopHolding();
  }

  private start(): Promise<void> {
    // Signals are held from the first write: an interrupt then ends the run after commit or abort, not with a stray folder.
    this.started ??= (async () => {
      this.release = holdSignals();
      await mkdir(path.dirname(this.dst), { recursive: true });
      await mkdir(this.dir);
    })();
    return this.started;
  }

  private folder(rel: string): Promise<unknown> {
    if (rel === '.' || rel === '') return Promise.resolve();
    let made = this.folders.get(rel);
    if (!made) {
      made = mkdir(path.join(this.dir, rel), { recursive: true });
      this.folders.set(rel, made);
    }
    return made;
  }

  private stopHolding(): void {
    const release = this.release;
    this.release = undefined;
    release?.();
  }
}

/**
 * Git modes are created as a checkout creates them (0644 or 0755, less the user's umask, as in
 * Copier's clone); exact bits from a plain-folder template are set as they are.
 */
export async function writeProjectFile(target: string, file: PlannedFile): Promise<void> {
  if (file.mode === '120000') return symlink(file.data.toString('utf8'), target);
  await writeFile(target, file.data, { mode: file.mode === '100755' ? 0o755 : 0o644 });
  if (file.permissions !== undefined) await chmod(target, file.permissions);
}
