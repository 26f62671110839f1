/**
 * `paved template sync` as the shipped template-sync workflow runs it in a GitHub Actions job (and
 * `paved fleet status` over the organisation):
 * no workspace, only the job's GITHUB_TOKEN, GITHUB_API_URL and GITHUB_SERVER_URL, inside a
 * checkout (of a monorepo's subproject, with `--answers-file`). GitHub itself cannot run here:
 * its API is a fake (GitHub-shaped answers read from a real bare repository), and git reaches
 * that repository over real smart HTTP through git's own http-backend.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub, gh, type FakeRequest } from '../../src/forge/github/fake-github-server.js';
import { actionsEnv as jobEnv, recordPullRequests, type RecordedPulls } from '../support/github-actions.js';
import { copyTemplate } from '../../src/template/index.js';
import { exec, PAVED } from '../support/exec.js';
import { commitAll, git, TemplateRepo } from '../support/fixtures.js';
import { ANSWERS_TEMPLATE, quiet } from '../support/templates.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'paved-actions-'));
const bare = path.join(root, 'github', 'acme', 'mono.git');
let fake: FakeGitHub;
let pulls: RecordedPulls;

const bareGit = (...args: string[]) => execFileSync('git', args, { cwd: bare, encoding: 'utf8' }).trim();
function revParse(expression: string): string | undefined {
  try {
    return bareGit('rev-parse', '--verify', '--quiet', expression);
  } catch {
    return undefined;
  }
}

/** GitHub's GraphQL `object(expression:)` over the bare repository: a commit's tree, or a folder. */
function objectAt(request: FakeRequest) {
  const expression = String(request.variables.expression);
  const named = revParse(expression);
  const tree = named && revParse(`${named}^{tree}`);
  if (!tree) return { body: { data: { repository: { object: null } } } };
  const entries = request.variables.entries
    ? bareGit('ls-tree', tree)
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [info = '', name = ''] = line.split('\t');
          const [mode = '', type = '', oid = ''] = info.split(' ');
          return { name, mode: Number.parseInt(mode, 8), oid, type };
        })
    : undefined;
  const object = expression.includes(':') ? { __typename: 'Tree', oid: tree, entries } : { __typename: 'Commit', tree: { oid: tree, entries } };
  return { body: { data: { repository: { object } } } };
}

function treeListing(request: FakeRequest) {
  const tree = bareGit('ls-tree', '-r', '-t', request.params.sha!)
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [info = '', file = ''] = line.split('\t');
      const [mode = '', type = '', sha = ''] = info.split(' ');
      return { path: file, mode, type, sha, url: '' };
    });
  return { body: { sha: request.params.sha, truncated: false, tree } };
}

function blob(request: FakeRequest) {
  const data = execFileSync('git', ['cat-file', 'blob', request.params.sha!], { cwd: bare });
  return { body: { sha: request.params.sha, size: data.length, encoding: 'base64', content: data.toString('base64') } };
}

const actionsEnv = () => jobEnv(fake, 'acme/mono');

