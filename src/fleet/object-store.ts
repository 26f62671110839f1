/**
 * Where a fleet unit writes its commit: a git object store, and how a branch of it reaches the
 * forge. On the local forge that is the repository itself (the branch moves through the forge's
 * API, which records the push); elsewhere a bare clone, pushed with git.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Forge, GitRemote, RepoRef } from '../forge/types.js';
import { gitRaw } from '../git/git.js';

export interface ObjectStore {
  gitDir: string;
  /** Moves `branch` to `commit` if it still holds `expected` (null: it must not exist yet); ConflictError otherwise. */
  publish(branch: string, commit: string, expected: string | null): Promise<void>;
  dispose(): Promise<void>;
}

/** The forge's own repository folder: objects are written into it, branches moved by the forge. */
export function forgeStore(forge: Forge, repo: RepoRef, gitDir: string): ObjectStore {
  return {
    gitDir,
    publish: async (branch, commit, expected) => {
      if (expected === null) await forge.createBranch(repo, branch, commit);
      else await forge.updateBranch(repo, branch, commit, expected);
    },
    dispose: async () => undefined,
  };
}

/** A bare clone of every branch, no tags and no work tree; the commit is pushed from it. */
export async function clonedStore(forge: Forge, repo: RepoRef, remote: GitRemote): Promise<ObjectStore> {
  const gitDir = await mkdtemp(path.join(os.tmpdir(), 'paved-fleet-'));
  const dispose = () => rm(gitDir, { recursive: true, force: true });
  try {
    await gitRaw(['clone', '--quiet', '--bare', '--no-tags', '--template=', '--', remote.url, gitDir], { cwd: os.tmpdir(), env: remote.env });
  } catch (error) {
    await dispose();
    throw error;
  }
  return {
    gitDir,
    publish: (branch, commit, expected) => forge.push(repo, gitDir, [{ src: commit, dst: branch, expected }]),
    dispose,
  };
}
