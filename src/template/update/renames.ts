import type { Side } from './decide.js';

const MIN_SIMILARITY = 0.5;

/**
 * Files the template moved between versions: a path only in the old render paired with a path
 * only in the new one whose content is the same or mostly the same (git's 50% default). Copier
 * has no rename handling and drops project edits to moved files; pairing them lets the edit follow.
 */
export function detectRenames(base: Map<string, Side>, theirs: Map<string, Side>): Map<string, string> {
  const removed = [...base.keys()].filter((p) => !theirs.has(p));
  const added = [...theirs.keys()].filter((p) => !base.has(p));
  const pairs = new Map<string, string>();
  if (removed.length === 0 || added.length === 0) return pairs;
  const candidates: Array<{ from: string; to: string; score: number }> = [];
  for (const from of removed) {
    const before = base.get(from)!;
    for (const to of added) {
      const score = similarity(before.data, theirs.get(to)!.data);
      if (score >= MIN_SIMILARITY) candidates.push({ from, to, score: score + (basename(from) === basename(to) ? 0.001 : 0) });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const usedTo = new Set<string>();
  for (const { from, to } of candidates) {
    if (pairs.has(from) || usedTo.has(to)) continue;
    pairs.set(from, to);
    usedTo.add(to);
  }
  return pairs;
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** Share of lines the two files have in common (Dice coefficient over line multisets). */
export function similarity(a: Buffer, b: Buffer): number {
  if (a.equals(b)) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const linesA = a.toString('utf8').split('\n');
  const linesB = b.toString('utf8').split('\n');
  const counts = new Map<string, number>();
  for (const line of linesA) counts.set(line, (counts.get(line) ?? 0) + 1);
  let common = 0;
  for (const line of linesB) {
    const n = counts.get(line) ?? 0;
    if (n > 0) {
      common++;
      counts.set(line, n - 1);
    }
  }
  return (2 * common) / (linesA.length + linesB.length);
}
