import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../errors.js';
import { pinPullHead } from './bare.js';

const ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8' }).trim();
const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A bare repository with two commits on main. */
function bareWithCommits(): { dir: string; first: string; second: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'paved-bare-'));
  temps.push(dir);
  git(dir, 'init', '-q', '--bare', '-b', 'main');
  const tree = git(dir, 'mktree', '--missing');
  const first = git(dir, 'commit-tree', tree, '-m', 'one');
  const second = git(dir, 'commit-tree', tree, '-p', first, '-m', 'two');
  git(dir, 'update-ref', 'refs/heads/main', second);
  return { dir, first, second };
}

describe('refs/pull/N/head on the local forge', () => {
  it('is a ref git reads, moved in place, and overrides a packed copy', async () => {
    const { dir, first, second } = bareWithCommits();
    await pinPullHead(dir, 7, first);
    expect(git(dir, 'rev-parse', 'refs/pull/7/head')).toBe(first);
    git(dir, 'pack-refs', '--all');
    await pinPullHead(dir, 7, second);
    expect(git(dir, 'rev-parse', 'refs/pull/7/head')).toBe(second);
    expect(git(dir, 'for-each-ref', '--format=%(refname) %(objectname)', 'refs/pull/')).toBe(`refs/pull/7/head ${second}`);
    expect(existsSync(path.join(dir, 'refs/pull/7/head.lock'))).toBe(false);
    expect(() => git(dir, 'fsck', '--strict')).not.toThrow();
  });

  it('leaves a ref that git holds locked to git, which refuses clearly', async () => {
    const { dir, first, second } = bareWithCommits();
    await pinPullHead(dir, 1, first);
    writeFileSync(path.join(dir, 'refs/pull/1/head.lock'), '');
    await expect(pinPullHead(dir, 1, second)).rejects.toBeInstanceOf(ConflictError);
    expect(git(dir, 'rev-parse', 'refs/pull/1/head')).toBe(first);
  });
});
