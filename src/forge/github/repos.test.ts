import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll, git, initRepo, tempDir, writeFiles } from '../../../test/support/fixtures.js';
import { fakeOptions, gh, useFakeGitHub } from './fake-github-server.js';
import { createGitHubForge } from './index.js';

describe('repositories against a fake GitHub', () => {
  const fake = useFakeGitHub();

  it('creates empty repositories in organisations and in the token owner’s own account', async () => {
    fake()
      .on('POST /orgs/acme/repos', (r) => ({ status: 201, body: gh.repo(`acme/${(r.body as { name: string }).name}`) }))
      .on('POST /user/repos', { status: 201, body: gh.repo('paved-bot/own', { owner: { login: 'paved-bot', type: 'User' } }) })
      .on('POST /orgs/acme/repos', { status: 422, body: { message: 'Repository creation failed.', errors: [{ resource: 'Repository', code: 'custom', field: 'name', message: 'name already exists on this account' }] } });
    const forge = await createGitHubForge(fakeOptions(fake()));
    const created = await forge.createRepository({ owner: 'acme', name: 'web', defaultBranch: 'trunk', description: 'the web', private: true });
    expect(created).toMatchObject({ fullName: 'acme/web', defaultBranch: 'trunk' });
    expect(fake().requests[0]?.body).toEqual({ name: 'web', description: 'the web', private: true, auto_init: false });
    expect((await forge.createRepository({ owner: 'Paved-Bot', name: 'own' })).owner).toBe('paved-bot');
    await expect(forge.createRepository({ owner: 'acme', name: 'web' })).rejects.toMatchObject({ code: 'conflict', details: { reason: 'exists' } });
  });

  it('makes the requested default branch the default once a push brings it', async () => {
    // git pushes to the web URL; a folder of bare repositories stands in for GitHub's git side.
    const served = tempDir('paved-gh-git-');
    git(served, 'init', '-q', '--bare', path.join(served, 'acme', 'web.git'));
    const work = initRepo(tempDir('paved-gh-work-'));
    writeFiles(work, { 'README.md': '# web\n' });
    commitAll(work, 'initial');
    fake()
      .on('POST /orgs/acme/repos', { status: 201, body: gh.repo('acme/web') })
      .on('GET /repos/acme/web', { body: gh.repo('acme/web', { default_branch: 'feature' }) })
      .on('PATCH /repos/acme/web', (r) => ({ body: gh.repo('acme/web', r.body as Record<string, unknown>) }));
    const forge = await createGitHubForge({ ...fakeOptions(fake()), webUrl: `file://${served}` });
    await forge.createRepository({ owner: 'acme', name: 'web', defaultBranch: 'trunk' });
    await forge.push({ owner: 'acme', name: 'web' }, work, [{ src: 'HEAD', dst: 'trunk', expected: null }]);
    expect(git(path.join(served, 'acme', 'web.git'), 'rev-parse', 'trunk')).toBe(git(work, 'rev-parse', 'HEAD'));
    expect(fake().requests.at(-1)?.body).toEqual({ default_branch: 'trunk' });
  });

  it('lists an organisation’s repositories, leaving archived ones out unless asked', async () => {
    fake()
      .on('GET /users/acme', { body: { login: 'acme', type: 'Organization' } }, { times: 2 })
      .on('GET /orgs/acme/repos?type=all&per_page=100', { body: [gh.repo('acme/web'), gh.repo('acme/api', { archived: true })] }, { times: 2 })
      .on('GET /users/nobody', { status: 404, body: { message: 'Not Found' } });
    const forge = await createGitHubForge(fakeOptions(fake()));
    expect((await forge.listRepositories('acme')).map((r) => r.name)).toEqual(['web']);
    expect((await forge.listRepositories('acme', { includeArchived: true })).map((r) => r.name)).toEqual(['api', 'web']);
    expect(await forge.listRepositories('nobody')).toEqual([]);
  });

  it('acts as a GitHub App installation: the app’s bot is the actor and git gets the installation token', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    fake()
      .on('GET /app', (r) => ({ body: { id: 1, slug: 'paved', authorization: r.headers.authorization } }))
      .on('POST /app/installations/42/access_tokens', { status: 201, body: { token: 'ghs_installation', expires_at: expiresAt, permissions: {} } })
      .on('GET /repos/acme/web', (r) => (r.headers.authorization === 'token ghs_installation' ? { body: gh.repo('acme/web') } : { status: 401, body: { message: 'Bad credentials' } }));
    const forge = await createGitHubForge({ ...fakeOptions(fake()), token: undefined, actor: undefined, app: { appId: 1, privateKey, installationId: 42 } });
    expect(forge.actor).toBe('paved[bot]');
    expect(fake().requests[0]?.headers.authorization).toMatch(/^bearer /i);
    expect((await forge.getRepository({ owner: 'acme', name: 'web' }))?.name).toBe('web');
    const remote = forge.gitRemote({ owner: 'acme', name: 'web' });
    expect(remote.env.GIT_CONFIG_VALUE_0).toBe(`Authorization: Basic ${Buffer.from('x-access-token:ghs_installation').toString('base64')}`);
  });
});
