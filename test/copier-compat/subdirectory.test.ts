/** Cases ported from copier-org/copier tests/test_subdirectory.py. */
import { renameSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitProject, git, tempDir, writeFiles } from '../support/fixtures.js';
import { answersOf, copy, exists, folder, gitSave, newDst, read, update } from './helpers.js';

const BRACKETS = '{"block_start_string": "[%", "block_end_string": "%]", "variable_start_string": "[[", "variable_end_string": "]]", "comment_start_string": "[#", "comment_end_string": "#]"}';

function choiceTemplate() {
  const root = folder({
    'api_project/api_readme.md': '',
    'api_project/[[ _copier_conf.answers_file ]].tmpl': '[[ _copier_answers|to_nice_yaml ]]',
    'conf_project/conf_readme.md': '# Demo subdirectory\n\nGenerated using previous answers `_subdirectory` value.\n',
    'conf_project/[[ _copier_conf.answers_file ]].tmpl': '[[ _copier_answers|to_nice_yaml ]]',
    'copier.yml': `_templates_suffix: .tmpl\n_envops: ${BRACKETS}\nchoose_subdir:\n    type: str\n    default: conf_project\n    choices:\n        - api_project\n        - conf_project\n_subdirectory: "[[ choose_subdir ]]"\n`,
  });
  gitSave(root);
  return root;
}

describe('copier test_subdirectory', () => {
  it('a templated _subdirectory follows the answer', async () => {
    const dst = newDst();
    await copy(choiceTemplate(), dst, { overwrite: true, data: { choose_subdir: 'api_project' } });
    expect(exists(dst, 'api_readme.md')).toBe(true);
    expect(exists(dst, 'conf_readme.md')).toBe(false);
  });

  it('a templated _subdirectory uses the default answer', async () => {
    const dst = newDst();
    await copy(choiceTemplate(), dst, { overwrite: true });
    expect(exists(dst, 'conf_readme.md')).toBe(true);
    expect(exists(dst, 'api_readme.md')).toBe(false);
  });

  it('update keeps using the recorded templated _subdirectory', async () => {
    const dst = newDst();
    await copy(choiceTemplate(), dst, { overwrite: true });
    commitProject(dst);
    await update(dst);
    expect(exists(dst, 'conf_project')).toBe(false);
    expect(exists(dst, 'api_project')).toBe(false);
    expect(exists(dst, 'api_readme.md')).toBe(false);
    expect(exists(dst, 'conf_readme.md')).toBe(true);
  });

  it('updates a subproject folder of a bigger repo with a custom answers file', async () => {
    const src = folder({
      'copier.yaml': 'q1:\n    type: str\n    default: a1\n',
      'file1.jinja': 'version 1\nhello\n{{ q1 }}\nbye\n',
      '{{ _copier_conf.answers_file }}.jinja': '{{ _copier_answers|to_nice_yaml }}',
    });
    gitSave(src, '1');
    writeFiles(src, { 'file1.jinja': 'version 2\nhello\n{{ q1 }}\nbye\n' });
    gitSave(src, '2');
    const dst = folder({ dst_top_file: 'one' });
    gitSave(dst);
    await copy(src, path.join(dst, 'subfolder'), { vcsRef: '1', overwrite: true, answersFile: '.custom.copier-answers.yaml' });
    expect(read(dst, 'subfolder/file1')).toBe('version 1\nhello\na1\nbye\n');
    gitSave(dst);
    await update(path.join(dst, 'subfolder'), { answersFile: '.custom.copier-answers.yaml' });
    expect(answersOf(dst, 'subfolder/.custom.copier-answers.yaml')._commit).toBe('2');
    expect(read(dst, 'subfolder/file1')).toBe('version 2\nhello\na1\nbye\n');
  });

  it.each([
    ['rej', 'upstream version 2\n', true],
    ['inline', '<<<<<<< before updating\ndownstream version 1\n=======\nupstream version 2\n>>>>>>> after updating\n', false],
  ] as const)('a new version that moves everything under a _subdirectory updates the same files (conflict=%s)', async (conflict, readme, rej) => {
    const src = folder({ 'README.md': 'upstream version 1', '{{_copier_conf.answers_file}}.jinja': '{{_copier_answers|to_nice_yaml}}' });
    gitSave(src, 'v1');
    const dst = newDst();
    await copy(src, dst, { overwrite: true });
    expect(read(dst, '.copier-answers.yml')).toContain('_commit: v1');
    commitProject(dst);
    writeFiles(dst, { 'README.md': 'downstream version 1' });
    git(dst, 'commit', '-qam', 'updated readme');
    writeFiles(src, { 'README.md': 'upstream version 2' });
    mkdirSync(path.join(src, 'subdir'));
    renameSync(path.join(src, 'README.md'), path.join(src, 'subdir/README.md'));
    renameSync(path.join(src, '{{_copier_conf.answers_file}}.jinja'), path.join(src, 'subdir/{{_copier_conf.answers_file}}.jinja'));
    writeFiles(src, { 'copier.yml': '_subdirectory: subdir' });
    gitSave(src, 'v2');
    await update(dst, { conflict });
    expect(read(dst, '.copier-answers.yml')).toContain('_commit: v2');
    expect(read(dst, 'README.md').split('\n').filter(Boolean)).toEqual(readme.split('\n').filter(Boolean));
    expect(exists(dst, 'README.md.rej')).toBe(rej);
    expect(exists(dst, 'subdir')).toBe(false);
  });

  it('copy with skip_if_exists over a project after the template changed _subdirectory keeps the edited file', async () => {
    const src = folder({
      'copier.yml': '_subdirectory: subdir1\n',
      'subdir1/[[_copier_conf.answers_file]].tmpl': '[[_copier_answers|to_nice_yaml]]\n',
      'subdir1/README.md': 'upstream version 1\n',
    });
    gitSave(src);
    const dst = newDst();
    await copy(src, dst, { overwrite: true });
    expect(exists(dst, 'README.md')).toBe(true);
    commitProject(dst);
    writeFiles(dst, { 'README.md': 'downstream version 1\n' });
    git(dst, 'commit', '-qam', 'updated readme');
    writeFiles(src, { 'subdir1/README.md': 'upstream version 2\n' });
    renameSync(path.join(src, 'subdir1'), path.join(src, 'subdir2'));
    writeFiles(src, { 'copier.yml': '_subdirectory: subdir2\n' });
    gitSave(src);
    await copy(src, dst, { overwrite: true, skipIfExists: ['README.md'] });
    expect(read(dst, 'README.md')).toBe('downstream version 1\n');
    expect(exists(dst, 'subdir1')).toBe(false);
    expect(exists(dst, 'subdir2')).toBe(false);
  });

  it('copies only the subdirectory folder of a template', async () => {
    const src = folder({ 'copier.yml': '_subdirectory: doc\n', 'config.py': 'x', 'doc/images/a.gif': 'gif', 'doc/manana.txt': 'm' });
    const dst = tempDir();
    await copy(src, dst);
    expect(exists(dst, 'doc')).toBe(false);
    expect(exists(dst, 'config.py')).toBe(false);
    expect(exists(dst, 'images')).toBe(true);
    expect(exists(dst, 'manana.txt')).toBe(true);
  });
});
