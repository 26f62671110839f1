import { afterEach, describe, expect, it } from 'vitest';
import { planReleases } from '../../src/release/plan.js';
import { TestRepo } from './git-repo.js';

const DATE = '2025-03-04';
const repos: TestRepo[] = [];
function repo(): TestRepo {
  const r = new TestRepo();
  repos.push(r);
  return r;
}
afterEach(() => repos.splice(0).forEach((r) => r.remove()));

async function plan(r: TestRepo) {
  return planReleases({ dir: r.dir, date: DATE, repository: { host: 'https://github.com', owner: 'acme', repo: 'app' } });
}

describe('release plan per release type', () => {
  const cases: Array<{ type: string; files: Record<string, string>; component: string; tag: string; updated: string }> = [
    { type: 'node', files: { 'package.json': '{\n  "name": "@acme/app",\n  "version": "1.4.0"\n}\n' }, component: 'app', tag: 'app-v1.5.0', updated: 'package.json' },
    { type: 'helm', files: { 'Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 1.4.0\n' }, component: 'chart', tag: 'chart-v1.5.0', updated: 'Chart.yaml' },
    { type: 'terraform-module', files: { 'main.tf': '', 'versions.tf': 'terraform {}\n' }, component: '', tag: 'v1.5.0', updated: 'CHANGELOG.md' },
    { type: 'simple', files: { 'version.txt': '1.4.0\n' }, component: '', tag: 'v1.5.0', updated: 'version.txt' },
    { type: 'go', files: { 'go.mod': 'module example.com/app\n' }, component: '', tag: 'v1.5.0', updated: 'CHANGELOG.md' },
    { type: 'python', files: { 'pyproject.toml': '[project]\nname = "app"\nversion = "1.4.0"\n' }, component: '', tag: 'v1.5.0', updated: 'pyproject.toml' },
  ];
  for (const c of cases) {
    it(`${c.type}: a feature bumps the minor version, with release-please's changelog and tag`, async () => {
      const r = repo();
      const previous = c.component ? `${c.component}-v1.4.0` : 'v1.4.0';
      r.setup({ packages: { '.': { 'release-type': c.type } } }, { '.': '1.4.0' }, c.files, [previous]);
      const fix = r.commit('fix: handle empty input', 'src/a.txt');
      const feat = r.commit('feat(api): add search (#12)', 'src/b.txt');
      const docs = r.commit('docs: typo', 'README.md');
      const result = await plan(r);
      expect(result.releases).toHaveLength(1);
      const [release] = result.releases;
      expect(release).toMatchObject({ path: '.', component: c.component, current: '1.4.0', next: '1.5.0', tag: c.tag, commits: 3 });
      expect(release!.changelog).toBe(
        [
          `## [1.5.0](https://github.com/acme/app/compare/${previous}...${c.tag}) (${DATE})`,
          '',
          '',
          '### Features',
          '',
          `* **api:** add search ([#12](https://github.com/acme/app/issues/12)) ([${feat.slice(0, 7)}](https://github.com/acme/app/commit/${feat}))`,
          '',
          '',
          '### Bug Fixes',
          '',
          `* handle empty input ([${fix.slice(0, 7)}](https://github.com/acme/app/commit/${fix}))`,
          // release-please's python strategy shows documentation changes too.
          ...(c.type === 'python' ? ['', '', '### Documentation', '', `* typo ([${docs.slice(0, 7)}](https://github.com/acme/app/commit/${docs}))`] : []),
        ].join('\n'),
      );
      expect(result.pullRequests[0]!.files).toContain(c.updated);
      expect(result.pullRequests[0]!.title).toBe(`chore(main): release ${c.component ? `${c.component} ` : ''}1.5.0`);
    });
  }
});

