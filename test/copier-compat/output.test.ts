/** Cases ported from copier-org/copier tests/test_output.py (messages and type errors; the console plan lines are Copier's CLI). */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commitProject, writeFiles } from '../support/fixtures.js';
import { copy, folder, gitSave, newDst, read, recopy, update } from './helpers.js';

describe('copier test_output', () => {
  it('reports the plan: create, identical, overwrite and skip', async () => {
    const src = folder({ 'config.py': 'a', 'pyproject.toml': 'b' });
    const dst = newDst();
    const first = await copy(src, dst);
    expect(first.files).toEqual(expect.arrayContaining([{ path: 'config.py', action: 'create' }, { path: 'pyproject.toml', action: 'create' }]));
    writeFileSync(`${dst}/config.py`, 'mine');
    const forced = await copy(src, dst, { overwrite: true });
    expect(forced.files).toEqual(expect.arrayContaining([{ path: 'config.py', action: 'overwrite' }, { path: 'pyproject.toml', action: 'identical' }]));
    writeFileSync(`${dst}/config.py`, 'mine');
    const skipped = await copy(src, dst, { skipIfExists: ['config.py'] });
    expect(skipped.files).toEqual(expect.arrayContaining([{ path: 'config.py', action: 'skip' }, { path: 'pyproject.toml', action: 'identical' }]));
  });

  it('rejects a question with an unknown type', async () => {
    const src = folder({ 'copier.yaml': 'bad:\n    type: invalid\n    default: 1\n' });
    await expect(copy(src, newDst(), { overwrite: true })).rejects.toThrow(/invalid.*bad|bad.*invalid/);
  });

  it('rejects a null default for an int question', async () => {
    const src = folder({ 'copier.yaml': 'bad:\n    type: int\n    default: null\n' });
    await expect(copy(src, newDst(), { overwrite: true })).rejects.toThrow(/bad/);
  });

  it.each([
    ['inline text', {}],
    [
      'included templates',
      {
        'message_before_copy.md.jinja': 'Thank you for using our template on {{ _copier_conf.os }}\n',
        'message_after_copy.md.jinja': 'Project {{ project_name }} successfully created\n',
        'message_before_update.md.jinja': 'Updating on {{ _copier_conf.os }}\n',
        'message_after_update.md.jinja': 'Project {{ project_name }} successfully updated\n',
      },
    ],
  ])('shows the before/after messages of copy, recopy and update (%s)', async (kind, includes) => {
    const messages =
      kind === 'inline text'
        ? '_message_before_copy: Thank you for using our template on {{ _copier_conf.os }}\n_message_after_copy: Project {{ project_name }} successfully created\n_message_before_update: Updating on {{ _copier_conf.os }}\n_message_after_update: Project {{ project_name }} successfully updated\n'
        : `_exclude: [".git", "*.md"]\n_message_before_copy: "{% include 'message_before_copy.md.jinja' %}"\n_message_after_copy: "{% include 'message_after_copy.md.jinja' %}"\n_message_before_update: "{% include 'message_before_update.md.jinja' %}"\n_message_after_update: "{% include 'message_after_update.md.jinja' %}"\n`;
    const src = folder({
      'copier.yaml': `project_name:\n    type: str\n\n${messages}`,
      '{{ _copier_conf.answers_file }}.jinja': '# Changes here will be overwritten by Copier\n{{ _copier_answers|to_nice_yaml }}\n',
      'version.txt': 'v1',
      ...includes,
    });
    gitSave(src, 'v1');
    writeFiles(src, { 'version.txt': 'v2' });
    gitSave(src, 'v2');
    const dst = newDst();
    const copied = await copy(src, dst, { data: { project_name: 'myproj' }, vcsRef: 'v1' });
    expect(read(dst, 'version.txt')).toBe('v1');
    expect(copied.messages.join('\n')).toMatch(/^Thank you for using our template on (linux|macos|windows).+Project myproj successfully created\s*$/s);
    const recopied = await recopy(dst, { data: { project_name: 'myproj_new' }, vcsRef: 'v1' });
    expect(read(dst, 'version.txt')).toBe('v1');
    expect(recopied.messages.join('\n')).toMatch(/^Thank you for using our template on (linux|macos|windows).+Project myproj_new successfully created\s*$/s);
    commitProject(dst);
    const updated = await update(dst, { data: { project_name: 'myproj_new_update' } });
    expect(read(dst, 'version.txt')).toBe('v2');
    expect(updated.messages.join('\n')).toMatch(/^Updating on (linux|macos|windows).+Project myproj_new_update successfully updated\s*$/s);
  });
});