describe('paved template sync in a GitHub Actions job (fake GitHub API, real git over HTTP)', () => {
  let checkout: string;
  beforeAll(async () => {
    const template = new TemplateRepo(path.join(root, 'template'))
      .version('v1.0.0', { 'copier.yml': 'name:\n  type: str\n', ...ANSWERS_TEMPLATE, 'README.md.jinja': '# {{ name }}\n\nv1 text\n' })
      .version('v1.1.0', { 'README.md.jinja': '# {{ name }}\n\nv2 text\n', 'CHANGELOG.md': '# Changelog\n\n## 1.1.0\n\n- Better README.\n' });
    fake = (await FakeGitHub.start({ prefix: '/api/v3' })).serveGit(path.join(root, 'github'));
    // The template is a private repository of the organisation on GitHub: fetching it takes the job's token.
    mkdirSync(path.dirname(bare), { recursive: true });
    git(root, 'clone', '-q', '--bare', template.dir, path.join(root, 'github', 'acme', 'template.git'));
    const work = path.join(root, 'work');
    mkdirSync(work, { recursive: true });
    git(work, 'init', '-q', '-b', 'main');
    for (const name of ['api', 'web']) {
      const dst = path.join(work, 'services', name);
      await copyTemplate({ src: template.dir, dst, vcsRef: 'v1.0.0', data: { name }, defaults: true, ...quiet });
      const answers = path.join(dst, '.copier-answers.yml');
      writeFileSync(answers, readFileSync(answers, 'utf8').replace(/^_src_path: .*$/m, `_src_path: ${fake.origin}/acme/template.git`));
    }
    commitAll(work, 'feat: two services');
    git(root, 'clone', '-q', '--bare', work, bare);

    fake
      .on('GET /repos/acme/mono', { body: gh.repo('acme/mono', { private: true }) }, { times: 'many' })
      .onGraphql('PavedObjectAt', objectAt, { times: 'many' })
      .on('GET /repos/acme/mono/git/trees/:sha', treeListing, { times: 'many' })
      .on('GET /repos/acme/mono/git/blobs/:sha', blob, { times: 'many' });
    pulls = recordPullRequests(fake, 'acme/mono', (branch) => revParse(`refs/heads/${branch}`) ?? '');

    // What actions/checkout leaves: a clone whose origin is the repository on GitHub, no credentials.
    checkout = path.join(root, 'checkout');
    git(root, 'clone', '-q', bare, checkout);
    git(checkout, 'remote', 'set-url', 'origin', `${fake.origin}/acme/mono`);
  });
  afterAll(async () => {
    await fake?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('runs paved fleet status over the owner\'s organisation (GITHUB_REPOSITORY_OWNER) with no workspace', async () => {
    fake
      .on('GET /users/acme', { body: { login: 'acme', id: 2, type: 'Organization' } })
      .on('GET /orgs/acme/repos', { body: [gh.repo('acme/mono', { private: true }), gh.repo('acme/gitops')] });
    const ran = await exec(PAVED, ['fleet', 'status', '--json'], { cwd: root, env: { ...actionsEnv(), GITHUB_REPOSITORY_OWNER: 'acme' } });
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    const { components } = JSON.parse(ran.stdout) as { components: Array<{ path: string; state: string; version: string; latest: string }> };
    expect(components.map((c) => [c.path, c.state, c.version, c.latest])).toEqual([
      ['services/api', 'behind', '1.0.0', '1.1.0'],
      ['services/web', 'behind', '1.0.0', '1.1.0'],
    ]);
    // The GitOps repository is never read as a component's.
    expect(fake.requests.some((r) => String(r.variables.name) === 'gitops' || r.path.startsWith('/repos/acme/gitops'))).toBe(false);
  });

  it('plans every component of the repository with no workspace, reading it through the API and a clone with the token', async () => {
    const ran = await exec(PAVED, ['template', 'sync', '.', '--dry-run', '--json'], { cwd: checkout, env: actionsEnv() });
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    const { results } = JSON.parse(ran.stdout) as { results: Array<{ component: string; path: string; outcome: string; from: string; to: string }> };
    expect(results.map((r) => [r.path, r.outcome, r.from, r.to]).sort()).toEqual([
      ['services/api', 'opened', '1.0.0', '1.1.0'],
      ['services/web', 'opened', '1.0.0', '1.1.0'],
    ]);
    expect(pulls.opened).toEqual([]);
    // The clone, and the fetch of the private template from the same host, carried the job's token; nothing was pushed.
    expect(fake.gitRequests.some((r) => r.path.startsWith('/acme/template.git/'))).toBe(true);
    expect(fake.gitRequests.length).toBeGreaterThan(0);
    expect(fake.gitRequests.every((r) => r.authorized)).toBe(true);
    expect(fake.gitRequests.some((r) => r.path.endsWith('git-receive-pack'))).toBe(false);
  });

  it('plans the same from a workspace whose paved.yaml names GitHub (forge.url, and the token in forge.tokenEnv)', async () => {
    const workspace = path.join(root, 'workspace');
    mkdirSync(workspace, { recursive: true });
    writeFileSync(path.join(workspace, 'paved.yaml'), `apiVersion: paved/v1\norganisation: acme\nforge:\n  kind: github\n  url: ${fake.apiUrl}\n  tokenEnv: ACME_GH_TOKEN\n`);
    // A platform token belongs to a user (unlike a job's), whom the forge acts as.
    fake.on('GET /user', { body: { login: 'platform-bot', id: 9, type: 'User' } });
    const before = fake.gitRequests.length;
    const env = { ACME_GH_TOKEN: 'ghp_platform_token', GITHUB_TOKEN: undefined, GITHUB_API_URL: undefined, GITHUB_SERVER_URL: undefined, GITHUB_REPOSITORY: undefined, GITHUB_ACTIONS: undefined, PAVED_HOME: undefined };
    const ran = await exec(PAVED, ['template', 'sync', '.', '--dry-run', '--json', '--workspace', workspace], { cwd: checkout, env });
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    const { results } = JSON.parse(ran.stdout) as { results: Array<{ path: string; outcome: string }> };
    expect(results.map((r) => [r.path, r.outcome]).sort()).toEqual([
      ['services/api', 'opened'],
      ['services/web', 'opened'],
    ]);
    const served = fake.gitRequests.slice(before);
    expect(served.some((r) => r.path.startsWith('/acme/template.git/'))).toBe(true);
    expect(served.every((r) => r.authorized)).toBe(true);
  });

  it('in a subproject with --answers-file, pushes that component\'s update branch over HTTP and opens its labelled pull request', async () => {
    const ran = await exec(PAVED, ['template', 'sync', '.', '--answers-file', '.copier-answers.yml', '--json'], { cwd: path.join(checkout, 'services', 'api'), env: actionsEnv() });
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    const { results } = JSON.parse(ran.stdout) as { results: Array<{ path: string; outcome: string; pullRequest?: { number: number } }> };
    expect(results).toMatchObject([{ path: 'services/api', outcome: 'opened', pullRequest: { number: 1 } }]);

    const branch = 'paved/template-update/services--api';
    expect(bareGit('show', `${branch}:services/api/README.md`)).toBe('# api\n\nv2 text');
    expect(bareGit('show', `${branch}:services/web/README.md`)).toBe('# web\n\nv1 text');
    expect(revParse('refs/heads/paved/template-update/services--web')).toBeUndefined();
    expect(pulls.opened).toHaveLength(1);
    expect(pulls.opened[0]).toMatchObject({ head: branch });
    expect(pulls.opened[0]!.body).toContain('template 1.0.0 → 1.1.0');
    expect(pulls.opened[0]!.body).toContain('Better README.');
    expect(pulls.labelled).toEqual([['template-update']]);
    expect(fake.gitRequests.filter((r) => r.path.endsWith('git-receive-pack')).every((r) => r.authorized)).toBe(true);
  });

  it('refuses clearly without a token, and names an answers file that is not in the repository', async () => {
    const noToken = await exec(PAVED, ['template', 'sync', '.', '--json'], { cwd: checkout, env: { ...actionsEnv(), GITHUB_TOKEN: '' } });
    expect(noToken.code).not.toBe(0);
    expect(noToken.stderr).toMatch(/no paved\.yaml.*set GITHUB_TOKEN/s);
    const outside = await exec(PAVED, ['template', 'sync', '.', '--answers-file', '../../../x.yml', '--dry-run'], { cwd: path.join(checkout, 'services', 'api'), env: actionsEnv() });
    expect(outside.code).not.toBe(0);
    expect(outside.stderr).toContain("--answers-file '../../../x.yml'");
    const missing = await exec(PAVED, ['template', 'sync', '.', '--answers-file', 'nope.yml', '--dry-run'], { cwd: path.join(checkout, 'services', 'api'), env: actionsEnv() });
    expect(missing.code).not.toBe(0);
    expect(missing.stdout).toContain('no component with the answers file services/api/nope.yml');
  });
});