describe('release plan versions', () => {
  it('pre-1.0: breaking changes bump the minor with bump-minor-pre-major, features the patch with bump-patch-for-minor-pre-major', async () => {
    const r = repo();
    r.setup(
      { 'bump-minor-pre-major': true, packages: { 'a': { 'release-type': 'simple', component: 'a' }, 'b': { 'release-type': 'simple', component: 'b', 'bump-patch-for-minor-pre-major': true }, 'c': { 'release-type': 'simple', component: 'c', 'bump-minor-pre-major': false } } },
      { a: '0.3.1', b: '0.3.1', c: '0.3.1' },
      {},
      ['a-v0.3.1', 'b-v0.3.1', 'c-v0.3.1'],
    );
    r.commit('feat!: new api', 'a/x');
    r.commit('feat: more', 'b/x');
    r.commit('feat!: gone', 'c/x');
    const result = await plan(r);
    expect(Object.fromEntries(result.releases.map((x) => [x.path, x.next]))).toEqual({ a: '0.4.0', b: '0.3.2', c: '1.0.0' });
  });

  it('a breaking change after 1.0 bumps the major and lists the note', async () => {
    const r = repo();
    r.setup({ packages: { '.': { 'release-type': 'simple' } } }, { '.': '2.1.0' }, {}, ['v2.1.0']);
    r.commit('refactor(core)!: drop the v1 routes\n\nBREAKING CHANGE: /v1 is gone, use /v2', 'src/x');
    const [release] = (await plan(r)).releases;
    expect(release!.next).toBe('3.0.0');
    expect(release!.changelog).toContain('### ⚠ BREAKING CHANGES\n\n* **core:** /v1 is gone, use /v2\n');
    expect(release!.changelog).toContain('### Code Refactoring\n\n* **core:** drop the v1 routes');
  });

  it('only counts commits after the baseline tag, and nothing user-facing means no release', async () => {
    const r = repo();
    r.setup({ packages: { '.': { 'release-type': 'simple' } } }, { '.': '1.0.0' }, {}, []);
    r.commit('feat: before the release', 'src/x');
    r.git('tag', 'v1.0.0');
    r.commit('chore: tidy', 'src/y');
    const result = await plan(r);
    expect(result.releases).toEqual([]);
    expect(result.unchanged).toEqual([{ path: '.', component: '', current: '1.0.0', commits: 1 }]);
  });
});

describe('release plan in a monorepo', () => {
  it('routes each commit to the most specific package, the root to all, and writes changelogs without links when there is no remote', async () => {
    const r = repo();
    r.setup(
      { packages: { '.': { 'release-type': 'simple', component: 'root' }, 'libs': { 'release-type': 'simple', component: 'libs' }, 'libs/core': { 'release-type': 'simple', component: 'core' } } },
      { '.': '1.0.0', libs: '1.0.0', 'libs/core': '1.0.0' },
      {},
      ['root-v1.0.0', 'libs-v1.0.0', 'core-v1.0.0'],
    );
    const core = r.commit('fix(core): nested', 'libs/core/x.ts');
    r.commit('feat: top', 'libs/y.ts');
    const result = await planReleases({ dir: r.dir, date: DATE });
    const next = Object.fromEntries(result.releases.map((x) => [x.path, [x.next, x.commits]]));
    expect(next).toEqual({ '.': ['1.1.0', 2], libs: ['1.1.0', 1], 'libs/core': ['1.0.1', 1] });
    const coreRelease = result.releases.find((x) => x.path === 'libs/core')!;
    expect(coreRelease.changelog).toBe(`## 1.0.1 (${DATE})\n\n\n### Bug Fixes\n\n* **core:** nested (${core.slice(0, 7)})`);
    expect(result.pullRequests).toHaveLength(1);
    expect(result.pullRequests[0]!.paths.sort()).toEqual(['.', 'libs', 'libs/core']);
  });

  it('linked-versions gives every component of the group the highest next version', async () => {
    const r = repo();
    r.setup(
      { plugins: [{ type: 'linked-versions', groupName: 'suite', components: ['a', 'b'] }], packages: { a: { 'release-type': 'simple', component: 'a' }, b: { 'release-type': 'simple', component: 'b' } } },
      { a: '1.0.0', b: '1.0.0' },
      {},
      ['a-v1.0.0', 'b-v1.0.0'],
    );
    r.commit('feat: big', 'a/x');
    r.commit('fix: small', 'b/x');
    const result = await plan(r);
    expect(Object.fromEntries(result.releases.map((x) => [x.path, x.next]))).toEqual({ a: '1.1.0', b: '1.1.0' });
  });
});

