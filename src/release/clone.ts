/**
 * Where `paved release pr` and `tag` work: a throw-away clone of the forge repository's default
 * branch, with its tags and the other branches as remote refs. Release-please reads the branch
 * on the forge, not a person's clone; so does Paved, so an outdated or dirty clone changes nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { NotFoundError } from '../errors.js';
import type { Forge, GitRemote, RepoRef, Repository } from '../forge/types.js';
import { gitRaw } from '../git/git.js';
import { CONFIG_FILE } from './config-files.js';

/** What the release engine needs from where it runs: the forge, and how git reaches a repository. */
export interface ReleaseContext {
  forge: Forge;
  /** The local forge's bare folder, or the forge's URL with credentials in the environment. */
  cloneFrom(repo: RepoRef): GitRemote;
}

export async function withClone<T>(ctx: ReleaseContext, repo: Repository, use: (dir: string) => Promise<T>): Promise<T> {
  if (!(await ctx.forge.getBranch(repo, repo.defaultBranch))) {
    throw new NotFoundError(`${repo.fullName} has no commits on ${repo.defaultBranch} yet; push its first commit (with ${CONFIG_FILE}) before releasing`, { repo: repo.fullName, branch: repo.defaultBranch });
  }
  const work = await mkdtemp(path.join(os.tmpdir(), 'paved-release-'));
  try {
    const remote = ctx.cloneFrom(repo);
    // No checkout: planning reads files from git objects, and commits are built with plumbing.
    await gitRaw(['clone', '--quiet', '--no-checkout', '--template=', '--branch', repo.defaultBranch, '--', remote.url, work], { cwd: os.tmpdir(), env: remote.env });
    return await use(work);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The changelog links' web root: the repository's web address without `/owner/name`. */
export function identityOf(repo: Repository): { host: string; owner: string; repo: string } {
  const suffix = `/${repo.owner}/${repo.name}`;
  const host = repo.webUrl.endsWith(suffix) ? repo.webUrl.slice(0, -suffix.length) : new URL(repo.webUrl).origin;
  return { host, owner: repo.owner, repo: repo.name };
}
