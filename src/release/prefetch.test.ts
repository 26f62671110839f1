import { readdirSync } from 'node:fs';
import os from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { TestRepo } from '../../test/release/git-repo.js';
import { readHistory, type HistoryPrefetch } from './history.js';
import { planReleases } from './plan.js';
import { guessBases, prefetchHistory } from './prefetch.js';
import { readTags } from './tags.js';

let repos: TestRepo[] = [];
afterEach(() => {
  repos.forEach((r) => r.remove());
  repos = [];
});

function repo(): TestRepo {
  const r = new TestRepo();
  repos.push(r);
  return r;
}

/** Commits with the committer clock at `when` (seconds), to make histories git lists out of parent order. */
function commitAt(r: TestRepo, when: number, message: string, file: string): string {
  process.env.GIT_COMMITTER_DATE = `${when} +0000`;
  process.env.GIT_AUTHOR_DATE = `${when} +0000`;
  try {
    return r.commit(message, file);
  } finally {
    delete process.env.GIT_COMMITTER_DATE;
    delete process.env.GIT_AUTHOR_DATE;
  }
}

/**
 * A monorepo whose two packages were released at different commits, then a side branch with
 * skewed clocks merged back: the case where git's listing order is not the parent order.
 */
function skewedMonorepo(): TestRepo {
  const r = repo();
  r.setup({ packages: { a: { 'release-type': 'simple', component: 'a' }, b: { 'release-type': 'simple', component: 'b' } } }, { a: '1.0.0', b: '1.0.0' }, {}, ['a-v1.0.0']);
  commitAt(r, 1_700_000_100, 'fix(b): before b was released', 'b/x');
  r.git('tag', 'b-v1.0.0');
  commitAt(r, 1_700_000_200, 'feat(a): on main', 'a/x');
  r.git('checkout', '-q', '-b', 'side');
  commitAt(r, 1_600_000_000, 'fix(b): old clock on a branch', 'b/y');
  commitAt(r, 1_800_000_000, 'feat(b): future clock on a branch', 'b/z');
  r.git('checkout', '-q', 'main');
  commitAt(r, 1_700_000_300, 'fix(a): on main again', 'a/y');
  process.env.GIT_COMMITTER_DATE = '1700000400 +0000';
  try {
    r.git('merge', '-q', '--no-ff', '-m', 'Merge branch side', 'side');
  } finally {
    delete process.env.GIT_COMMITTER_DATE;
  }
  return r;
}

/** A prefetch whose output is `text`, recording whether it was cancelled. */
function fakePrefetch(head: string, bases: string[], stop: string[], text: string): HistoryPrefetch & { cancelled: boolean } {
  const fake = {
    head,
    bases,
    stop,
    cancelled: false,
    output: async () => Buffer.from(text),
    cancel: () => {
      fake.cancelled = true;
    },
  };
  return fake;
}

