/**
 * Which commits belong to which package, as release-please's CommitSplit and CommitExclude
 * decide: a file belongs to the most specific package path holding it; a commit that touches no
 * file belongs to every package; the root package "." gets every commit; `exclude-paths` drops
 * commits whose files (within the package) are all excluded. Uses a prefix map, not a scan of
 * every package per file.
 */
import type { Commit } from 'release-please/build/src/commit.js';

export const ROOT = '.';

/** release-please's normalizePaths: one leading and one trailing slash removed. */
export function normalizePath(path: string): string {
  return path.replace(/\/$/, '').replace(/^\//, '');
}

/** The commits of each package path, newest first. `commits` are the ones in range for any package. */
export function routeCommits(commits: Commit[], packagePaths: string[], excludePaths: Record<string, string[] | undefined>): Record<string, Commit[]> {
  const byPrefix = new Map<string, string>();
  for (const path of packagePaths) if (path !== ROOT) byPrefix.set(normalizePath(path), path);
  const routed: Record<string, Commit[]> = {};
  for (const path of packagePaths) routed[path] = [];
  const nonRoot = packagePaths.filter((p) => p !== ROOT);
  for (const commit of commits) {
    const files = commit.files ?? [];
    if (files.length === 0) {
      for (const path of nonRoot) routed[path]!.push(commit);
    } else {
      const seen = new Set<string>();
      for (const file of files) {
        const owner = owningPackage(file, byPrefix);
        if (owner !== undefined && !seen.has(owner)) {
          seen.add(owner);
          routed[owner]!.push(commit);
        }
      }
    }
    if (ROOT in routed) routed[ROOT]!.push(commit);
  }
  for (const [path, excluded] of Object.entries(excludePaths)) {
    if (!excluded || !routed[path]) continue;
    const patterns = excluded.map(normalizePath);
    routed[path] = routed[path]!.filter((commit) => keepDespiteExcludes(commit, path, patterns));
  }
  return routed;
}

/** The most specific package whose folder holds `file`; top-level files belong to none but the root. */
function owningPackage(file: string, byPrefix: Map<string, string>): string | undefined {
  for (let end = file.lastIndexOf('/'); end > 0; end = file.lastIndexOf('/', end - 1)) {
    const found = byPrefix.get(file.slice(0, end));
    if (found !== undefined) return found;
  }
  return undefined;
}

// CommitExclude.shouldInclude, including its edge: a commit with no files in the package counts as all excluded.
function keepDespiteExcludes(commit: Commit, path: string, excluded: string[]): boolean {
  const relevant = (file: string, p: string) => p === ROOT || file.indexOf(`${p}/`) === 0;
  if (!commit.files) return true;
  return !commit.files.filter((file) => relevant(file, path)).every((file) => excluded.some((p) => relevant(file, p)));
}
