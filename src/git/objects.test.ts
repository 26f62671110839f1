import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitObject, listTree, ListingCache, ObjectWriter, parseCommit, readObjects, rootTreeOf, writeChangedTree, type TreeChange } from './objects.js';

const ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8' }).trim();
const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function repoWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'paved-objects-'));
  temps.push(dir);
  git(dir, 'init', '-q', '-b', 'main');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'first');
  return dir;
}

describe('git objects without a work tree', () => {
  it('writes the same tree git writes for the same changes, and git fsck accepts every object', async () => {
    const dir = repoWith({ 'README.md': 'hi\n', 'a/b/c.txt': 'c\n', 'a/only.txt': 'o\n', 'gone/x.txt': 'x\n', 'a-b.txt': 'sorts between a and a/\n' });
    const head = git(dir, 'rev-parse', 'HEAD');
    const changes: TreeChange[] = [
      { path: 'README.md', file: { mode: '100644', data: Buffer.from('hello\n') } },
      { path: 'a/b/new/deep.sh', file: { mode: '100755', data: Buffer.from('#!/bin/sh\n') } },
      { path: 'gone/x.txt' },
      { path: 'link', file: { mode: '120000', data: Buffer.from('README.md') } },
    ];
    const tree = await writeChangedTree(new ObjectWriter(path.join(dir, '.git')), git(dir, 'rev-parse', 'HEAD^{tree}'), await listTree(dir, head), changes);

    writeFileSync(path.join(dir, 'README.md'), 'hello\n');
    mkdirSync(path.join(dir, 'a/b/new'), { recursive: true });
    writeFileSync(path.join(dir, 'a/b/new/deep.sh'), '#!/bin/sh\n');
    chmodSync(path.join(dir, 'a/b/new/deep.sh'), 0o755);
    unlinkSync(path.join(dir, 'gone/x.txt'));
    execFileSync('ln', ['-s', 'README.md', 'link'], { cwd: dir });
    git(dir, 'add', '-A');
    expect(tree).toBe(git(dir, 'write-tree'));

    const commit = await new ObjectWriter(path.join(dir, '.git')).write('commit', commitObject({ tree, parents: [head], author: { name: 'Paved fleet', email: 'fleet@paved.local' }, message: 'chore: update\n\nPaved-Fleet: x@1.1.0' }));
    expect(git(dir, 'log', '-1', '--format=%an <%ae>|%T|%P|%(trailers:key=Paved-Fleet,valueonly)', commit)).toBe(`Paved fleet <fleet@paved.local>|${tree}|${head}|x@1.1.0`);
    expect(() => git(dir, 'fsck', '--strict', '--no-dangling')).not.toThrow();
  });

  it('drops a folder whose last file is deleted and keeps untouched folders by id', async () => {
    const dir = repoWith({ 'keep/k.txt': 'k\n', 'empty-soon/only.txt': '1\n' });
    const head = git(dir, 'rev-parse', 'HEAD');
    const tree = await writeChangedTree(new ObjectWriter(path.join(dir, '.git')), git(dir, 'rev-parse', 'HEAD^{tree}'), await listTree(dir, head), [{ path: 'empty-soon/only.txt' }]);
    expect(git(dir, 'ls-tree', '--name-only', tree)).toBe('keep');
    expect(git(dir, 'rev-parse', `${tree}:keep`)).toBe(git(dir, 'rev-parse', 'HEAD:keep'));
  });

  it('lets two writers write the same objects into one repository at once', async () => {
    const dir = repoWith({ 'f.txt': 'x\n' });
    const writers = [new ObjectWriter(path.join(dir, '.git')), new ObjectWriter(path.join(dir, '.git'))];
    const blobs = Array.from({ length: 20 }, (_, i) => Buffer.from(`same content ${i}\n`));
    const ids = await Promise.all(writers.flatMap((w) => blobs.map((b) => w.write('blob', b))));
    expect(ids.slice(0, 20)).toEqual(ids.slice(20));
    expect(git(dir, 'cat-file', '-p', ids[3]!)).toBe('same content 3');
    expect(() => git(dir, 'fsck', '--strict')).not.toThrow();
  });

  it('works out the id git gives a listing\'s root tree, and a cached listing is used only for that exact tree', async () => {
    const dir = repoWith({ 'README.md': 'hi\n', 'a/b/c.txt': 'c\n', 'a-b.txt': 'x\n', 'run.sh': '#!/bin/sh\n' });
    chmodSync(path.join(dir, 'run.sh'), 0o755);
    execFileSync('ln', ['-s', 'README.md', 'link'], { cwd: dir });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'modes');
    const listing = await listTree(dir, 'HEAD');
    const tree = git(dir, 'rev-parse', 'HEAD^{tree}');
    expect(await rootTreeOf(listing)).toBe(tree);

    const cache = new ListingCache();
    cache.remember(dir, 'refs/heads/main', listing);
    expect(await cache.get(dir, 'refs/heads/main', tree)).toBe(listing);
    expect(await cache.get(dir, 'refs/heads/other', tree)).toBeUndefined();
    expect(await cache.get(`${dir}-elsewhere`, 'refs/heads/main', tree)).toBeUndefined();
    // The branch moved after it was listed: the listing is not the new tree's.
    writeFileSync(path.join(dir, 'a/b/c.txt'), 'changed\n');
    git(dir, 'commit', '-qam', 'change');
    expect(await cache.get(dir, 'refs/heads/main', git(dir, 'rev-parse', 'HEAD^{tree}'))).toBeUndefined();
    // Past its bound it keeps nothing more rather than growing.
    const small = new ListingCache(3);
    small.remember(dir, 'refs/heads/main', listing);
    expect(await small.get(dir, 'refs/heads/main', tree)).toBeUndefined();
  });

  it('reads blobs and commits in one batch and leaves out missing names', async () => {
    const dir = repoWith({ 'f.txt': 'content\n' });
    const head = git(dir, 'rev-parse', 'HEAD');
    const blob = git(dir, 'rev-parse', 'HEAD:f.txt');
    const found = await readObjects(dir, [head, blob, 'f'.repeat(40)]);
    expect(found.get(blob)?.data.toString()).toBe('content\n');
    expect(found.has('f'.repeat(40))).toBe(false);
    const commit = parseCommit(found.get(head)!.data);
    expect(commit).toMatchObject({ tree: git(dir, 'rev-parse', 'HEAD^{tree}'), parents: [], message: 'first\n' });
  });
});
