/**
 * The same histories through release-please 17.9 itself (its Manifest over a git-backed Scm)
 * and through Paved: same versions, changelog entries, pull request titles, branches and bodies,
 * and the same files (with the same text) in each release pull request's commit.
 */
import { Manifest } from 'release-please/build/src/manifest.js';
import { GitHub } from 'release-please/build/src/github.js';
import { setLogger } from 'release-please/build/src/util/logger.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CommitFiles } from '../../src/release/files.js';
import { readHistory } from '../../src/release/history.js';
import { draftReleases } from '../../src/release/plan.js';
import { localScm } from '../../src/release/scm.js';
import { silentLogger } from '../../src/release/silent-logger.js';
import { readTags } from '../../src/release/tags.js';
import { TestRepo } from './git-repo.js';

const DATE = '2025-03-04';
const REPOSITORY = { owner: 'acme', repo: 'app', defaultBranch: 'main' };
let repos: TestRepo[] = [];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${DATE}T12:00:00Z`));
  setLogger(silentLogger);
});
afterEach(() => {
  vi.useRealTimers();
  repos.forEach((r) => r.remove());
  repos = [];
});

/** release-please's Scm over local git: files from HEAD, tags, and the history with files; no releases or pull requests. */
async function gitScm(r: TestRepo): Promise<{ scm: GitHub; close: () => void }> {
  const dir = r.dir;
  const head = r.git('rev-parse', 'HEAD');
  const files = new CommitFiles(dir, head);
  const base = localScm(files, REPOSITORY) as unknown as Record<string, unknown>;
  const tags = await readTags(dir);
  const history = await readHistory(dir, head, []);
  const extra: Record<string, unknown> = {
    releaseIterator: async function* () {},
    tagIterator: async function* () {
      for (const [name, sha] of tags) yield { name, sha };
    },
    mergeCommitIterator: async function* () {
      for (const c of history) yield { sha: c.sha, message: c.message, files: c.files };
    },
  };
  const scm = new Proxy(base, { get: (target, name) => (typeof name === 'string' && name in extra ? extra[name] : target[name as string]) }) as unknown as GitHub;
  return { scm, close: () => files.close() };
}

async function compare(r: TestRepo) {
  const { scm, close } = await gitScm(r);
  try {
    const manifest = await Manifest.fromManifest(scm, 'main', undefined, undefined, { logger: silentLogger, commitSearchDepth: 10_000 });
    const theirs = await manifest.buildPullRequests();
    const draft = await draftReleases({ dir: r.dir, date: DATE, repository: { host: 'https://github.com', owner: 'acme', repo: 'app' } });
    const ours = draft.plan;
    expect(ours.pullRequests.map((p) => ({ title: p.title, branch: p.branch, body: p.body, labels: p.labels }))).toEqual(
      theirs.map((p) => ({ title: p.title.toString(), branch: p.headRefName, body: p.body.toString(), labels: p.labels })),
    );
    const theirNotes = theirs.flatMap((p) => p.body.releaseData.map((d) => ({ version: d.version?.toString(), notes: d.notes })));
    expect(ours.releases.map((x) => ({ version: x.next, notes: x.changelog })).sort((a, b) => a.notes.localeCompare(b.notes))).toEqual(
      theirNotes.sort((a, b) => a.notes.localeCompare(b.notes)),
    );
    // The files each release pull request commits: release-please's own change set (its GitHub client's buildChangeSet over the same files).
    for (const pr of theirs) {
      const changes = (await GitHub.prototype.buildChangeSet.call({ getFileContentsOnBranch: scm.getFileContentsOnBranch.bind(scm), logger: silentLogger }, pr.updates, 'main')) as Map<string, { content: string }>;
      const expected = [...changes].map(([path, change]) => ({ path, content: change.content })).sort((a, b) => (a.path < b.path ? -1 : 1));
      expect(expected.length).toBeGreaterThan(1);
      expect(draft.changes[pr.headRefName]).toEqual(expected);
    }
    return ours;
  } finally {
    close();
  }
}

describe('cross-check with release-please 17.9', () => {
  it('a single node package', async () => {
    const r = new TestRepo();
    repos.push(r);
    r.setup({ packages: { '.': { 'release-type': 'node' } } }, { '.': '1.4.0' }, { 'package.json': '{\n  "name": "app",\n  "version": "1.4.0"\n}\n' }, ['app-v1.4.0']);
    r.commit('fix: handle empty input (#3)', 'src/a.ts');
    r.commit('feat(api): add search\n\nLonger description.\n\nRefs: #12\nSigned-off-by: A <a@example.invalid>', 'src/b.ts');
    r.commit('perf: faster @bob', 'src/c.ts');
    r.commit('chore: not listed', 'src/d.ts');
    const ours = await compare(r);
    expect(ours.releases[0]!.next).toBe('1.5.0');
  });

  it('a monorepo of helm, terraform-module, node and nested simple packages', async () => {
    const r = new TestRepo();
    repos.push(r);
    r.setup(
      {
        'bump-minor-pre-major': true,
        packages: {
          'charts/app': { 'release-type': 'helm' },
          'modules/net': { 'release-type': 'terraform-module', component: 'net' },
          'packages/web': { 'release-type': 'node' },
          'packages/web/plugin': { 'release-type': 'simple', component: 'plugin' },
        },
      },
      { 'charts/app': '1.2.3', 'modules/net': '0.4.0', 'packages/web': '0.9.1', 'packages/web/plugin': '2.0.0' },
      {
        'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 1.2.3\n',
        'modules/net/versions.tf': 'terraform {}\n',
        'packages/web/package.json': '{\n  "name": "@acme/web",\n  "version": "0.9.1"\n}\n',
      },
      ['app-v1.2.3', 'net-v0.4.0', 'web-v0.9.1', 'plugin-v2.0.0'],
    );
    r.commit('feat(chart): add ingress', 'charts/app/values.yaml');
    r.commit('fix(net): correct CIDR', 'modules/net/main.tf');
    r.commit('docs: readme', 'README.md');
    r.commit('feat(web)!: new routing\n\nBREAKING CHANGE: routes moved', 'packages/web/src/r.ts');
    r.commit('fix(plugin): nested package only', 'packages/web/plugin/x.ts');
    const ours = await compare(r);
    expect(Object.fromEntries(ours.releases.map((x) => [x.path, x.next]))).toEqual({
      'charts/app': '1.3.0',
      'modules/net': '0.4.1',
      'packages/web': '0.10.0',
      'packages/web/plugin': '2.0.1',
    });
  });
});
