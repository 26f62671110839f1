import { describe, expect, it } from 'vitest';
import { pathMatcher } from './matcher.js';

describe('exclude patterns (gitwildmatch, as Copier matches them)', () => {
  it('matches names anywhere, folders with everything below them, and anchored paths', () => {
    const match = pathMatcher(['*.pyc', 'build/', '/top.txt']);
    expect(match('a/b/c.pyc')).toBe(true);
    expect(match('build/x/y.txt')).toBe(true);
    expect(match('top.txt')).toBe(true);
    expect(match('sub/top.txt')).toBe(false);
    expect(match('src/main.py')).toBe(false);
  });

  it('lets the last matching pattern win, so ! re-includes even inside an excluded folder', () => {
    const match = pathMatcher(['docs', '!docs/keep.md']);
    expect(match('docs/drop.md')).toBe(true);
    expect(match('docs/keep.md')).toBe(false);
    expect(pathMatcher(['!a.txt', '*.txt'])('a.txt')).toBe(true);
  });

  it('ignores blank lines and comments', () => {
    expect(pathMatcher(['', '  ', '# comment'])('# comment')).toBe(false);
  });
});
