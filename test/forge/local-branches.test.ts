/**
 * Branches moved through the local forge's API (what the fleet and releases do hundreds of times
 * a run): validated without a process, recorded as one push event each, and a move that raced
 * another still leaves the store agreeing with git.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Repository } from '../../src/forge/types.js';
import { initWorkspace } from '../../src/platform/init.js';
import { openPlatform, type Platform } from '../../src/platform/platform.js';
import { git, writeFiles } from '../support/fixtures.js';

describe('local forge branches', () => {
  let platform: Platform;
  let repo: Repository;
  let work: string;
  let main: string;
  // Folders kept for the whole file: the tests build on each other's branches.
  const root = mkdtempSync(path.join(os.tmpdir(), 'paved-branches-'));
  beforeAll(async () => {
    const dir = path.join(root, 'ws');
    await initWorkspace(dir);
    platform = await openPlatform(dir);
    repo = await platform.forge.createRepository({ owner: 'acme', name: 'branches', defaultBranch: 'main' });
    work = path.join(root, 'work');
    git(root, 'init', '-q', '-b', 'main', work);
    writeFiles(work, { 'a.txt': 'a\n' });
    git(work, 'add', '-A');
    git(work, 'commit', '-qm', 'first');
    main = git(work, 'rev-parse', 'HEAD');
    await platform.forge.push(repo, work, [{ src: 'HEAD', dst: 'main', expected: null }]);
  });
  afterAll(async () => {
    await platform?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const moves = async (ref: string) =>
    (await platform.forge.readEvents('acme', 0)).flatMap((e) => (e.type === 'push' && e.ref === ref ? [[e.before, e.after]] : []));

  it('refuses bad names, missing commits and non-commits with the error a caller can act on', async () => {
    await expect(platform.forge.createBranch(repo, 'bad..name', main)).rejects.toMatchObject({ code: 'input' });
    await expect(platform.forge.createBranch(repo, 'ghost', 'f'.repeat(40))).rejects.toMatchObject({ code: 'not-found' });
    const blob = git(work, 'rev-parse', 'HEAD:a.txt');
    await expect(platform.forge.createBranch(repo, 'ghost', blob)).rejects.toMatchObject({ code: 'not-found' });
    await expect(platform.forge.updateBranch(repo, 'no-such-branch', main, main)).rejects.toMatchObject({ code: 'not-found' });
    expect(await platform.forge.getBranch(repo, 'ghost')).toBeUndefined();
  });

  it('records each move as one push event with its before and after', async () => {
    await platform.forge.createBranch(repo, 'feature', main);
    writeFiles(work, { 'b.txt': 'b\n' });
    git(work, 'add', '-A');
    git(work, 'commit', '-qm', 'second');
    const next = git(work, 'rev-parse', 'HEAD');
    await platform.forge.push(repo, work, [{ src: 'HEAD', dst: 'scratch', expected: null }]);
    await platform.forge.updateBranch(repo, 'feature', next, main);
    expect(await moves('refs/heads/feature')).toEqual([[null, main], [main, next]]);
  });

  it("catches up when git moved a branch behind the store's back before the forge moved it again", async () => {
    const bare = platform.forge.repoDir(repo);
    const before = git(bare, 'rev-parse', 'refs/heads/feature');
    // Straight into the bare repository, with no syncRefs: the store still has the old heads.
    git(bare, 'update-ref', 'refs/heads/feature', main, before);
    writeFiles(work, { 'c.txt': 'c\n' });
    git(work, 'add', '-A');
    git(work, 'commit', '-qm', 'third');
    const third = git(work, 'rev-parse', 'HEAD');
    git(work, 'push', '-q', '--force', bare, 'HEAD:refs/heads/scratch');
    await platform.forge.updateBranch(repo, 'feature', third, main);
    // The store never saw `main` on the branch: it records the move it can prove, and agrees with git.
    expect((await moves('refs/heads/feature')).at(-1)).toEqual([before, third]);
    expect((await platform.forge.listBranches(repo)).find((b) => b.name === 'feature')?.commit).toBe(third);
  });
});
