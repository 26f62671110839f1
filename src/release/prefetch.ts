/**
 * Starts the plan's `git log` before the release engine has loaded. Loading release-please and
 * building its strategies takes about as long as git takes to list a large history, and the
 * plan needs the log only after both; run in series, the CLI pays the two one after the other.
 *
 * The exact baselines need release-please (a package's component comes from its strategy), so
 * this guesses them from what needs no engine: the manifest's versions, the config's explicit
 * components and the tags. The plan later compares the guess with the real baselines and uses
 * the output only if git was asked exactly what the plan would ask (history.ts); a wrong guess
 * costs a cancelled git process, never a different answer.
 *
 * git writes to an unlinked temporary file rather than a pipe: while the main thread is busy
 * compiling modules nobody reads a pipe, and git would stall on a full one.
 */
import { spawn } from 'node:child_process';
import { closeSync, fstatSync, openSync, readFileSync, readSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GIT_BASE_ENV } from '../git/git.js';
import { originUrl } from '../git/remote-address.js';
import { headOf } from '../git/repo.js';
import { CONFIG_FILE, MANIFEST_FILE } from './config-files.js';
import { CommitFiles } from './files.js';
import { commonAncestors, historyArgs, type HistoryPrefetch } from './history.js';
import { readTags } from './tags.js';

export interface Prefetch extends HistoryPrefetch {
  /** The repository's top folder. */
  root: string;
  /** HEAD's full ref (`refs/heads/main`), or '' when detached. */
  ref: string;
  /** Tag name → commit, as readTags reads them. */
  tags: Map<string, string>;
  /** HEAD's files, with the release config and manifest already asked for; the plan takes it over (and closes it). */
  files: CommitFiles;
  /** `remote.origin.url`, '' when there is none. */
  remote: Promise<string>;
}

/**
 * Starts reading `dir`'s history; undefined when there is nothing sensible to start (the plan
 * then reports why). Its own few git commands go through the shared shell (git/shell.ts): a
 * fork of this process costs more than the command.
 */
export async function prefetchHistory(dir: string): Promise<Prefetch | undefined> {
  try {
    const where = await headOf(dir);
    if (!where?.head) return undefined;
    const { root, head, ref } = where;
    const tags = await readTags(root);
    const bases = guessBases(root, tags);
    if (bases === undefined) return undefined;
    const stop = bases.length > 0 ? await commonAncestors(root, bases) : [];
    const log = startLog(root, historyArgs(head, stop));
    // The plan's file reader starts now too, while this process is small and forks fast.
    const files = new CommitFiles(root, head);
    for (const name of [CONFIG_FILE, MANIFEST_FILE]) void files.read(name).catch(() => undefined);
    void files.list().catch(() => undefined);
    const remote = originUrl(root);
    remote.catch(() => undefined);
    return { root, head, ref, tags, bases, stop, files, remote, ...log };
  } catch {
    return undefined;
  }
}

/**
 * The baseline commits the plan will most likely find, unique and sorted; [] for the whole
 * history; undefined when the work tree's config cannot be read (the plan reports that itself).
 */
export function guessBases(root: string, tags: Map<string, string>): string[] | undefined {
  const config = readJson(path.join(root, CONFIG_FILE));
  const manifest = readJson(path.join(root, MANIFEST_FILE)) ?? {};
  if (!config || typeof config.packages !== 'object' || config.packages === null) return undefined;
  const lastRelease = stringOf(config['last-release-sha']);
  if (lastRelease) return [lastRelease];
  const bootstrap = stringOf(config['bootstrap-sha']);
  const bases = new Set<string>();
  for (const [pkgPath, pkg] of Object.entries(config.packages as Record<string, Record<string, unknown>>)) {
    const version = stringOf(manifest[pkgPath]);
    const found = version && version !== '0.0.0' ? tagsFor(version, { ...config, ...pkg }, tags) : [];
    if (found.length === 0 && !bootstrap) return [];
    for (const sha of found.length > 0 ? found : [bootstrap!]) bases.add(sha);
  }
  return [...bases].sort();
}

/** The commits of the tags that may release `version`: the exact name when the component is explicit, else any `…v1.2.3`. */
function tagsFor(version: string, options: Record<string, unknown>, tags: Map<string, string>): string[] {
  const component = stringOf(options.component) ?? stringOf(options['package-name']);
  const v = options['include-v-in-tag'] === false ? '' : 'v';
  if (component && options['include-component-in-tag'] !== false) {
    const sha = tags.get(`${component}${stringOf(options['tag-separator']) ?? '-'}${v}${version}`);
    if (sha) return [sha];
  }
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?:^|[^0-9A-Za-z.])v?${escaped}$`);
  return [...tags].filter(([name]) => pattern.test(name)).map(([, sha]) => sha);
}

function startLog(cwd: string, args: string[]): Pick<HistoryPrefetch, 'output' | 'cancel'> {
  const file = path.join(os.tmpdir(), `paved-log-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const fd = openSync(file, 'wx+', 0o600);
  let child: ReturnType<typeof spawn> | undefined;
  try {
    child = spawn('git', args, { cwd, env: { ...process.env, ...GIT_BASE_ENV }, stdio: ['ignore', fd, 'ignore'] });
  } finally {
    // Unlinked at once: the open descriptors keep the data, and nothing is left behind if the process dies.
    unlinkSync(file);
  }
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  const exited = new Promise<number | null>((resolve) => {
    child!.once('error', () => resolve(null));
    child!.once('close', (code) => resolve(code));
  });
  return {
    async output() {
      const code = await exited;
      if (!open) return undefined;
      try {
        if (code !== 0) return undefined;
        // git shared the descriptor, so its offset is at the end: read by position.
        const size = fstatSync(fd).size;
        const out = Buffer.allocUnsafe(size);
        let read = 0;
        while (read < size) read += readSync(fd, out, read, size - read, read);
        return out;
      } finally {
        close();
      }
    },
    cancel() {
      if (child!.exitCode === null && child!.signalCode === null) child!.kill();
      close();
    },
  };
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
