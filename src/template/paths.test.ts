import { describe, expect, it } from 'vitest';
import { resolveInside, safeRelativePath } from './paths.js';

describe('rendered paths stay inside the destination', () => {
  it('keeps ordinary nested paths and drops ./ segments', () => {
    expect(safeRelativePath('src/./app/main.py', 't')).toBe('src/app/main.py');
  });

  it('drops a path whose segment rendered empty, as Copier does', () => {
    expect(safeRelativePath('src//main.py', 't')).toBeUndefined();
    expect(safeRelativePath('', 't')).toBeUndefined();
  });

  it.each(['../x', 'a/../../x', '/etc/passwd', 'C:\\x', 'a\\..\\x', 'a\0b'])('refuses %j', (bad) => {
    expect(() => safeRelativePath(bad, '{{ where }}')).toThrow(/refusing to write/);
  });

  it('resolves symlink targets only inside the root', () => {
    expect(resolveInside('a/link', '../b/file')).toBe('b/file');
    expect(resolveInside('a/link', '../../etc/passwd')).toBeUndefined();
    expect(resolveInside('link', '/etc/passwd')).toBeUndefined();
  });
});
