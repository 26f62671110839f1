import { describe, expect, it } from 'vitest';
import { isValidBranchName } from '../forge/local/ref-name.js';
import { InputError } from '../errors.js';
import { parseShard, shardOf, updateBranches } from './run.js';
import type { FleetComponent } from './types.js';

describe('parseShard', () => {
  it('reads I/N', () => {
    expect(parseShard('1/1')).toEqual({ index: 1, total: 1 });
    expect(parseShard('2/4')).toEqual({ index: 2, total: 4 });
    expect(parseShard('12/12')).toEqual({ index: 12, total: 12 });
  });

  it.each(['0/2', '3/2', '1/0', '0/0', '-1/2', '1/-2', 'a/b', '1-2', '1/2/3', '1/', '/2', '', ' 1/2', '1.5/2'])('refuses %j with an InputError naming the field', (shard) => {
    let caught: unknown;
    try {
      parseShard(shard);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).details).toEqual({ field: 'shard' });
    expect((caught as InputError).message).toBe(`--shard '${shard}': expected I/N with 1 <= I <= N, e.g. 2/4`);
  });
});

describe('shardOf', () => {
  const repos = Array.from({ length: 200 }, (_, i) => `acme/service-${i}`);

  it('is a pure function of the repository name: the same shard on every machine and run', () => {
    // Pinned values: changing the hash would reshuffle every CI matrix mid-rollout.
    expect([shardOf('acme/orders-api', 2), shardOf('acme/orders-api', 4), shardOf('acme/orders-api', 16)]).toEqual([1, 3, 7]);
    expect([shardOf('acme/mono', 2), shardOf('acme/mono', 4), shardOf('acme/mono', 16)]).toEqual([2, 4, 4]);
    for (const repo of repos.slice(0, 20)) expect(shardOf(repo, 5)).toBe(shardOf(repo, 5));
  });

  it('puts every repository in exactly one shard from 1 to N, and spreads them over all shards', () => {
    for (const total of [1, 2, 3, 7]) {
      const counts = new Array<number>(total).fill(0);
      for (const repo of repos) {
        const shard = shardOf(repo, total);
        expect(shard).toBeGreaterThanOrEqual(1);
        expect(shard).toBeLessThanOrEqual(total);
        counts[shard - 1]! += 1;
      }
      expect(counts.every((c) => c > 0), `${total}: ${counts.join(',')}`).toBe(true);
    }
  });
});

describe('updateBranches', () => {
  const component = (path: string, name = 'orders-api', repo = 'mono'): FleetComponent => ({ component: name, path, answersFile: `${path ? `${path}/` : ''}.copier-answers.yml`, repo: { owner: 'acme', name: repo, fullName: `acme/${repo}`, defaultBranch: 'main' } });
  const branchFor = (c: FleetComponent, grouped: boolean, all: FleetComponent[] = [c]) => updateBranches(all, grouped)(c);

  it('names the branch after the component, or its subproject folder, or one per repository when grouped', () => {
    expect(branchFor(component(''), false)).toBe('paved/template-update/orders-api');
    expect(branchFor(component('services/api'), false)).toBe('paved/template-update/services--api');
    expect(branchFor(component('services/api'), true)).toBe('paved/template-update-grouped');
    expect(branchFor(component('odd path/with~chars'), false)).toMatch(/^paved\/template-update\/odd-path--with-chars-[0-9a-f]{8}$/);
  });

  it('never gives two folders of one repository the same branch, and every name is one git accepts', () => {
    const folders = ['services/api', 'services-api', 'services--api', 'services/api/v2', 'a b', 'a-b', 'a_b', '.hidden/x', 'x/..y', 'db.lock/x', 'x/y.lock', 'ünï/côdé', '~', '-lead', 'v1.2'];
    const names = folders.map((f) => branchFor(component(f), false));
    expect(new Set(names).size).toBe(folders.length);
    for (const name of names) expect(isValidBranchName(name), name).toBe(true);
  });

  it('gives a folder named like its repository’s root component a branch of its own, whatever the filter selects', () => {
    const root = component('', 'docs');
    const folder = component('docs', 'docs-site');
    const elsewhere = component('docs', 'docs-site', 'other');
    const names = updateBranches([root, folder, elsewhere], false);
    expect(names(root)).toBe('paved/template-update/docs');
    expect(names(folder)).toMatch(/^paved\/template-update\/docs-[0-9a-f]{8}$/);
    // Another repository has no root component called docs: its folder keeps the plain name.
    expect(names(elsewhere)).toBe('paved/template-update/docs');
    expect(isValidBranchName(names(folder))).toBe(true);
  });

  it('never names the grouped branch as a folder of the per-component ones (git could not hold both refs)', () => {
    const grouped = branchFor(component('services/api'), true);
    const single = branchFor(component('services/api'), false);
    expect(single.startsWith(`${grouped}/`)).toBe(false);
    expect(grouped.startsWith(`${single}/`)).toBe(false);
  });
});