describe('history prefetch', () => {
  it('lists exactly the history the plan reads on its own, across merges and skewed clocks', async () => {
    const r = skewedMonorepo();
    const head = r.git('rev-parse', 'HEAD');
    const bases = [r.git('rev-parse', 'a-v1.0.0^{commit}'), r.git('rev-parse', 'b-v1.0.0^{commit}')].sort();
    const prefetched = (await prefetchHistory(r.dir))!;
    expect(prefetched.head).toBe(head);
    expect(prefetched.bases).toEqual(bases);
    prefetched.files.close();
    const fromPrefetch = await readHistory(r.dir, head, bases, prefetched);
    const direct = await readHistory(r.dir, head, bases);
    expect(fromPrefetch).toEqual(direct);
    expect(direct.map((c) => c.message)).toContain('fix(b): old clock on a branch');
  });

  it('gives the same plan as reading without it', async () => {
    const r = skewedMonorepo();
    const without = await planReleases({ dir: r.dir, date: '2025-01-01' });
    const prefetched = (await prefetchHistory(r.dir))!;
    expect(await prefetched.files.read('.release-please-manifest.json')).toContain('"a"');
    const withIt = await planReleases({ dir: r.dir, date: '2025-01-01', prefetched });
    expect(withIt).toEqual(without);
    expect(withIt.releases.map((x) => [x.path, x.next])).toEqual([
      ['a', '1.1.0'],
      ['b', '1.1.0'],
    ]);
  });

  it('is used only when asked for the same head and stopping points; otherwise cancelled and read afresh', async () => {
    const r = skewedMonorepo();
    const head = r.git('rev-parse', 'HEAD');
    const base = r.git('rev-parse', 'a-v1.0.0^{commit}');
    const marker = `\0${'f'.repeat(40)} \0feat: only in the prefetch\0only/here`;
    expect((await readHistory(r.dir, head, [base], fakePrefetch(head, [base], [base], marker))).map((c) => c.message)).toEqual(['feat: only in the prefetch']);

    const direct = await readHistory(r.dir, head, [base]);
    const otherBases = fakePrefetch(head, ['0'.repeat(40)], ['0'.repeat(40)], marker);
    expect(await readHistory(r.dir, head, [base], otherBases)).toEqual(direct);
    expect(otherBases.cancelled).toBe(true);
    const otherHead = fakePrefetch('e'.repeat(40), [base], [base], marker);
    expect(await readHistory(r.dir, head, [base], otherHead)).toEqual(direct);
    expect(otherHead.cancelled).toBe(true);
  });

  it('falls back to reading afresh when its git failed', async () => {
    const r = skewedMonorepo();
    const head = r.git('rev-parse', 'HEAD');
    const failed = { ...fakePrefetch(head, [], [], ''), output: async () => undefined };
    expect(await readHistory(r.dir, head, [], failed)).toEqual(await readHistory(r.dir, head, []));
  });

  it('gives no output once cancelled, and leaves no file behind, cancelled or used', async () => {
    const r = skewedMonorepo();
    const prefetched = (await prefetchHistory(r.dir))!;
    prefetched.cancel();
    prefetched.files.close();
    expect(await prefetched.output()).toBeUndefined();
    const used = (await prefetchHistory(r.dir))!;
    used.files.close();
    expect((await used.output())?.length).toBeGreaterThan(0);
    expect(readdirSync(os.tmpdir()).filter((name) => name.startsWith(`paved-log-${process.pid}-`))).toEqual([]);
  });

  it('starts nothing outside a repository or before the first commit', async () => {
    const r = repo();
    expect(await prefetchHistory(r.dir)).toBeUndefined();
    expect(await prefetchHistory(os.tmpdir())).toBeUndefined();
    expect(await prefetchHistory(`${r.dir}/missing`)).toBeUndefined();
  });
});

describe('guessing the baselines without the release engine', () => {
  it('takes the exact tag of an explicit component, any tag of the version otherwise, and the whole history for an unreleased package', async () => {
    const r = repo();
    r.setup({ packages: { a: { 'release-type': 'simple', component: 'a' }, web: { 'release-type': 'node' } } }, { a: '1.0.0', web: '2.0.0' }, {}, ['a-v1.0.0', 'b-v1.0.0']);
    const first = r.git('rev-parse', 'HEAD');
    const second = r.commit('chore: more');
    r.git('tag', 'web-v2.0.0');
    r.git('tag', 'v2.0.0');
    const third = r.commit('chore: even more');
    r.git('tag', 'other-v12.0.0');
    const tags = await readTags(r.dir);
    expect(guessBases(r.dir, tags)).toEqual([first, second].sort());

    r.write({ 'release-please-config.json': JSON.stringify({ packages: { a: { component: 'a' }, c: {} } }) });
    expect(guessBases(r.dir, tags)).toEqual([]);
    r.write({ 'release-please-config.json': JSON.stringify({ 'bootstrap-sha': third, packages: { a: { component: 'a' }, c: {} } }) });
    expect(guessBases(r.dir, tags)).toEqual([first, third].sort());
    r.write({ 'release-please-config.json': JSON.stringify({ 'last-release-sha': second, packages: { a: {} } }) });
    expect(guessBases(r.dir, tags)).toEqual([second]);
    r.write({ 'release-please-config.json': '{ not json' });
    expect(guessBases(r.dir, tags)).toBeUndefined();
  });
});
