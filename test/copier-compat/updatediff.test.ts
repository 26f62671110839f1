/** Cases ported from copier-org/copier tests/test_updatediff.py. */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createScriptedPrompter } from '../../src/template/questions/index.js';
import { TemplateRepo, commitProject, git, tempDir, writeFiles } from '../support/fixtures.js';
import { ANSWERS_NICE, answersOf, copy, exists, folder, gitSave, newDst, read, update } from './helpers.js';

const ANSWERS_TO_YAML = { '{{ _copier_conf.answers_file }}.jinja': '{{ _copier_answers|to_yaml }}' };

function commitAllIn(dir: string, message: string) {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', message);
}

describe('copier test_updatediff', () => {
  it('updates through tags and an untagged HEAD, keeps the project edit, re-renders changed answers, and copy --overwrite discards the evolution', async () => {
    const readme1 = '\nLet me introduce myself.\n\nMy name is {{author_name}}, and my project is {{project_name}}.\n\nThanks for your attention.\n';
    const tpl = new TemplateRepo()
      .version('v0.0.1', {
        '.copier-answers.yml.jinja': '# Changes here will be overwritten by Copier\n{{ _copier_answers|to_nice_yaml }}\n',
        'copier.yml': '_envops:\n    "keep_trailing_newline": True\nproject_name: to become a pirate\nauthor_name: Guybrush\n',
        'README.txt.jinja': readme1,
      })
      .version('v0.0.2', {});
    writeFiles(tpl.dir, {
      'copier.yml': '_envops:\n    "keep_trailing_newline": True\nproject_name: to rule\nauthor_name: Elaine\n',
      'README.txt.jinja': '\nLet me introduce myself.\n\nMy name is {{author_name}}.\n\nMy project is {{project_name}}.\n\nThanks for your attention.\n',
    });
    commitAllIn(tpl.dir, 'Elaine wants to rule');
    const lastCommit = git(tpl.dir, 'describe', '--tags');
    const dst = newDst();
    await copy(tpl.dir, dst, { vcsRef: 'v0.0.1', overwrite: true });
    const answers = (commit: string) =>
      `# Changes here will be overwritten by Copier\n_commit: ${commit}\n_src_path: ${tpl.dir}\nauthor_name: Guybrush\nproject_name: to become a pirate\n\n`;
    expect(read(dst, '.copier-answers.yml')).toBe(answers('v0.0.1'));
    expect(read(dst, 'README.txt')).toBe('\nLet me introduce myself.\n\nMy name is Guybrush, and my project is to become a pirate.\n\nThanks for your attention.\n');
    commitProject(dst, 'hello world');
    writeFiles(dst, { 'README.txt': '\nLet me introduce myself.\n\nMy name is Guybrush, and my project is to become a pirate.\n\nThanks for your grog.\n' });
    commitAllIn(dst, 'I prefer grog');
    await update(dst);
    expect(read(dst, '.copier-answers.yml')).toBe(answers('v0.0.2'));
    commitAllIn(dst, 'Update template to v0.0.2');
    await update(dst, { vcsRef: 'HEAD' });
    expect(read(dst, '.copier-answers.yml')).toBe(answers(lastCommit));
    expect(read(dst, 'README.txt')).toBe('\nLet me introduce myself.\n\nMy name is Guybrush.\n\nMy project is to become a pirate.\n\nThanks for your grog.\n');
    commitAllIn(dst, `Update template to ${lastCommit}`);
    expect(git(dst, 'status', '--porcelain')).toBe('');
    await update(dst, { vcsRef: 'HEAD' });
    expect(git(dst, 'status', '--porcelain')).toBe('');
    const data = { author_name: 'Largo LaGrande', project_name: 'to steal a lot' };
    await update(dst, { vcsRef: 'HEAD', data });
    expect(read(dst, 'README.txt')).toBe('\nLet me introduce myself.\n\nMy name is Largo LaGrande.\n\nMy project is to steal a lot.\n\nThanks for your grog.\n');
    commitAllIn(dst, 'Subproject evolved');
    await copy(tpl.dir, dst, { vcsRef: 'HEAD', data, overwrite: true });
    expect(read(dst, 'README.txt')).toBe('\nLet me introduce myself.\n\nMy name is Largo LaGrande.\n\nMy project is to steal a lot.\n\nThanks for your attention.\n');
  });

  it('updates from a tag to an untagged HEAD and records the describe string', async () => {
    const src = folder({ ...ANSWERS_NICE, example: '1' });
    gitSave(src, 'v1');
    writeFiles(src, { example: '2' });
    gitSave(src);
    const sha = git(src, 'rev-parse', '--short', 'HEAD');
    const dst = newDst();
    await copy(src, dst);
    expect(read(dst, 'example')).toBe('1');
    expect(answersOf(dst)._commit).toBe('v1');
    commitProject(dst);
    await update(dst, { vcsRef: 'HEAD' });
    expect(read(dst, 'example')).toBe('2');
    expect(answersOf(dst)._commit).toBe(`v1-1-g${sha}`);
  });

  it('keeps a _skip_if_exists file on update without a .rej', async () => {
    const src = folder({ 'copier.yaml': '_skip_if_exists: [skip_me]', ...ANSWERS_TO_YAML, skip_me: '1' });
    gitSave(src, '1.0.0');
    const dst = newDst();
    await copy(src, dst, { overwrite: true });
    expect(read(dst, 'skip_me')).toBe('1');
    expect(answersOf(dst)._commit).toBe('1.0.0');
    writeFiles(dst, { skip_me: '2' });
    commitProject(dst);
    writeFiles(src, { skip_me: '3' });
    gitSave(src, '2.0.0');
    await update(dst);
    expect(read(dst, 'skip_me')).toBe('2');
    expect(answersOf(dst)._commit).toBe('2.0.0');
    expect(exists(dst, 'skip_me.rej')).toBe(false);
  });

  it.each([undefined, '.copier-answers.yml', '.custom.copier-answers.yaml'])('always rewrites the answers file %s, keeping recorded answers over new defaults', async (answersFile) => {
    const src = folder({ 'copier.yaml': 'question_1: true', ...ANSWERS_TO_YAML, 'answer_1.jinja': '{{ question_1 }}' });
    gitSave(src, '1');
    writeFiles(src, { 'copier.yaml': 'question_1: false' });
    gitSave(src, '2');
    const dst = newDst();
    await copy(src, dst, { vcsRef: '1', answersFile });
    commitProject(dst);
    await update(dst, { answersFile });
    const answers = answersOf(dst, answersFile ?? '.copier-answers.yml');
    expect(answers.question_1).toBe(true);
    expect(answers._commit).toBe('2');
    expect(read(dst, 'answer_1')).toBe('True');
  });

  it('deletes files and folders the template removed, keeping project files and ignored files', async () => {
    const src = folder({
      ...ANSWERS_TO_YAML,
      '1.txt': 'content 1',
      'dir 2/2.txt': 'content 2',
      'dir 3/subdir 3/3.txt': 'content 3',
      'dir 4/subdir 4/4.txt': 'content 4',
      'dir 5/subdir 5/5.txt': 'content 5',
      'toignore.txt': 'should survive update',
    });
    gitSave(src, '1');
    const dst = tempDir();
    git(dst, 'init', '-q', '-b', 'main');
    await copy(src, dst);
    writeFiles(dst, { 'I.txt': 'content I', 'dir II/II.txt': 'content II', 'dir 3/subdir III/III.txt': 'content III', 'dir 4/subdir 4/IV.txt': 'content IV' });
    commitAllIn(dst, '2');
    for (const p of ['1.txt', 'dir 2', 'dir 3', 'dir 4', 'dir 5']) rmSync(path.join(src, p), { recursive: true });
    writeFiles(src, { '6.txt': 'content 6' });
    gitSave(src, '2');
    writeFileSync(path.join(dst, '.gitignore'), 'toignore.txt');
    git(dst, 'add', '.gitignore');
    git(dst, 'commit', '-qm', 'ignore file');
    await update(dst, { conflict: 'rej' });
    for (const p of ['.copier-answers.yml', 'I.txt', 'dir II/II.txt', 'dir 3/subdir III/III.txt', 'dir 4/subdir 4/IV.txt', '6.txt', 'toignore.txt']) {
      expect(exists(dst, p), p).toBe(true);
    }
    for (const p of ['1.txt', 'dir 2', 'dir 3/subdir 3', 'dir 4/subdir 4/4.txt', 'dir 5']) expect(exists(dst, p), p).toBe(false);
  });

  describe.each([false, true])('changed answers and new questions with inline conflicts (interactive=%s)', (interactive) => {
    it('marks the conflict between the project line and the new block', async () => {
      const src = folder({ ...ANSWERS_TO_YAML, 'copier.yml': 'b: false', 'content.jinja': 'aaa\n{%- if b %}\nbbb\n{%- endif %}\nzzz\n' });
      gitSave(src, '1');
      writeFiles(src, { 'copier.yml': 'b: false\nc: false\n', 'content.jinja': 'aaa\n{%- if b %}\nbbb\n{%- endif %}\n{%- if c %}\nccc\n{%- endif %}\nzzz\n' });
      gitSave(src, '2');
      const dst = newDst();
      if (interactive) await copy(src, dst, { vcsRef: '1', defaults: false, prompter: createScriptedPrompter({ b: true }) });
      else await copy(src, dst, { vcsRef: '1', data: { b: true } });
      expect(read(dst, 'content')).not.toContain('ccc');
      commitProject(dst);
      writeFiles(dst, { content: 'aaa\nbbb\njjj\nzzz\n' });
      commitAllIn(dst, '2');
      if (interactive) {
        const prompter = createScriptedPrompter({ c: true });
        await update(dst, { defaults: false, prompter, conflict: 'inline' });
        expect(prompter.asked.map((q) => [q.name, q.default])).toEqual([
          ['b', true],
          ['c', false],
        ]);
      } else await update(dst, { data: { c: true }, conflict: 'inline' });
      expect(read(dst, 'content')).toBe('aaa\nbbb\n<<<<<<< before updating\njjj\n=======\nccc\n>>>>>>> after updating\nzzz\n');
    });
  });

  it.each(['rej', 'inline'] as const)('updates a project in a subfolder of its repo (conflict=%s)', async (conflict) => {
    const src = folder({ ...ANSWERS_TO_YAML, 'version.txt': 'v1' });
    gitSave(src, 'v1');
    const dst = tempDir();
    const sub = path.join(dst, 'subdir');
    await copy(src, sub);
    commitProject(dst);
    expect(read(sub, 'version.txt')).toBe('v1');
    writeFiles(sub, { 'version.txt': 'v1 edited' });
    commitAllIn(dst, '1e');
    writeFiles(src, { 'version.txt': 'v2' });
    gitSave(src, 'v2');
    await update(sub, { conflict });
    expect(exists(sub, '.copier-answers.yml')).toBe(true);
    if (conflict === 'rej') {
      expect(read(sub, 'version.txt')).toBe('v2');
      expect(exists(sub, 'version.txt.rej')).toBe(true);
    } else {
      expect(read(sub, 'version.txt')).toBe('<<<<<<< before updating\nv1 edited\n=======\nv2\n>>>>>>> after updating\n');
    }
  });

  it('merges similar code blocks without a conflict given enough context', async () => {
    const same = '    print("This line is equal to the next one.")\n';
    const fn = (name: string, extra = '') => `def ${name}():\n${same}${same}${extra}${same}${same}    print("Previous line lied.")\n`;
    const src = folder({ ...ANSWERS_TO_YAML, 'sample.py': `${fn('function_one')}\n${fn('function_two')}` });
    gitSave(src, 'v1');
    const dst = newDst();
    await copy(src, dst);
    commitProject(dst);
    writeFiles(dst, { 'sample.py': `${fn('function_one')}\n${fn('function_two', '    print("This line is new.")\n')}` });
    commitAllIn(dst, '2');
    writeFiles(src, { 'sample.py': `${fn('function_zero')}\n${fn('function_one')}\n${fn('function_two')}` });
    gitSave(src, 'v2');
    await update(dst, { conflict: 'inline' });
    expect(read(dst, 'sample.py')).toBe(`${fn('function_zero')}\n${fn('function_one')}\n${fn('function_two', '    print("This line is new.")\n')}`);
  });

  it.each(['README.md', 'spa ces', 'qu`o"tes', 'm4â4ñ4a'])('marks conflicted file %j unmerged in git (Paved reports it in conflicts; Copier exits 0)', async (filename) => {
    const src = folder({ [filename]: 'upstream version 1', '{{_copier_conf.answers_file}}.jinja': '{{_copier_answers|to_nice_yaml}}' });
    gitSave(src, 'v1');
    const dst = newDst();
    await copy(src, dst, { overwrite: true });
    expect(read(dst, '.copier-answers.yml')).toContain('_commit: v1');
    commitProject(dst);
    writeFiles(dst, { [filename]: 'upstream version 1 + downstream' });
    commitAllIn(dst, 'updated file');
    writeFiles(src, { [filename]: 'upstream version 2' });
    gitSave(src, 'v2');
    const result = await update(dst, { conflict: 'inline' });
    expect(result.conflicts).toEqual([filename]);
    expect(read(dst, '.copier-answers.yml')).toContain('_commit: v2');
    expect(read(dst, filename).split('\n').filter(Boolean)).toEqual(['<<<<<<< before updating', 'upstream version 1 + downstream', '=======', 'upstream version 2', '>>>>>>> after updating']);
    expect(exists(dst, `${filename}.rej`)).toBe(false);
    const status = git(dst, 'status', '--porcelain=v1', '-z').split('\0');
    expect(status).toContain(`UU ${filename}`);
  });

  it('a file added by both the template and the project gets conflict markers', async () => {
    const src = folder(ANSWERS_TO_YAML);
    gitSave(src, 'v1');
    const dst = newDst();
    await copy(src, dst, { overwrite: true });
    expect(read(dst, '.copier-answers.yml')).toContain('_commit: v1');
    commitProject(dst);
    writeFiles(dst, { '.gitlab-ci.yml': 'tests:\n    stage: test\n    script:\n        - ./test.sh\n\npages:\n    stage: deploy\n    script:\n        - ./deploy.sh\n' });
    commitAllIn(dst, 'v2');
    writeFiles(src, { '.gitlab-ci.yml.jinja': 'tests:\n    stage: test\n    script:\n        - ./test.sh --slow\n' });
    gitSave(src, 'v2');
    await update(dst, { conflict: 'inline' });
    expect(read(dst, '.copier-answers.yml')).toContain('_commit: v2');
    expect(read(dst, '.gitlab-ci.yml')).toBe(
      'tests:\n    stage: test\n    script:\n<<<<<<< before updating\n        - ./test.sh\n\npages:\n    stage: deploy\n    script:\n        - ./deploy.sh\n=======\n        - ./test.sh --slow\n>>>>>>> after updating\n',
    );
  });

  it('a before-migration that stages a moved copy of a project file yields conflicts in both files', async () => {
    const src = folder({ ...ANSWERS_TO_YAML, '.gitlab-ci.yml.jinja': 'tests:\n    stage: test\n    script:\n        - ./test.sh\n' });
    gitSave(src, 'v1');
    const dst = newDst();
    await copy(src, dst, { overwrite: true });
    writeFiles(dst, { '.gitlab-ci.yml': `${read(dst, '.gitlab-ci.yml')}\npages:\n    stage: deploy\n    script:\n        - ./deploy.sh\n` });
    commitProject(dst);
    git(src, 'mv', '.gitlab-ci.yml.jinja', 'main.yml.jinja');
    writeFiles(src, {
      'main.yml.jinja': null,
      '.gitlab/ci/main.yml.jinja': 'tests:\n    stage: test\n    script:\n        - ./test.sh --slow\n',
      '.gitlab-ci.yml.jinja': 'include:\n    - local: .gitlab/ci/main.yml\n',
      // Copier's case runs a Python script through _copier_python; the same steps in shell:
      'copier.yml': '_migrations:\n-   version: v2\n    when: "{{ _stage == \'before\' }}"\n    command: "mkdir -p .gitlab/ci && cp .gitlab-ci.yml .gitlab/ci/main.yml && git add .gitlab/ci/main.yml"\n',
    });
    gitSave(src, 'v2');
    await update(dst, { conflict: 'inline', trust: true });
    expect(read(dst, '.copier-answers.yml')).toContain('_commit: v2');
    expect(read(dst, '.gitlab-ci.yml')).toBe(
      '<<<<<<< before updating\ntests:\n    stage: test\n    script:\n        - ./test.sh\n\npages:\n    stage: deploy\n    script:\n        - ./deploy.sh\n=======\ninclude:\n    - local: .gitlab/ci/main.yml\n>>>>>>> after updating\n',
    );
    expect(read(dst, '.gitlab/ci/main.yml')).toBe(
      'tests:\n    stage: test\n    script:\n<<<<<<< before updating\n        - ./test.sh\n\npages:\n    stage: deploy\n    script:\n        - ./deploy.sh\n=======\n        - ./test.sh --slow\n>>>>>>> after updating\n',
    );
  });
});
