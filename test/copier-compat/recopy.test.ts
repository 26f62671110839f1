/** Cases ported from copier-org/copier tests/test_recopy.py. */
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { git } from '../support/fixtures.js';
import { ANSWERS_NICE, answersOf, copy, folder, gitSave, newDst, read, recopy } from './helpers.js';

const tpl = () => {
  const dir = folder({ 'copier.yml': 'your_name: Mario', ...ANSWERS_NICE, 'name.txt.jinja': 'This is your name: {{ your_name }}.' });
  gitSave(dir);
  return dir;
};

describe('copier test_recopy', () => {
  it('recopy discards the project evolution and keeps the answers', async () => {
    const dst = newDst();
    await copy(tpl(), dst, { data: { your_name: 'Luigi' }, overwrite: true });
    gitSave(dst);
    expect(read(dst, 'name.txt')).toBe('This is your name: Luigi.');
    writeFileSync(path.join(dst, 'name.txt'), 'This is your name: Luigi. Welcome.');
    gitSave(dst);
    await recopy(dst);
    expect(read(dst, 'name.txt')).toBe('This is your name: Luigi.');
  });

  it('recopy works when the recorded commit was rewritten away', async () => {
    const src = tpl();
    const dst = newDst();
    await copy(src, dst, { overwrite: true });
    gitSave(dst);
    expect(read(dst, 'name.txt')).toBe('This is your name: Mario.');
    writeFileSync(path.join(src, 'name.txt.jinja'), 'This is my name: {{ your_name }}.');
    git(src, 'commit', '-qa', '--amend', '--no-edit');
    git(src, 'reflog', 'expire', '--expire=now', '--all');
    git(src, 'gc', '-q', '--prune=now');
    await recopy(dst);
    expect(read(dst, 'name.txt')).toBe('This is my name: Mario.');
  });

  it('recopy with new data changes a recorded answer', async () => {
    const src = folder({ 'copier.yml': 'boolean: false', ...ANSWERS_NICE });
    gitSave(src);
    const dst = newDst();
    await copy(src, dst, { overwrite: true });
    gitSave(dst);
    expect(answersOf(dst).boolean).toBe(false);
    await recopy(dst, { data: { boolean: 'true' } });
    expect(answersOf(dst).boolean).toBe(true);
  });

  it('recopy never validates nor records a computed (when: false) value', async () => {
    const src = folder({ 'copier.yml': 'computed:\n    type: str\n    default: foo\n    when: false\n    validator: "This validator should never be rendered"\n', ...ANSWERS_NICE });
    gitSave(src);
    const dst = newDst();
    await copy(src, dst, { overwrite: true });
    gitSave(dst);
    expect(answersOf(dst)).not.toHaveProperty('computed');
    await recopy(dst);
    expect(answersOf(dst)).not.toHaveProperty('computed');
  });

  it('a conditionally asked question is dropped and restored with its condition', async () => {
    const src = folder({ 'copier.yml': 'first:\n    type: bool\n\nsecond:\n    type: bool\n    default: "{{ first }}"\n    when: "{{ first }}"\n', ...ANSWERS_NICE, 'log.txt.jinja': '{{ first }} {{ second }}' });
    gitSave(src);
    const dst = newDst();
    await copy(src, dst, { data: { first: true } });
    expect(answersOf(dst).first).toBe(true);
    expect(answersOf(dst).second).toBe(true);
    expect(read(dst, 'log.txt')).toBe('True True');
    gitSave(dst, undefined, 'v1');
    await recopy(dst, { data: { first: false } });
    expect(answersOf(dst).first).toBe(false);
    expect(answersOf(dst)).not.toHaveProperty('second');
    expect(read(dst, 'log.txt')).toBe('False False');
    gitSave(dst, undefined, 'v2');
    await recopy(dst, { data: { first: true } });
    expect(answersOf(dst).first).toBe(true);
    expect(answersOf(dst).second).toBe(true);
    expect(read(dst, 'log.txt')).toBe('True True');
  });
});
