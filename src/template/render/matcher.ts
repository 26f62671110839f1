import ignore from 'ignore';

/** gitignore-style matching, as Copier matches `_exclude` and `_skip_if_exists` (pathspec's gitwildmatch). */
export function pathMatcher(patterns: string[]): (path: string) => boolean {
  const active = patterns.filter((pattern) => pattern.trim() !== '');
  if (active.length === 0) return () => false;
  const matcher = ignore({ allowRelativePaths: true }).add(active.map((pattern) => pattern.normalize('NFD')));
  return (path) => matcher.ignores(path.normalize('NFD'));
}
