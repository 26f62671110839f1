/** Cases ported from copier-org/copier tests/test_vcs.py. */
import { describe, expect, it } from 'vitest';
import { git, writeFiles } from '../support/fixtures.js';
import { ANSWERS_NICE, answersOf, copy, folder, gitSave, newDst, read } from './helpers.js';

describe('copier test_vcs', () => {
  it('ignores a tag that is not a version when picking the latest', async () => {
    const src = folder({ ...ANSWERS_NICE, 'sample.txt': '1' });
    gitSave(src, 'not-a-version');
    writeFiles(src, { 'sample.txt': '2' });
    gitSave(src, 'v2');
    writeFiles(src, { 'sample.txt': '3' });
    gitSave(src);
    const dst = newDst();
    await copy(src, dst);
    expect(read(dst, 'sample.txt')).toBe('2');
    expect(answersOf(dst)._commit).toBe('v2');
  });

  it.each([
    ['in order', ['v1', 'v1.0', 'v1.0.0', 'v1.0.1']],
    ['reversed', ['v1.0.1', 'v1.0.0', 'v1.0', 'v1']],
  ])('selects the highest version tag, not the newest commit (%s)', async (_order, versions) => {
    const src = folder(ANSWERS_NICE);
    for (const version of versions) {
      writeFiles(src, { 'version.txt': version });
      gitSave(src, version);
    }
    const dst = newDst();
    await copy(src, dst);
    expect(read(dst, 'version.txt')).toBe('v1.0.1');
    expect(answersOf(dst)._commit).toBe('v1.0.1');
  });

  it('copies a dirty local template as it stands, untracked files included, with a warning', async () => {
    const src = folder({ 'version.txt': '0.1.0' });
    gitSave(src);
    writeFiles(src, { 'version.txt': '0.2.0', 'README.md': 'hello world' });
    const dst = newDst();
    const result = await copy(src, dst);
    expect(read(dst, 'version.txt')).toBe('0.2.0');
    expect(read(dst, 'README.md')).toBe('hello world');
    expect(result.warnings.join('\n')).toMatch(/uncommitted|dirty/i);
    expect(git(src, 'status', '--porcelain')).toBe('M version.txt\n?? README.md');
  });
});
