import { describe, expect, it } from 'vitest';
import { resolveInside, resolveThroughLinks, safeRelativePath } from './paths.js';

describe('rendered paths stay inside the destination', () => {
  it('keeps ordinary nested paths and drops ./ segments', () => {
    expect(safeRelativePath('src/./app/main.py', 't')).toBe('src/app/main.py');
  });

  it('drops a path whose segment rendered empty, as Copier does', () => {
    expect(safeRelativePath('src//main.py', 't')).toBeUndefined();
    expect(safeRelativePath('', 't')).toBeUndefined();
  });

  it.each(['../x', 'a/../../x', '/etc/passwd', 'C:\\x', 'a\\..\\x', 'a\0b', '.git/config', 'sub/.GIT/hooks/pre-commit', '.git./HEAD', 'GIT~1/config'])('refuses %j', (bad) => {
    expect(() => safeRelativePath(bad, '{{ where }}')).toThrow(/refusing to write/);
  });

  it('follows links through one another, refusing chains that leave the root', () => {
    const links = new Map([['sub/b', '..'], ['x', 'sub/b/..']]);
    expect(resolveThroughLinks('x', links)).toBeUndefined();
    expect(resolveThroughLinks('sub/b/file', links)).toBe('file');
    expect(resolveThroughLinks('a', new Map([['a', 'b'], ['b', 'a']]))).toBeUndefined();
  });

  it('resolves symlink targets only inside the root', () => {
    expect(resolveInside('a/link', '../b/file')).toBe('b/file');
    expect(resolveInside('a/link', '../../etc/passwd')).toBeUndefined();
    expect(resolveInside('link', '/etc/passwd')).toBeUndefined();
  });
});
