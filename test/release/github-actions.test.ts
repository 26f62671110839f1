/**
 * `paved release pr` as the shipped release workflow runs it in a GitHub Actions job: no
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
const actionsEnv = () => jobEnv(fake, 'acme/app');

describe('paved release pr in a GitHub Actions job (fake GitHub API, real git over HTTP)', () => {
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
      .on('GET /repos/acme/app/git/ref/heads/main', () => ({ body: gh.ref('refs/heads/main', bareGit('rev-parse', 'refs/heads/main')) }), { times: 'many' });
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
});
