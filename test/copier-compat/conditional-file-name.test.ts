/** Cases ported from copier-org/copier tests/test_conditional_file_name.py. */
import { describe, expect, it } from 'vitest';
import { commitProject } from '../support/fixtures.js';
import { createScriptedPrompter } from '../../src/template/questions/index.js';
import { ANSWERS_NICE, copy, exists, folder, gitSave, newDst, read, update } from './helpers.js';

const tree = (prefix: string) => ({ [`${prefix}{% if conditional %}file.txt{% endif %}.jinja`]: 'This is {{ conditional.variable }}.' });

describe('copier test_conditional_file_name', () => {
  it('renders a conditional file when the condition is truthy', async () => {
    const dst = newDst();
    await copy(folder(tree('')), dst, { data: { conditional: { variable: true } } });
    expect(read(dst, 'file.txt')).toBe('This is True.');
  });

  it('drops a conditional file when the variable is undefined', async () => {
    const dst = newDst();
    await copy(folder(tree('')), dst);
    expect(exists(dst, 'file.txt')).toBe(false);
  });

  it('renders a conditional file in a subfolder', async () => {
    const dst = newDst();
    await copy(folder(tree('subdir/')), dst, { data: { conditional: { variable: true } } });
    expect(read(dst, 'subdir/file.txt')).toBe('This is True.');
  });

  it('drops a conditional file in a subfolder', async () => {
    const dst = newDst();
    await copy(folder(tree('subdir/')), dst);
    expect(exists(dst, 'subdir/file.txt')).toBe(false);
  });

  it.each([false, true])('removes the file on update when the answer changes (interactive=%s)', async (interactive) => {
    const src = folder({ ...ANSWERS_NICE, 'copier.yml': 'condition:\n    type: bool\n', '{% if condition %}file.txt{% endif %}.jinja': '' });
    gitSave(src, 'v1');
    const dst = newDst();
    if (interactive) await copy(src, dst, { defaults: false, prompter: createScriptedPrompter({ condition: true }) });
    else await copy(src, dst, { data: { condition: true } });
    expect(exists(dst, 'file.txt')).toBe(true);
    commitProject(dst);
    if (interactive) {
      const prompter = createScriptedPrompter({ condition: false });
      await update(dst, { defaults: false, prompter });
      expect(prompter.asked[0]?.default).toBe(true);
    } else await update(dst, { data: { condition: false } });
    expect(exists(dst, 'file.txt')).toBe(false);
  });
});
