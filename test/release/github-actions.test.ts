/**
 * `paved release pr | tag` as the shipped release workflow runs them in a GitHub Actions job: no
 * workspace, the job's GITHUB_TOKEN, GITHUB_API_URL and GITHUB_SERVER_URL, inside the checkout.
 * GitHub itself cannot run here: its API is a fake (GitHub-shaped answers, branch heads read
 * from a real bare repository), and git clones and pushes over real smart HTTP through git's
 * own http-backend.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub, gh } from '../../src/forge/github/fake-github-server.js';
import { actionsEnv as jobEnv, recordPullRequests, type RecordedPulls } from '../support/github-actions.js';
import { exec, PAVED } from '../support/exec.js';
import { TestRepo } from './git-repo.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'paved-release-actions-'));
const bare = path.join(root, 'github', 'acme', 'app.git');
const bareGit = (...args: string[]) => execFileSync('git', args, { cwd: bare, encoding: 'utf8' }).trim();
let fake: FakeGitHub;
let checkout: TestRepo;
let pulls: RecordedPulls;
const releases = new Map<string, { tag_name: string; name: string; body: string }>();
function revParse(name: string): string | undefined {
  try {
    return bareGit('rev-parse', '--verify', '--quiet', `${name}^{commit}`);
  } catch {
    return undefined;
  }
}
function tagsOfBare() {
  const listed = bareGit('for-each-ref', '--format=%(refname:short) %(*objectname)%(objectname)', 'refs/tags');
  return listed ? listed.split('\n').map((line) => ({ name: line.split(' ')[0]!, commit: { sha: line.split(' ')[1]!.slice(-40) } })) : [];
}
const actionsEnv = () => jobEnv(fake, 'acme/app');

describe('paved release pr | tag in a GitHub Actions job (fake GitHub API, real git over HTTP)', () => {
  beforeAll(async () => {
    checkout = new TestRepo();
    checkout.setup({ packages: { '.': { 'release-type': 'simple' } } }, { '.': '0.3.0' }, { 'version.txt': '0.3.0\n' }, ['v0.3.0']);
    checkout.commit('feat: export the orders as CSV', 'src/orders.ts');
    mkdirSync(path.dirname(bare), { recursive: true });
    execFileSync('git', ['clone', '-q', '--bare', checkout.dir, bare]);
    checkout.git('remote', 'add', 'origin', 'placeholder');

    fake = (await FakeGitHub.start({ prefix: '/api/v3' })).serveGit(path.join(root, 'github'));
    checkout.git('remote', 'set-url', 'origin', `${fake.origin}/acme/app.git`);
    fake
      .on('GET /repos/acme/app', { body: gh.repo('acme/app') }, { times: 'many' })
      .on('GET /repos/acme/app/git/ref/heads/main', () => ({ body: gh.ref('refs/heads/main', bareGit('rev-parse', 'refs/heads/main')) }), { times: 'many' })
      // Tags and releases, kept in the bare repository and here.
      .on('GET /repos/acme/app/tags', () => ({ body: tagsOfBare() }), { times: 'many' })
      .on('GET /repos/acme/app/git/ref/tags/:tag', (r) => (revParse(`refs/tags/${r.params.tag}`) ? { body: gh.ref(`refs/tags/${r.params.tag}`, revParse(`refs/tags/${r.params.tag}`)!) } : { status: 404, body: { message: 'Not Found' } }), { times: 'many' })
      .on(
        'POST /repos/acme/app/git/refs',
        (r) => {
          const { ref, sha } = r.body as { ref: string; sha: string };
          bareGit('update-ref', ref, sha, '0'.repeat(40));
          return { status: 201, body: gh.ref(ref, sha) };
        },
        { times: 'many' },
      )
      .on('GET /repos/acme/app/releases/tags/:tag', (r) => (releases.has(r.params.tag!) ? { body: releases.get(r.params.tag!) } : { status: 404, body: { message: 'Not Found' } }), { times: 'many' })
      .on(
        'POST /repos/acme/app/releases',
        (r) => {
          const input = r.body as { tag_name: string; name: string; body: string; prerelease: boolean };
          const release = { id: releases.size + 1, ...input, html_url: `${fake.origin}/acme/app/releases/tag/${input.tag_name}`, created_at: '2026-01-02T10:00:00Z' };
          releases.set(input.tag_name, release);
          return { status: 201, body: release };
        },
        { times: 'many' },
      );
    pulls = recordPullRequests(fake, 'acme/app', (branch) => bareGit('rev-parse', `refs/heads/${branch}`));
  });
  afterAll(async () => {
    await fake?.close();
    checkout?.remove();
    rmSync(root, { recursive: true, force: true });
  });

  it('with --dry-run plans the release from the forge\'s branch and pushes and opens nothing', async () => {
    const ran = await exec(PAVED, ['release', 'pr', '--date', '2026-01-02', '--dry-run', '--json'], { cwd: checkout.dir, env: actionsEnv() });
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ repo: 'acme/app', dryRun: true, pullRequests: [{ outcome: 'created', branch: 'release-please--branches--main', releases: [{ tag: 'v0.4.0' }] }] });
    expect(pulls.opened).toEqual([]);
    expect(fake.gitRequests.some((r) => r.path.endsWith('git-receive-pack'))).toBe(false);
  });

  it('pushes the release branch over HTTP with the job\'s token and opens the labelled release pull request', async () => {
    const ran = await exec(PAVED, ['release', 'pr', '--date', '2026-01-02', '--json'], { cwd: checkout.dir, env: actionsEnv() });
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ repo: 'acme/app', pullRequests: [{ outcome: 'created', number: 1, releases: [{ tag: 'v0.4.0' }] }] });

    const branch = 'release-please--branches--main';
    expect(bareGit('show', `${branch}:version.txt`)).toBe('0.4.0');
    expect(bareGit('show', `${branch}:CHANGELOG.md`)).toContain('export the orders as CSV');
    expect(bareGit('log', '-1', '--format=%an|%(trailers:key=Paved-Release,valueonly)', branch)).toBe(`Paved release|${branch}`);
    expect(pulls.opened).toMatchObject([{ head: branch, base: 'main', title: 'chore(main): release 0.4.0' }]);
    expect(pulls.opened[0]!.body).toContain('export the orders as CSV');
    expect(pulls.labelled).toEqual([['autorelease: pending']]);
    const pushes = fake.gitRequests.filter((r) => r.path.endsWith('git-receive-pack'));
    expect(pushes.length).toBeGreaterThan(0);
    expect(fake.gitRequests.every((r) => r.authorized)).toBe(true);
  });

  it('after the merge, release tag tags the merge commit, creates the GitHub release with the changelog, and swaps the label; a rerun does nothing', async () => {
    // Someone merges pull request #1 on GitHub: a merge commit on main.
    const branchHead = bareGit('rev-parse', 'refs/heads/release-please--branches--main');
    const main = bareGit('rev-parse', 'refs/heads/main');
    const merge = bareGit('commit-tree', `${branchHead}^{tree}`, '-p', main, '-p', branchHead, '-m', 'Merge pull request #1 from acme/release-please--branches--main');
    bareGit('update-ref', 'refs/heads/main', merge, main);
    pulls.merge(1, merge);

    const ran = await exec(PAVED, ['release', 'tag', '--json'], { cwd: checkout.dir, env: actionsEnv() });
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ repo: 'acme/app', tags: ['v0.4.0'], releases: [{ tag: 'v0.4.0', tagOutcome: 'created', release: { outcome: 'created' } }] });
    expect(revParse('refs/tags/v0.4.0')).toBe(merge);
    expect(releases.get('v0.4.0')).toMatchObject({ tag_name: 'v0.4.0', name: 'v0.4.0' });
    expect(releases.get('v0.4.0')!.body).toContain('export the orders as CSV');
    expect(pulls.labelled.at(-1)).toEqual(['autorelease: tagged']);

    const again = await exec(PAVED, ['release', 'tag', '--json'], { cwd: checkout.dir, env: actionsEnv() });
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ repo: 'acme/app', tags: [], releases: [], pullRequests: [] });
  });
});
