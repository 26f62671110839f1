/** Cases ported from copier-org/copier tests/test_migrations.py. */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, tempDir, writeFiles } from '../support/fixtures.js';
import { ANSWERS_NICE, answersOf, copy, exists, folder, gitSave, newDst, read, update } from './helpers.js';

/** v1 of a template with these migrations, copied into a committed project. */
async function setup(copierYml: string, extra: Record<string, string> = {}, copyOptions = {}) {
  const src = folder({ ...ANSWERS_NICE, 'copier.yml': copierYml, ...extra });
  gitSave(src, 'v1');
  const dst = newDst();
  await copy(src, dst, copyOptions);
  gitSave(dst);
  return { src, dst };
}

describe('copier test_migrations', () => {
  it('a migration without version runs on every update but not on copy', async () => {
    const { src, dst } = await setup('_migrations:\n    - touch foo\n');
    expect(exists(dst, 'foo')).toBe(false);
    git(src, 'tag', 'v2');
    await update(dst, { trust: true });
    expect(exists(dst, 'foo')).toBe(true);
  });

  it('migrations require trust', async () => {
    const { src, dst } = await setup('_migrations:\n    - touch foo\n');
    git(src, 'tag', 'v2');
    await expect(update(dst, { trust: false })).rejects.toThrow(/trust/);
    expect(exists(dst, 'foo')).toBe(false);
  });

  it('a versioned migration runs only when the update crosses its version', async () => {
    const { src, dst } = await setup('_migrations:\n-   version: v3\n    command: touch foo\n');
    for (let i = 2; i < 5; i++) {
      gitSave(src, `v${i}`);
      gitSave(dst);
      await update(dst, { trust: true });
      if (i === 3) {
        expect(exists(dst, 'foo'), `v${i}`).toBe(true);
        rmSync(path.join(dst, 'foo'));
      } else expect(exists(dst, 'foo'), `v${i}`).toBe(false);
    }
  });

  it('prerelease migrations run only with prereleases, and a later plain update cannot downgrade', async () => {
    const versions = ['v2.dev0', 'v2.dev2', 'v2.a1', 'v2.a2'];
    const { src, dst } = await setup(
      '_migrations:\n-   version: v1.9\n    command: touch v1.9\n' + versions.map((v) => `-   version: ${v}\n    command: touch ${v}\n`).join(''),
    );
    for (const v of ['v1.9', ...versions]) gitSave(src, v);
    gitSave(dst);
    await update(dst, { trust: true });
    expect(answersOf(dst)._commit).toBe('v1.9');
    expect(exists(dst, 'v1.9')).toBe(true);
    for (const v of versions) expect(exists(dst, v), v).toBe(false);
    gitSave(dst);
    await update(dst, { trust: true, prereleases: true });
    expect(answersOf(dst)._commit).toBe('v2.a2');
    for (const v of versions) expect(exists(dst, v), v).toBe(true);
    gitSave(dst);
    await expect(update(dst, { trust: true })).rejects.toThrow();
  });

  it('honours a migration working_directory', async () => {
    const workdir = tempDir();
    const { src, dst } = await setup(`_migrations:\n-   command: touch foo\n    working_directory: ${workdir}\n`);
    git(src, 'tag', 'v2');
    await update(dst, { trust: true });
    expect(exists(dst, 'foo')).toBe(false);
    expect(exists(workdir, 'foo')).toBe(true);
  });

  it.each([true, false])('honours a migration when condition (%s)', async (condition) => {
    const { src, dst } = await setup(`_migrations:\n-   command: touch foo\n    when: ${condition}\n`);
    git(src, 'tag', 'v2');
    await update(dst, { trust: true });
    expect(exists(dst, 'foo')).toBe(condition);
  });

  it('pretend runs no migration', async () => {
    const { src, dst } = await setup('_migrations:\n-   touch foo\n');
    git(src, 'tag', 'v2');
    await update(dst, { trust: true, pretend: true });
    expect(exists(dst, 'foo')).toBe(false);
  });

  it('skipTasks does not skip migrations', async () => {
    const { src, dst } = await setup('_migrations:\n-   touch foo\n');
    git(src, 'tag', 'v2');
    await update(dst, { trust: true, skipTasks: true });
    expect(exists(dst, 'foo')).toBe(true);
  });

  it('a before migration that edits the answers file changes the answers used by the update', async () => {
    // Copier's case edits the answers file with a _copier_python script; sed does the same.
    const { src, dst } = await setup(
      "hello:\n    default: World\n_migrations:\n-   command: \"sed -i 's/^hello: .*/hello: Copier/' .copier-answers.yml\"\n    when: \"{{ _stage == 'before' }}\"\n",
      { 'foo.jinja': 'Hello {{ hello }}' },
    );
    expect(read(dst, 'foo')).toBe('Hello World');
    writeFiles(src, { foo: '' });
    gitSave(src, 'v2');
    await update(dst, { trust: true });
    expect(read(dst, 'foo')).toBe('Hello Copier');
  });

  it.each([true, false])('migrations run after the update by default (explicit when=%s)', async (explicit) => {
    const { src, dst } = await setup(`_migrations:\n-   command: mv foo bar\n${explicit ? "    when: \"{{ _stage == 'after' }}\"\n" : ''}`);
    writeFiles(src, { foo: '' });
    gitSave(src, 'v2');
    await update(dst, { trust: true });
    expect(exists(dst, 'foo')).toBe(false);
    expect(exists(dst, 'bar')).toBe(true);
  });

  it.each([true, false])('passes STAGE and VERSION_* variables to migrations (version=%s)', async (withVersion) => {
    const { src, dst } = await setup(`_migrations:\n-   command: env > env.txt\n${withVersion ? '    version: v2\n' : ''}`);
    writeFiles(src, { version: 'v2' });
    gitSave(src, 'v2');
    writeFiles(src, { version: 'v3' });
    gitSave(src, 'v3');
    await update(dst, { trust: true });
    const env = read(dst, 'env.txt').split('\n');
    for (const line of ['STAGE=after', 'VERSION_FROM=v1', 'VERSION_TO=v3', 'VERSION_PEP440_FROM=1', 'VERSION_PEP440_TO=3']) expect(env).toContain(line);
    expect(env.includes('VERSION_CURRENT=v2')).toBe(withVersion);
    expect(env.includes('VERSION_PEP440_CURRENT=2')).toBe(withVersion);
  });

  it.each([true, false])('exposes _stage and _version_* to migration templates (version=%s)', async (withVersion) => {
    const vars = ['_stage', '_version_from', '_version_to', '_version_pep440_from', '_version_pep440_to', '_version_current', '_version_pep440_current'];
    const command = vars.map((v) => `echo ${v}={{ ${v} }} >> vars.txt`).join('&&');
    const { src, dst } = await setup(`_migrations:\n-   command: ${command}\n${withVersion ? '    version: v2\n' : ''}`);
    writeFiles(src, { version: 'v2' });
    gitSave(src, 'v2');
    writeFiles(src, { version: 'v3' });
    gitSave(src, 'v3');
    await update(dst, { trust: true });
    const lines = read(dst, 'vars.txt').split('\n').map((l) => l.trim());
    for (const line of ['_stage=after', '_version_from=v1', '_version_to=v3', '_version_pep440_from=1', '_version_pep440_to=3']) expect(lines).toContain(line);
    if (withVersion) {
      expect(lines).toContain('_version_current=v2');
      expect(lines).toContain('_version_pep440_current=2');
    } else {
      expect(lines).toContain('_version_current=');
      expect(lines).toContain('_version_pep440_current=');
    }
  });

  it('_copier_phase is "migrate" in migrations', async () => {
    const { src, dst } = await setup('_migrations:\n    - touch {{ _copier_phase }}\n');
    git(src, 'tag', 'v2');
    await update(dst, { trust: true });
    expect(exists(dst, 'migrate')).toBe(true);
  });
});