describe('release plan errors', () => {
  it('names the key of a broken config', async () => {
    const r = repo();
    r.setup({ packages: { 'charts/app': { 'release-type': 'helm', 'bump-minor-pre-major': 'yes' } } }, {}, {}, []);
    await expect(plan(r)).rejects.toThrow(/release-please-config\.json: packages\["charts\/app"\]\.bump-minor-pre-major is "yes"/);
  });

  it('refuses a release-as or initial-version that is not a version, and an unknown versioning strategy, naming the key', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ 'release-as': 'banana' }, /packages\["\."\]\.release-as is "banana": not a semantic version like "1\.2\.3"/],
      [{ 'initial-version': 'v-one' }, /packages\["\."\]\.initial-version is "v-one": not a semantic version/],
      [{ versioning: 'fastest' }, /packages\["\."\]\.versioning is "fastest": not a versioning strategy; use one of: .*always-bump-patch.*default/],
    ];
    for (const [options, message] of cases) {
      const r = repo();
      r.setup({ packages: { '.': { 'release-type': 'simple', ...options } } }, { '.': '1.0.0' }, { 'version.txt': '1.0.0\n' }, ['v1.0.0']);
      await expect(plan(r)).rejects.toMatchObject({ code: 'input', message: expect.stringMatching(message) });
    }
    // Values release-please takes still pass: empty means not set, a leading v is allowed.
    const accepted: Array<[Record<string, unknown>, string]> = [
      [{ 'release-as': '', versioning: '' }, '1.0.1'],
      [{ 'release-as': 'v2.0.0' }, '2.0.0'],
      [{ versioning: 'always-bump-minor' }, '1.1.0'],
    ];
    for (const [options, next] of accepted) {
      const r = repo();
      r.setup({ packages: { '.': { 'release-type': 'simple', ...options } } }, { '.': '1.0.0' }, { 'version.txt': '1.0.0\n' }, ['v1.0.0']);
      r.commit('fix: a', 'src/a.txt');
      expect((await plan(r)).releases[0], JSON.stringify(options)).toMatchObject({ next });
    }
  });

  it('names an unknown release type and lists the known ones', async () => {
    const r = repo();
    r.setup({ packages: { '.': { 'release-type': 'nodejs' } } }, {}, {}, []);
    await expect(plan(r)).rejects.toThrow(/release-type 'nodejs' is not a release type; use one of: .*node/);
  });

  it('says which baseline tag is missing and how to make it, spotting a tag without its component', async () => {
    const r = repo();
    r.setup({ packages: { web: { 'release-type': 'simple', component: 'web' }, api: { 'release-type': 'simple', component: 'api' } } }, { web: '0.9.1', api: '1.0.0' }, {}, ['v0.9.1', 'api-v1.0.0']);
    r.commit('feat: x', 'web/a');
    const error = (await plan(r).catch((e: unknown) => e)) as Error & { code: string; details: Record<string, unknown> };
    expect(error).toMatchObject({ code: 'input', details: { expectedTag: 'web-v0.9.1' } });
    expect(error.message).toMatch(/no tag 'web-v0\.9\.1' for package 'web' \(version 0\.9\.1 in \.release-please-manifest\.json\): tag the commit that released it \(git tag web-v0\.9\.1 <commit>\)/);
    expect(error.message).toMatch(/a tag 'v0\.9\.1' without the component exists.*git tag web-v0\.9\.1 v0\.9\.1\^\{commit\}/);
  });

  it('refuses packages that tag without a component in a monorepo', async () => {
    const r = repo();
    r.setup({ packages: { a: { 'release-type': 'simple' }, b: { 'release-type': 'simple' } } }, {}, {}, []);
    await expect(plan(r)).rejects.toThrow(/packages 'a' and 'b' both tag with no component, so their tags collide/);
  });

  it('says which file a release type needs when the commit lacks it, as an input error, not a bug', async () => {
    const r = repo();
    r.setup({ packages: { 'services/api': { 'release-type': 'node', component: 'api' } } }, { 'services/api': '1.0.0' }, {}, ['api-v1.0.0']);
    r.commit('feat: a', 'services/api/src/a.ts');
    await expect(plan(r)).rejects.toMatchObject({
      code: 'input',
      message: expect.stringMatching(/^services\/api\/package\.json is not in the commit being released, and its package's release type reads the version from it; commit it, or use release-type simple/),
      details: { file: 'services/api/package.json' },
    });
  });

  it('says when the folder is not a git repository or has no config', async () => {
    const r = repo();
    r.commit('chore: init');
    await expect(plan(r)).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/no release-please-config\.json/) });
    await expect(planReleases({ dir: '/' })).rejects.toMatchObject({ code: 'input', message: expect.stringMatching(/not inside a git repository/) });
  });
});
