/** What the server gained for the portal: serving it, the session, the create form, and a pull request's diff. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffCommits } from '../../src/forge/local/diff.js';
import { CONTENT_SECURITY_POLICY } from '../../src/server/portal.js';
import type { FormQuestion } from '../../src/server/template-form.js';
import { commitAll, git, initRepo, tempDir, writeFiles } from '../support/fixtures.js';
import { api, serve } from '../server/serve.js';

const gitIn = (cwd: string) => (...args: string[]) => git(cwd, ...args);

/** A work repository: `main` with a README, and `branch` changing it. */
function mainAndBranch(branch: string, readme: string, changed: string): string {
  const work = initRepo(tempDir('paved-pulls-work-'));
  writeFiles(work, { 'README.md': readme });
  commitAll(work, 'first');
  git(work, 'checkout', '-q', '-b', branch);
  writeFiles(work, { 'README.md': changed });
  commitAll(work, branch);
  return work;
}

describe('the portal served at /', () => {
  it('serves its files with their types, an ETag, gzip and a strict CSP; other paths get index.html; /api and assets do not', async () => {
    const served = await serve();
    const index = await fetch(`${served.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await index.text();
    expect(html).toContain('<script type="module" src="/js/main.js">');

    const script = await fetch(`${served.url}/js/main.js`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-encoding')).toBe('gzip');
    const etag = script.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(`${served.url}/js/main.js`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect((await fetch(`${served.url}/app.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');

    // Client-side routes, and the forge's web URLs, open the page.
    for (const route of ['/catalog/component/default/x', '/acme/gitops/pulls/1', '/create/typescript-service']) {
      const res = await fetch(`${served.url}${route}`);
      expect(res.status, route).toBe(200);
      expect(await res.text()).toBe(html);
    }
    expect((await fetch(`${served.url}/js/nope.js`)).status).toBe(404);
    const unknownApi = await fetch(`${served.url}/api/nope`);
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers.get('content-type')).toContain('application/json');
    expect((await fetch(`${served.url}/`, { method: 'POST' })).status).toBe(404);
  });
});

describe('GET /api/session', () => {
  it('names the caller, its teams and whether it is an admin; an anonymous reader has no login', async () => {
    const served = await serve();
    expect((await api(served, 'GET', '/session', { token: served.dev })).body).toEqual({ login: 'dev', name: 'Dev Eloper', admin: false, teams: ['platform'], organisation: 'acme', anonymousRead: true });
    expect((await api(served, 'GET', '/session')).body).toMatchObject({ login: 'admin', admin: true });
    expect((await api(served, 'GET', '/session', { token: null })).body).toMatchObject({ login: null, teams: [] });
    expect((await api(served, 'GET', '/session', { token: 'pvd_wrong' })).status).toBe(401);
  });
});

describe('POST /api/templates/:name/form', () => {
  it('renders defaults from earlier answers, hides questions by `when`, and reports each validator', async () => {
    const served = await serve();
    const form = await api<{ questions: FormQuestion[] }>(served, 'POST', '/templates/typescript-service/form', { body: { name: 'orders-api', team: 'platform', data: { port: 80, ingress: false } } });
    expect(form.status, JSON.stringify(form.body)).toBe(200);
    const q = Object.fromEntries(form.body.questions.map((x) => [x.name, x]));
    expect(q.component_name).toMatchObject({ fixed: true, value: 'orders-api' });
    expect(q.description).toMatchObject({ fixed: false, default: 'orders-api service', value: 'orders-api service' });
    expect(q.port!.error).toMatch(/^80 is invalid: choose a port between 1024 and 65535/);
    expect(q.public).toMatchObject({ visible: false });
    expect(q.lifecycle!.choices!.map((c) => c.value)).toEqual(['experimental', 'production', 'deprecated']);
    const bad = await api<{ questions: FormQuestion[] }>(served, 'POST', '/templates/typescript-service/form', { body: { data: { lifecycle: 'retired' } } });
    expect(bad.body.questions.find((x) => x.name === 'lifecycle')!.error).toMatch(/not one of the choices/);
    expect((await api(served, 'POST', '/templates/nope/form', { body: {} })).status).toBe(404);
    // It changes nothing, so it is a read: anonymous readers may use it.
    expect((await api(served, 'POST', '/templates/typescript-service/form', { body: {}, token: null })).status).toBe(200);
  });
});

