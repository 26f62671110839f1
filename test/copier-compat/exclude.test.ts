/** Cases ported from copier-org/copier tests/test_exclude.py. */
import { describe, expect, it } from 'vitest';
import { copy, exists, folder, isSymlink, linkTarget, newDst } from './helpers.js';

describe('copier test_exclude', () => {
  it('excludes a folder recursively', async () => {
    const src = folder({ 'copier.yml': '_exclude:\n  - bad\n', 'bad/subdir/file.txt': 'x', 'good.txt': 'y' });
    const dst = newDst();
    await copy(src, dst);
    expect(exists(dst, 'bad')).toBe(false);
    expect(exists(dst, 'good.txt')).toBe(true);
  });

  it('a negated pattern after * copies only that file', async () => {
    const src = folder({ 'copier.yml': '_exclude:\n  - "*"\n  - "!copy_me.txt"\n', 'copy_me.txt': 'x', 'do_not_copy_me.txt': 'y', 'bad/subdir/file.txt': 'z' });
    const dst = newDst();
    await copy(src, dst);
    expect(exists(dst, 'copy_me.txt')).toBe(true);
    expect(exists(dst, 'do_not_copy_me.txt')).toBe(false);
  });

  it('_exclude replaces defaults, so copier.yml is copied', async () => {
    const src = folder({ 'copier.yml': "_exclude: ['*.txt']", 'aaaa.txt': '' });
    const dst = newDst();
    await copy(src, dst);
    expect(exists(dst, 'aaaa.txt')).toBe(false);
    expect(exists(dst, 'copier.yml')).toBe(true);
  });

  it('the exclude option extends _exclude', async () => {
    const src = folder({ 'copier.yml': "_exclude: ['*.txt']", 'aaaa.txt': '' });
    const dst = newDst();
    await copy(src, dst, { exclude: ['*.yml'] });
    expect(exists(dst, 'aaaa.txt')).toBe(false);
    expect(exists(dst, 'copier.yml')).toBe(false);
  });

  it('_exclude can re-include a default exclusion (.svn)', async () => {
    const src = folder({ 'copier.yml': "_exclude: ['!.svn']", '.svn/hello': '' });
    const dst = newDst();
    await copy(src, dst);
    expect(exists(dst, '.svn/hello')).toBe(true);
    expect(exists(dst, 'copier.yml')).toBe(true);
  });

  it('applies gitignore-style file, folder, negation and unicode patterns', async () => {
    const files: Record<string, boolean> = {
      'x.exclude': true,
      'do_not.exclude!': false,
      'exclude_dir/x': true,
      'exclude_dir/please_copy_me': false,
      'not_exclude_dir/x!': false,
      'mañana.txt': true,
      'manana.txt': false,
    };
    const src = folder({
      'copier.yaml':
        '_exclude:\n    - "*.exclude"\n    - "!do_not.exclude"\n    - "exclude_dir/"\n    - "!exclude_dir/please_copy_me"\n    - "!not_exclude_dir/x"\n    - "mañana.txt"\n',
      ...Object.fromEntries(Object.entries(files).map(([k, v]) => [k, String(v)])),
    });
    const dst = newDst();
    await copy(src, dst);
    for (const [file, excluded] of Object.entries(files)) expect(exists(dst, file), file).toBe(!excluded);
  });

  it('default exclusions do not apply inside a real _subdirectory', async () => {
    const src = folder({ 'copier.yml': "_subdirectory: 'template'", 'template/copier.yml': '' });
    const dst = newDst();
    await copy(src, dst);
    expect(exists(dst, 'copier.yml')).toBe(true);
  });

  it.each(["_subdirectory: '.'", "_subdirectory: ''", ''])('default exclusions apply at the root (%j)', async (config) => {
    const src = folder({ 'copier.yml': config, 'template/copier.yml': '' });
    const dst = newDst();
    await copy(src, dst);
    expect(exists(dst, 'template/copier.yml')).toBe(false);
  });

  it('copier.yml is excluded even when every file is a template', async () => {
    const src = folder({ 'copier.yml': '_subdirectory: .\n_templates_suffix: ""\n_envops:\n    block_start_string: "[?"\n    block_end_string: "?]"\n' });
    const dst = newDst();
    await copy(src, dst);
    expect(exists(dst, 'copier.yml')).toBe(false);
  });

  it('an excluded file with broken Jinja is never rendered', async () => {
    const src = folder({
      'copier.yml': '_subdirectory: .\n_templates_suffix: ""\n_exclude:\n    - copier.yml\n    - exclude-me.txt\n',
      'exclude-me.txt': '"{%" is malformed Jinja syntax but it doesn\'t matter because\nthis file is excluded\n',
    });
    const dst = newDst();
    await copy(src, dst);
    expect(exists(dst, 'copier.yml')).toBe(false);
    expect(exists(dst, 'exclude-me.txt')).toBe(false);
  });

  it('matches _exclude against rendered paths', async () => {
    const src = folder({
      'copier.yml': '_exclude:\n    - "*"\n    - "!keep-me.txt"\n\nfilename_keep: keep-me.txt\nfilename_exclude: exclude-me.txt\n',
      '{{ filename_keep }}.jinja': '',
      '{{ filename_exclude }}.jinja': '',
    });
    const dst = newDst();
    await copy(src, dst);
    expect(exists(dst, 'keep-me.txt')).toBe(true);
    expect(exists(dst, 'exclude-me.txt')).toBe(false);
  });

  it('a wildcard exclusion with negated nested file and symlink keeps both', async () => {
    const src = folder(
      {
        'copier.yml': '_preserve_symlinks: true\n_exclude:\n    - "*"\n    - "!/foo/keep-me.txt"\n    - "!/foo/bar/keep-me-symlink.txt"\n',
        'exclude-me.txt': '',
        'foo/keep-me.txt': '',
      },
      { 'foo/bar/keep-me-symlink.txt': '../keep-me.txt' },
    );
    const dst = newDst();
    await copy(src, dst);
    expect(exists(dst, 'foo/keep-me.txt')).toBe(true);
    expect(isSymlink(dst, 'foo/bar/keep-me-symlink.txt')).toBe(true);
    expect(linkTarget(dst, 'foo/bar/keep-me-symlink.txt')).toBe('../keep-me.txt');
    expect(exists(dst, 'exclude-me.txt')).toBe(false);
  });
});
