/**
 * The local forge through the real git client and the real HTTP API over loopback: what a
 * developer's `git clone`/`git push` and an automation's API calls see.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initWorkspace } from '../../src/platform/init.js';
import { openPlatform, tokenFile, type Platform } from '../../src/platform/platform.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { git, tempDir, writeFiles } from '../support/fixtures.js';
import { gitAsync } from '../support/exec.js';

interface Served {
  platform: Platform;
  server: RunningServer;
  token: string;
  url: string;
}

const running: Served[] = [];
afterEach(async () => {
  for (const served of running.splice(0)) {
    await served.server.close();
    await served.platform.close();
  }
});

async function serve(configure?: (yaml: string) => string): Promise<Served> {
  const dir = path.join(tempDir('paved-ws-'), 'ws');
  if (configure) {
    await initWorkspace(dir);
    const file = path.join(dir, 'paved.yaml');
    writeFileSync(file, configure(readFileSync(file, 'utf8')));
  }
  await initWorkspace(dir);
  const platform = await openPlatform(dir);
  const server = await startServer(platform, { port: 0 });
  const token = readFileSync(tokenFile(platform.workspace.dataDir, 'admin'), 'utf8').trim();
  const served = { platform, server, token, url: server.url };
  running.push(served);
  return served;
}

/** git with the token sent as an HTTP header (never in the URL or the repo's config). */
function authed(token: string): string[] {
  return ['-c', `http.extraHeader=Authorization: Bearer ${token}`];
}


async function api(served: Served, method: string, route: string, body?: unknown, token: string | null = served.token) {
  const response = await fetch(`${served.url}/api${route}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string; details?: Record<string, unknown> } } };
}

/** Talks to the in-process server, so it must not block the event loop (no execFileSync). */
async function remote(cwd: string, args: string[]): Promise<void> {
  const result = await gitAsync(cwd, args);
  if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.output}`);
}

async function clone(served: Served, repo: string, withToken = true): Promise<string> {
  const dir = path.join(tempDir('paved-clone-'), 'work');
  await remote(path.dirname(dir), [...(withToken ? authed(served.token) : []), 'clone', '-q', `${served.url}/${repo}.git`, dir]);
  return dir;
}