describe("a pull request's diff", () => {
  it('lists files with line counts (renames, binaries) and the unified patch, cut at a size', async () => {
    const dir = tempDir('paved-diff-');
    const git = gitIn(dir);
    git('init', '-q', '-b', 'main');
    writeFileSync(path.join(dir, 'a.txt'), 'one\ntwo\nthree\nfour\nfive\n');
    writeFileSync(path.join(dir, 'gone.txt'), 'x\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'first');
    const base = git('rev-parse', 'HEAD');
    git('mv', 'a.txt', 'b.txt');
    writeFileSync(path.join(dir, 'b.txt'), 'one\ntwo\nthree\nfour\nFIVE\n');
    writeFileSync(path.join(dir, 'new file.bin'), Buffer.from([0, 1, 2, 0]));
    git('rm', '-q', 'gone.txt');
    git('add', '-A');
    git('commit', '-q', '-m', 'second');
    const diff = await diffCommits(dir, base, git('rev-parse', 'HEAD'), { threeDot: true });
    expect(diff.base).toBe(base);
    expect(diff.files).toEqual([
      { path: 'b.txt', previousPath: 'a.txt', status: 'renamed', additions: 1, deletions: 1 },
      { path: 'gone.txt', status: 'deleted', additions: 0, deletions: 1 },
      { path: 'new file.bin', status: 'added', additions: null, deletions: null },
    ]);
    expect(diff.patch).toContain('+FIVE\n');
    expect(diff.truncated).toBe(false);
    const cut = await diffCommits(dir, base, 'HEAD', { maxBytes: 10 });
    expect(cut).toMatchObject({ truncated: true });
    expect(cut.patch).toHaveLength(10);
  });

  it('GET …/pulls/:number/diff: against the merge base while open, what the merge brought once merged', async () => {
    const served = await serve();
    const repo = await served.platform.forge.createRepository({ owner: 'acme', name: 'notes' });
    const work = mainAndBranch('more', '# Notes\n', '# Notes\n\nMore.\n');
    await served.platform.forge.push(repo, work, [{ src: 'main', dst: 'main', expected: null }, { src: 'more', dst: 'more', expected: null }]);
    const pr = await api<{ number: number }>(served, 'POST', '/repos/acme/notes/pulls', { body: { head: 'more', title: 'More' } });
    expect(pr.status).toBe(201);
    const open = await api<{ files: unknown[]; patch: string }>(served, 'GET', `/repos/acme/notes/pulls/${pr.body.number}/diff`);
    expect(open.body.files).toEqual([{ path: 'README.md', status: 'modified', additions: 2, deletions: 0 }]);
    expect(open.body.patch).toContain('+More.');
    expect((await api(served, 'POST', `/repos/acme/notes/pulls/${pr.body.number}/merge`, { body: { deleteBranch: true } })).status).toBe(200);
    const merged = await api<{ files: unknown[] }>(served, 'GET', `/repos/acme/notes/pulls/${pr.body.number}/diff`);
    expect(merged.body.files).toEqual(open.body.files);
    expect((await api(served, 'GET', '/repos/acme/notes/pulls/99/diff')).status).toBe(404);
  });

  it('GET /api/pulls/:owner: every repository\'s pull requests in one list, newest first, without the private ones the caller may not read', async () => {
    const served = await serve();
    const { forge } = served.platform;
    const work = mainAndBranch('change', '# x\n', '# x\n\nchanged\n');
    for (const [name, isPrivate] of [['open-one', false], ['secret-one', true], ['open-two', false]] as const) {
      const repo = await forge.createRepository({ owner: 'acme', name, private: isPrivate });
      await forge.push(repo, work, [{ src: 'main', dst: 'main', expected: null }, { src: 'change', dst: 'change', expected: null }]);
      await forge.openPullRequest(repo, { head: 'change', title: `Change ${name}`, labels: ['template-update'] });
    }
    await forge.closePullRequest({ owner: 'acme', name: 'open-one' }, 1);

    const titles = async (query: string, token?: string | null) => (await api<Array<{ title: string }>>(served, 'GET', `/pulls/acme${query}`, { token })).body.map((p) => p.title);
    expect(await titles('')).toEqual(['Change open-two', 'Change secret-one']);
    expect(await titles('?state=all')).toEqual(['Change open-one', 'Change open-two', 'Change secret-one']);
    expect(await titles('?state=closed&label=template-update')).toEqual(['Change open-one']);
    // Anonymous reading (forge.anonymousRead) sees the public repositories only.
    expect(await titles('?state=all', null)).toEqual(['Change open-one', 'Change open-two']);
    expect((await api(served, 'GET', '/pulls/acme?state=nope')).status).toBe(400);
  });
});
