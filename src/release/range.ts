/**
 * Which of the listed commits come after each package's baseline: those not reachable from the
 * baseline commit. release-please approximates this by list position; walking parents is exact
 * for merged branches too, and on a linear history it is the same cut.
 */
import type { HistoryCommit } from './history.js';

/** Per package path, the shas after its baseline; undefined when every listed commit is. */
export function inRange(history: HistoryCommit[], baselines: Record<string, string | undefined>): Record<string, Set<string> | undefined> {
  const index = new Map<string, number>();
  history.forEach((commit, i) => index.set(commit.sha, i));
  const linear = history.every((c) => c.parents.length <= 1);
  const cache = new Map<string, Set<string>>();
  const out: Record<string, Set<string> | undefined> = {};
  for (const [path, base] of Object.entries(baselines)) {
    // A baseline outside the listed history is below all of it (or off the branch, checked by the caller).
    if (!base || !index.has(base)) {
      out[path] = undefined;
      continue;
    }
    let after = cache.get(base);
    if (!after) {
      after = linear ? new Set(history.slice(0, index.get(base)).map((c) => c.sha)) : notReachable(history, index, base);
      cache.set(base, after);
    }
    out[path] = after;
  }
  return out;
}

function notReachable(history: HistoryCommit[], index: Map<string, number>, base: string): Set<string> {
  const reachable = new Set<string>();
  const stack = [base];
  while (stack.length > 0) {
    const sha = stack.pop()!;
    if (reachable.has(sha) || !index.has(sha)) continue;
    reachable.add(sha);
    stack.push(...history[index.get(sha)!]!.parents);
  }
  return new Set(history.filter((c) => !reachable.has(c.sha)).map((c) => c.sha));
}
