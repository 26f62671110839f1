/** Cases ported from copier-org/copier tests/test_symlinks.py. */
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitProject } from '../support/fixtures.js';
import { copy, exists, folder, gitSave, isSymlink, linkTarget, newDst, read, update } from './helpers.js';

const repo = (files: Record<string, string>, links: Record<string, string>) => {
  const dir = folder(files, links);
  gitSave(dir);
  return dir;
};

describe('copier test_symlinks', () => {
  it('keeps a symlink with _preserve_symlinks', async () => {
    const src = repo({ 'copier.yaml': '_preserve_symlinks: true\n', 'target.txt': 'Symlink target' }, { 'symlink.txt': 'target.txt' });
    const dst = newDst();
    await copy(src, dst, { overwrite: true, vcsRef: 'HEAD' });
    expect(exists(dst, 'target.txt')).toBe(true);
    expect(exists(dst, 'symlink.txt')).toBe(true);
    expect(isSymlink(dst, 'symlink.txt')).toBe(true);
    expect(linkTarget(dst, 'symlink.txt')).toBe('target.txt');
  });

  it('renders a symlink name', async () => {
    const src = repo({ 'copier.yaml': '_preserve_symlinks: true\nsymlink_name: symlink\n', 'target.txt': 'Symlink target' }, { '{{ symlink_name }}.txt': 'target.txt' });
    const dst = newDst();
    await copy(src, dst, { overwrite: true, vcsRef: 'HEAD' });
    expect(isSymlink(dst, 'symlink.txt')).toBe(true);
    expect(linkTarget(dst, 'symlink.txt')).toBe('target.txt');
  });

  it('renders the target of a .jinja symlink only', async () => {
    const src = repo(
      { 'copier.yaml': '_preserve_symlinks: true\ntarget_name: target\n', '{{ target_name }}.txt': 'Symlink target' },
      { 'symlink1.txt.jinja': '{{ target_name }}.txt', 'symlink2.txt': '{{ target_name }}.txt' },
    );
    const dst = newDst();
    await copy(src, dst, { overwrite: true, vcsRef: 'HEAD' });
    expect(exists(dst, 'target.txt')).toBe(true);
    expect(isSymlink(dst, 'symlink1.txt')).toBe(true);
    expect(linkTarget(dst, 'symlink1.txt')).toBe('target.txt');
    expect(exists(dst, 'symlink2.txt')).toBe(false);
    expect(isSymlink(dst, 'symlink2.txt')).toBe(true);
    expect(linkTarget(dst, 'symlink2.txt')).toBe('{{ target_name }}.txt');
  });

  it('copies a symlink whose target is missing', async () => {
    const src = repo({ 'copier.yaml': '_preserve_symlinks: true\n' }, { 'symlink.txt': 'target.txt' });
    const dst = newDst();
    await copy(src, dst, { overwrite: true, vcsRef: 'HEAD' });
    expect(isSymlink(dst, 'symlink.txt')).toBe(true);
    expect(linkTarget(dst, 'symlink.txt')).toBe('target.txt');
    expect(exists(dst, 'symlink.txt')).toBe(false);
  });

  it.each(['_preserve_symlinks: false\n', ''])('follows symlinks unless preserved (%j)', async (config) => {
    const src = repo({ 'copier.yaml': config, 'target.txt': 'Symlink target' }, { 'symlink.txt': 'target.txt' });
    const dst = newDst();
    await copy(src, dst, { overwrite: true, vcsRef: 'HEAD' });
    expect(exists(dst, 'target.txt')).toBe(true);
    expect(read(dst, 'symlink.txt')).toBe('Symlink target');
    expect(isSymlink(dst, 'symlink.txt')).toBe(false);
  });

  it('update retargets a symlink the template changed (from a dirty template)', async () => {
    const src = repo(
      { '.copier-answers.yml.jinja': '# Changes here will be overwritten by Copier\n{{ _copier_answers|to_nice_yaml }}\n', 'copier.yml': '_preserve_symlinks: true\n', 'aaaa.txt': '\nLorem ipsum\n', 'bbbb.txt': '\ndolor sit amet\n' },
      { 'symlink.txt': './aaaa.txt' },
    );
    const dst = newDst();
    await copy(src, dst, { overwrite: true });
    rmSync(path.join(src, 'symlink.txt'));
    symlinkSync('bbbb.txt', path.join(src, 'symlink.txt'));
    commitProject(dst);
    expect(read(src, 'symlink.txt')).not.toBe(read(dst, 'symlink.txt'));
    const result = await update(dst);
    expect(result.warnings.join('\n')).toMatch(/uncommitted|dirty/i);
    expect(read(dst, 'symlink.txt')).toBe(read(src, 'symlink.txt'));
    expect(linkTarget(dst, 'symlink.txt')).toBe('bbbb.txt');
  });

  it('update turns a file into a symlink and a symlink into a file', async () => {
    const src = repo(
      { '.copier-answers.yml.jinja': '# Changes here will be overwritten by Copier\n{{ _copier_answers|to_nice_yaml }}\n', 'copier.yml': '_preserve_symlinks: true\n', 'aaaa.txt': '\nLorem ipsum\n', 'bbbb.txt': '\ndolor sit amet\n' },
      { 'cccc.txt': './aaaa.txt' },
    );
    const dst = newDst();
    await copy(src, dst, { overwrite: true });
    rmSync(path.join(src, 'bbbb.txt'));
    symlinkSync('aaaa.txt', path.join(src, 'bbbb.txt'));
    rmSync(path.join(src, 'cccc.txt'));
    writeFileSync(path.join(src, 'cccc.txt'), 'Lorem ipsum');
    commitProject(dst);
    expect(isSymlink(dst, 'bbbb.txt')).toBe(false);
    expect(isSymlink(dst, 'cccc.txt')).toBe(true);
    await update(dst);
    expect(isSymlink(dst, 'bbbb.txt')).toBe(true);
    expect(linkTarget(dst, 'bbbb.txt')).toBe('aaaa.txt');
    expect(isSymlink(dst, 'cccc.txt')).toBe(false);
    expect(read(dst, 'cccc.txt')).toBe('Lorem ipsum');
  });

  it('excludes a symlink', async () => {
    const src = repo({ 'copier.yaml': '_preserve_symlinks: true\n', 'target.txt': 'Symlink target' }, { 'symlink.txt': 'target.txt' });
    const dst = newDst();
    await copy(src, dst, { overwrite: true, exclude: ['symlink.txt'], vcsRef: 'HEAD' });
    expect(isSymlink(dst, 'symlink.txt')).toBe(false);
    expect(exists(dst, 'symlink.txt')).toBe(false);
  });

  it('pretend creates no symlink', async () => {
    const src = repo({ 'copier.yaml': '_preserve_symlinks: true\n', 'target.txt': 'Symlink target' }, { 'symlink.txt': 'target.txt' });
    const dst = newDst();
    await copy(src, dst, { overwrite: true, pretend: true, vcsRef: 'HEAD' });
    expect(isSymlink(dst, 'symlink.txt')).toBe(false);
  });

  it('drops a symlink whose name renders empty', async () => {
    const src = repo({ 'copier.yaml': '_preserve_symlinks: true\nrender: false\n', 'target.txt': 'Symlink target' }, { '{% if render %}symlink.txt{% endif %}': 'target.txt' });
    const dst = newDst();
    await copy(src, dst, { overwrite: true, vcsRef: 'HEAD' });
    expect(exists(dst, 'target.txt')).toBe(true);
    expect(isSymlink(dst, 'symlink.txt')).toBe(false);
  });

  it('keeps a symlink pointing to an ancestor folder', async () => {
    const src = folder({ 'copier.yaml': '_preserve_symlinks: true' }, { 'one/two/three/root': '../../../' });
    const dst = newDst();
    await copy(src, dst, { overwrite: true });
    expect(isSymlink(dst, 'one/two/three/root')).toBe(true);
    expect(linkTarget(dst, 'one/two/three/root')).toBe('../../../');
  });

  it('expands symlinked folders when symlinks are not preserved', async () => {
    const src = folder({ 'a_dir/a_file.txt': 'some content' }, { a_symlinked_dir: 'a_dir', 'a_nested/symlink': '../a_dir' });
    const dst = newDst();
    await copy(src, dst, { overwrite: true });
    expect(read(dst, 'a_dir/a_file.txt')).toBe('some content');
    expect(read(dst, 'a_symlinked_dir/a_file.txt')).toBe('some content');
    expect(read(dst, 'a_nested/symlink/a_file.txt')).toBe('some content');
  });
});