describe('local forge over git smart HTTP (real git client, loopback)', () => {
  it('clones anonymously, refuses an anonymous push, and accepts a push with a token', async () => {
    const served = await serve();
    const dir = await clone(served, 'acme/gitops', false);
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain('acme/gitops');
    writeFiles(dir, { 'apps/orders.yaml': 'kind: Application\n' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'feat: orders');
    const anonymous = await gitAsync(dir, ['push', 'origin', 'HEAD:main']);
    expect(anonymous.code).not.toBe(0);
    expect(anonymous.output).toMatch(/could not read Username|Authentication failed|401/);
    const wrong = await gitAsync(dir, [...authed('pvd_not-a-real-token'), 'push', 'origin', 'HEAD:main']);
    expect(wrong.code).not.toBe(0);
    const pushed = await gitAsync(dir, [...authed(served.token), 'push', 'origin', 'HEAD:main']);
    expect(pushed.code, pushed.output).toBe(0);
    const head = git(dir, 'rev-parse', 'HEAD');
    expect((await served.platform.forge.getBranch({ owner: 'acme', name: 'gitops' }, 'main'))?.commit).toBe(head);
    const events = await api(served, 'GET', '/events/acme?since=0');
    expect(events.body).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'push', repo: 'acme/gitops', ref: 'refs/heads/main', after: head, pusher: 'admin' })]));
    // The token never lands in the clone's config.
    expect(readFileSync(path.join(dir, '.git/config'), 'utf8')).not.toContain(served.token);
  });

  it('lets exactly one of two racing pushes win and loses neither commit', async () => {
    const served = await serve();
    const a = await clone(served, 'acme/gitops');
    const b = await clone(served, 'acme/gitops');
    writeFiles(a, { 'a.txt': 'a\n' });
    git(a, 'add', '-A');
    git(a, 'commit', '-qm', 'feat: a');
    writeFiles(b, { 'b.txt': 'b\n' });
    git(b, 'add', '-A');
    git(b, 'commit', '-qm', 'feat: b');
    const results = await Promise.all([gitAsync(a, [...authed(served.token), 'push', 'origin', 'HEAD:main']), gitAsync(b, [...authed(served.token), 'push', 'origin', 'HEAD:main'])]);
    expect(results.filter((r) => r.code === 0)).toHaveLength(1);
    const [winner, loser] = results[0]!.code === 0 ? [a, b] : [b, a];
    const main = (await served.platform.forge.getBranch({ owner: 'acme', name: 'gitops' }, 'main'))!.commit;
    expect(main).toBe(git(winner, 'rev-parse', 'HEAD'));
    // The loser integrates and pushes: both changes are on main.
    await remote(loser, [...authed(served.token), 'pull', '-q', '--rebase', 'origin', 'main']);
    await remote(loser, [...authed(served.token), 'push', '-q', 'origin', 'HEAD:main']);
    const tree = await served.platform.forge.readTree({ owner: 'acme', name: 'gitops' });
    expect(tree.map((t) => t.path).sort()).toEqual(['README.md', 'a.txt', 'b.txt']);
  });

  it('takes a pull request from push to merge through the API; the branch is gone afterwards', async () => {
    const served = await serve();
    const dir = await clone(served, 'acme/gitops');
    git(dir, 'checkout', '-qb', 'paved/template-update');
    writeFiles(dir, { 'copier.yml': 'project_name: demo\n' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'feat: first template');
    await remote(dir, [...authed(served.token), 'push', '-q', 'origin', 'HEAD']);
    const opened = await api(served, 'POST', '/repos/acme/gitops/pulls', { head: 'paved/template-update', title: 'First template', labels: ['template-update'] });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ number: 1, state: 'open', labels: ['template-update'], author: 'admin' });
    const anonymousMerge = await api(served, 'POST', '/repos/acme/gitops/pulls/1/merge', {}, null);
    expect(anonymousMerge.status).toBe(401);
    const merged = await api(served, 'POST', '/repos/acme/gitops/pulls/1/merge', { method: 'squash', deleteBranch: true });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toMatchObject({ state: 'merged' });
    await remote(dir, [...authed(served.token), 'fetch', '-q', '--prune', 'origin']);
    expect(git(dir, 'branch', '-r')).not.toContain('paved/template-update');
    expect(git(dir, 'show', 'origin/main:copier.yml')).toBe('project_name: demo');
    const listed = await api(served, 'GET', '/repos/acme/gitops/pulls?state=merged');
    expect((listed.body as unknown as Array<{ number: number }>).map((p) => p.number)).toEqual([1]);
  });

  it('refuses a conflicting merge with 409 and says which files conflict', async () => {
    const served = await serve();
    const dir = await clone(served, 'acme/gitops');
    git(dir, 'checkout', '-qb', 'change');
    writeFiles(dir, { 'README.md': 'theirs\n' });
    git(dir, 'commit', '-qam', 'docs: theirs');
    await remote(dir, [...authed(served.token), 'push', '-q', 'origin', 'HEAD']);
    git(dir, 'checkout', '-q', 'main');
    writeFiles(dir, { 'README.md': 'ours\n' });
    git(dir, 'commit', '-qam', 'docs: ours');
    await remote(dir, [...authed(served.token), 'push', '-q', 'origin', 'HEAD']);
    await api(served, 'POST', '/repos/acme/gitops/pulls', { head: 'change', title: 'Theirs' });
    const refused = await api(served, 'POST', '/repos/acme/gitops/pulls/1/merge', {});
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'conflict', details: { reason: 'merge-conflict', files: ['README.md'] } });
    expect(refused.body.error?.message).toMatch(/cannot be merged.*README\.md.*resolve the conflicts/);
  });

  it('checks who may do what: bad tokens, non-members, private reads', async () => {
    const served = await serve((yaml) =>
      yaml.replace('anonymousRead: true', 'anonymousRead: false').replace(/users:\n/, 'users:\n  - login: outsider\n    name: Out Sider\n'),
    );
    const anonymousClone = await gitAsync(tempDir(), ['clone', `${served.url}/acme/gitops.git`, 'x']);
    expect(anonymousClone.code).not.toBe(0);
    expect((await api(served, 'GET', '/repos/acme/gitops', undefined, 'pvd_wrong')).status).toBe(401);
    expect((await api(served, 'POST', '/repos/acme', { name: 'x' }, null)).status).toBe(401);
    const { issueToken } = await import('../../src/forge/local/users.js');
    const outsider = await issueToken(served.platform.store, 'outsider', 'test');
    const created = await api(served, 'POST', '/repos/acme', { name: 'not-yours' }, outsider);
    expect(created.status).toBe(403);
    expect(created.body.error?.message).toMatch(/outsider may not change repositories of acme/);
    const dir = await clone(served, 'acme/gitops');
    writeFiles(dir, { 'x.txt': 'x\n' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'x');
    const pushed = await gitAsync(dir, [...authed(outsider), 'push', 'origin', 'HEAD:main']);
    expect(pushed.code).not.toBe(0);
    expect(pushed.output).toMatch(/403|may not push/);
  });

  it('answers bad API input with a clear 4xx', async () => {
    const served = await serve();
    expect((await api(served, 'POST', '/repos/acme/gitops/pulls', { title: 'no head' })).body.error?.message).toBe("'head' is required");
    expect((await api(served, 'POST', '/repos/acme/gitops/pulls', { head: 'nope', title: 't' })).status).toBe(404);
    expect((await api(served, 'GET', '/repos/acme/gitops/pulls?state=weird')).status).toBe(400);
    expect((await api(served, 'POST', '/repos/acme', { name: '../escape' })).status).toBe(400);
    expect((await api(served, 'DELETE', '/repos/acme/gitops')).status).toBe(400);
    expect((await api(served, 'GET', '/nothing/here')).status).toBe(404);
  });
});
