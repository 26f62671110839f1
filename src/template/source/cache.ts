import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gitRaw } from '../../git/git.js';
import { ExternalServiceError, InputError } from '../../errors.js';

/**
 * Template URLs come from answers files anyone can edit: only real transports are allowed, never
 * `ext::` (which runs a command) or other helpers, whatever the user's git config says.
 */
const SAFE_TRANSPORTS = { GIT_ALLOW_PROTOCOL: 'https:http:ssh:git:file' };

/** Where remote templates are mirrored: `$PAVED_CACHE_DIR`, else `$XDG_CACHE_HOME/paved`, else `~/.cache/paved`. */
export function cacheRoot(): string {
  if (process.env.PAVED_CACHE_DIR) return process.env.PAVED_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  return path.join(base, 'paved');
}

/**
 * A bare mirror of a remote template, fetched on every use so new tags are seen. The first clone
 * goes to a temporary name and is renamed into place, so an interrupted clone never leaves a
 * broken mirror behind.
 */
export async function mirrorRemote(url: string): Promise<string> {
  if (url.startsWith('-')) throw new InputError(`template URL '${url}' looks like a git option; give a repository URL`, { url });
  const dir = path.join(cacheRoot(), 'templates', createHash('sha256').update(url).digest('hex').slice(0, 24) + '.git');
  try {
    if (existsSync(dir)) {
      await gitRaw(['fetch', '--quiet', '--prune', '--prune-tags', '--tags', '--force', 'origin', '+refs/heads/*:refs/heads/*'], { cwd: dir, env: SAFE_TRANSPORTS });
      return dir;
    }
    await mkdir(path.dirname(dir), { recursive: true });
    const tmp = `${dir}.tmp-${process.pid}`;
    await rm(tmp, { recursive: true, force: true });
    await gitRaw(['clone', '--quiet', '--mirror', '--', url, tmp], { cwd: path.dirname(dir), env: SAFE_TRANSPORTS });
    await rename(tmp, dir).catch(async (error: NodeJS.ErrnoException) => {
      // Another process mirrored it first: theirs is as good as ours.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      await rm(tmp, { recursive: true, force: true });
    });
    return dir;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ExternalServiceError(`cannot fetch template '${url}': ${reason}. Check the URL and your access to it.`, { url }, { cause: error });
  }
}
