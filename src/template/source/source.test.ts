import { Writable } from 'node:stream';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TemplateRepo, git, tempDir, writeFiles } from '../../../test/support/fixtures.js';
import { openTemplate } from './index.js';
import { parseSource } from './url.js';

describe('template sources', () => {
  let previousCache: string | undefined;
  beforeEach(() => {
    previousCache = process.env.PAVED_CACHE_DIR;
    process.env.PAVED_CACHE_DIR = tempDir('paved-cache-');
  });
  afterEach(() => {
    if (previousCache === undefined) delete process.env.PAVED_CACHE_DIR;
    else process.env.PAVED_CACHE_DIR = previousCache;
  });

  it('classifies Copier-style sources', () => {
    expect(parseSource('gh:acme/node-service')).toEqual({ kind: 'remote', location: 'https://github.com/acme/node-service.git' });
    expect(parseSource('gl:acme/x.git')).toEqual({ kind: 'remote', location: 'https://gitlab.com/acme/x.git' });
    expect(parseSource('git@example.com:acme/x.git').kind).toBe('remote');
    expect(parseSource('https://example.com/x.git').kind).toBe('remote');
    expect(parseSource('git+file:///srv/x').location).toBe('file:///srv/x');
    expect(parseSource('./tpl', '/work')).toEqual({ kind: 'local', location: '/work/tpl' });
  });

  it('mirrors a remote template into the cache and sees tags added later', async () => {
    const tpl = new TemplateRepo().version('v1.0.0', { 'a.txt': 'one\n' });
    let said = '';
    const progress = new Writable({ write: (chunk, _encoding, done) => ((said += String(chunk)), done()) });
    const repo = await openTemplate(`git+file://${tpl.dir}`, process.cwd(), progress);
    expect(said).toBe(`fetching template file://${tpl.dir}…\n`);
    expect((await repo.snapshot()).describe).toBe('v1.0.0');
    tpl.version('v1.1.0', { 'a.txt': 'two\n' });
    const again = await openTemplate(`git+file://${tpl.dir}`);
    const latest = await again.snapshot();
    expect(latest.describe).toBe('v1.1.0');
    expect(latest.files.find((f) => f.path === 'a.txt')?.data.toString()).toBe('two\n');
    expect(readdirSync(path.join(process.env.PAVED_CACHE_DIR!, 'templates'))).toHaveLength(1);
  });

  it('explains an unreachable remote', async () => {
    await expect(openTemplate('git+file:///nowhere/at/all.git')).rejects.toThrow(/cannot fetch template 'file:\/\/\/nowhere\/at\/all.git'.*Check the URL/);
    expect(existsSync(path.join(process.env.PAVED_CACHE_DIR!, 'templates'))).toBe(true);
    expect(readdirSync(path.join(process.env.PAVED_CACHE_DIR!, 'templates'))).toEqual([]);
  });

  it('reads a branch, a tag or a commit, and uses HEAD with a warning when there are no version tags', async () => {
    const tpl = new TemplateRepo().version('release-1', { 'a.txt': 'x\n' });
    const repo = await openTemplate(tpl.dir);
    const head = await repo.snapshot();
    expect(head.warnings.join()).toMatch(/no version tags; using HEAD/);
    const sha = git(tpl.dir, 'rev-parse', 'HEAD');
    expect((await repo.snapshot(sha)).commit).toBe(sha);
    expect((await repo.snapshot('main')).commit).toBe(sha);
  });

  it('reads a clean work tree at the wanted tag as git holds it: no ignored files, no empty folders', async () => {
    const tpl = new TemplateRepo().version('v1', { '.gitignore': 'secret.txt\nnode_modules/\n', 'a.txt': 'a\n' });
    writeFiles(tpl.dir, { 'secret.txt': 'do not copy\n', 'node_modules/x/index.js': 'x\n' });
    mkdirSync(path.join(tpl.dir, 'empty'));
    // Still clean for git (ignored files and empty folders do not count), so the work tree is read.
    expect(git(tpl.dir, 'status', '--porcelain')).toBe('');
    const snapshot = await (await openTemplate(tpl.dir)).snapshot('v1');
    expect(snapshot.files.map((f) => f.path)).toEqual(['.gitignore', 'a.txt']);
  });

  it('reads an older tag from git objects while the work tree is further on', async () => {
    const tpl = new TemplateRepo().version('v1', { 'a.txt': 'one\n' }).version('v2', { 'a.txt': 'two\n' });
    const snapshot = await (await openTemplate(tpl.dir)).snapshot('v1');
    expect(snapshot.files.find((f) => f.path === 'a.txt')?.data.toString()).toBe('one\n');
  });

  it('treats a folder inside another repository as a plain folder, as Copier does', async () => {
    const outer = new TemplateRepo().version('v1', { 'templates/svc/copier.yml': 'x: 1\n' });
    const repo = await openTemplate(path.join(outer.dir, 'templates/svc'));
    expect(repo.isGit).toBe(false);
  });
});
