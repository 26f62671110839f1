import ignore, { type Ignore } from 'ignore';

/**
 * Copier's `_exclude` / `_skip_if_exists` matching (pathspec's gitwildmatch): each pattern
 * matches a path or anything below it, and the last matching pattern wins, `!` re-including.
 * Unlike git, a `!pattern` can re-include a file inside an excluded folder, as Copier allows.
 */
export function pathMatcher(patterns: string[]): (path: string) => boolean {
  const rules: Array<{ include: boolean; matcher: Ignore }> = [];
  for (const raw of patterns) {
    const pattern = raw.trim() === '' || raw.startsWith('#') ? '' : raw;
    if (!pattern) continue;
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    if (!body) continue;
    rules.push({ include: negated, matcher: ignore({ allowRelativePaths: true }).add(body.normalize('NFD')) });
  }
  if (rules.length === 0) return () => false;
  return (path) => {
    const normalised = path.normalize('NFD');
    for (let i = rules.length - 1; i >= 0; i--) {
      if (rules[i]!.matcher.ignores(normalised)) return !rules[i]!.include;
    }
    return false;
  };
}
