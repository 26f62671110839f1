import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { resolveUrls } from './client.js';
import { fakeOptions, gh, useFakeGitHub } from './fake-github-server.js';
import { createGitHubForge, type RateLimitWait } from './index.js';

const repo = { owner: 'acme', name: 'web' };

describe('GitHub client against a fake GitHub', () => {
  const fake = useFakeGitHub();

  it('follows Link headers across several pages of a listing', async () => {
    const path = '/repos/acme/web/branches';
    const page = (n: number) => [{ name: `b${n}a`, commit: { sha: `${n}`.repeat(40) } }, { name: `b${n}b`, commit: { sha: `${n}`.repeat(40) } }];
    fake()
      .on(`GET ${path}?per_page=100`, { body: page(1), headers: { link: fake().link(`${path}?per_page=100`, 2, 3) } })
      .on(`GET ${path}?per_page=100&page=2`, { body: page(2), headers: { link: fake().link(`${path}?per_page=100`, 3, 3) } })
      .on(`GET ${path}?per_page=100&page=3`, { body: page(3) });
    const forge = await createGitHubForge(fakeOptions(fake()));
    const branches = await forge.listBranches(repo);
    expect(branches.map((b) => b.name)).toEqual(['b1a', 'b1b', 'b2a', 'b2b', 'b3a', 'b3b']);
  });

  it('waits out a primary rate limit until its reset and then succeeds', async () => {
    const waits: RateLimitWait[] = [];
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    fake()
      .on('GET /repos/acme/web', { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, body: { message: 'API rate limit exceeded for user ID 1.' } })
      .on('GET /repos/acme/web', { body: gh.repo('acme/web') });
    const forge = await createGitHubForge({ ...fakeOptions(fake()), onRateLimitWait: (info) => waits.push(info) });
    expect((await forge.getRepository(repo))?.fullName).toBe('acme/web');
    expect(waits).toEqual([expect.objectContaining({ kind: 'primary', attempt: 1, request: expect.stringContaining('GET') })]);
    expect(waits[0]!.seconds).toBeGreaterThanOrEqual(1);
  });

  it('honours a secondary rate limit retry-after (a real one-second wait)', async () => {
    const waits: RateLimitWait[] = [];
    fake()
      .on('GET /repos/acme/web', { status: 403, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' } })
      .on('GET /repos/acme/web', { body: gh.repo('acme/web') });
    const forge = await createGitHubForge({ ...fakeOptions(fake()), waitUnitMs: 1000, onRateLimitWait: (info) => waits.push(info) });
    expect((await forge.getRepository(repo))?.name).toBe('web');
    expect(waits).toEqual([expect.objectContaining({ kind: 'secondary', seconds: 1 })]);
  });

  it('fails at once, saying when to retry, when the rate limit resets later than it may wait', async () => {
    const reset = Math.ceil(Date.now() / 1000) + 3600;
    fake().on('GET /repos/acme/web', { status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }, body: { message: 'API rate limit exceeded' } });
    const forge = await createGitHubForge({ ...fakeOptions(fake()), maxRateLimitWaitSeconds: 60 });
    const error = await forge.getRepository(repo).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'external', message: expect.stringContaining(new Date(reset * 1000).toISOString()) });
  });

  it('retries a 502 and returns the answer that follows', async () => {
    fake()
      .on('GET /repos/acme/web', { status: 502, body: { message: 'Server Error' } })
      .on('GET /repos/acme/web', { body: gh.repo('acme/web') });
    const forge = await createGitHubForge(fakeOptions(fake()));
    expect((await forge.getRepository(repo))?.fullName).toBe('acme/web');
  });

  it('gives up on 5xx after the configured retries with an ExternalServiceError', async () => {
    fake().on('GET /repos/acme/web', { status: 503, body: { message: 'Unavailable' } }, { times: 3 });
    const forge = await createGitHubForge({ ...fakeOptions(fake()), retries: 2 });
    await expect(forge.getRepository(repo)).rejects.toMatchObject({ code: 'external', message: expect.stringContaining('503') });
  });

  it('maps 401 to PermissionError that says to renew the token', async () => {
    fake().on('GET /repos/acme/web', { status: 401, body: { message: 'Bad credentials' } });
    const forge = await createGitHubForge(fakeOptions(fake()));
    await expect(forge.getRepository(repo)).rejects.toMatchObject({ code: 'permission', message: expect.stringMatching(/expired or revoked/) });
  });

  it('maps 403 to PermissionError naming the permission the call needs', async () => {
    fake().on('POST /repos/acme/web/git/refs', { status: 403, headers: { 'x-accepted-github-permissions': 'contents=write' }, body: { message: 'Resource not accessible by personal access token' } });
    const forge = await createGitHubForge(fakeOptions(fake()));
    const error = await forge.createBranch(repo, 'feature', 'a'.repeat(40)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'permission', details: { permission: 'contents: write' } });
    expect((error as Error).message).toContain('contents=write');
  });

  it('maps writes to an archived repository to ConflictError archived, and a forbidden GraphQL call to PermissionError', async () => {
    fake()
      .on('POST /repos/acme/web/git/refs', { status: 403, body: { message: 'Repository was archived so is read-only.' } })
      .onGraphql('PavedRepositoryId', { body: { data: { repository: null }, errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }] } });
    const forge = await createGitHubForge(fakeOptions(fake()));
    await expect(forge.createBranch(repo, 'feature', 'a'.repeat(40))).rejects.toMatchObject({ code: 'conflict', details: { reason: 'archived' } });
    await expect(forge.updateBranch(repo, 'main', 'b'.repeat(40), 'a'.repeat(40))).rejects.toMatchObject({ code: 'permission', message: expect.stringContaining("'metadata: read'") });
  });

  it('reads a 404 as absent for get/find/read and as NotFoundError for a change', async () => {
    fake()
      .on('GET /repos/acme/web', { status: 404, body: { message: 'Not Found' } })
      .on('GET /repos/acme/web/pulls/7', { status: 404, body: { message: 'Not Found' } })
      .on('GET /repos/acme/web/git/ref/heads/feature/x', { status: 404, body: { message: 'Not Found' } })
      .on('PATCH /repos/acme/web', { status: 404, body: { message: 'Not Found' } });
    const forge = await createGitHubForge(fakeOptions(fake()));
    expect(await forge.getRepository(repo)).toBeUndefined();
    expect(await forge.getPullRequest(repo, 7)).toBeUndefined();
    expect(await forge.getBranch(repo, 'feature/x')).toBeUndefined();
    await expect(forge.archiveRepository(repo)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('asks GitHub who the token belongs to when no actor is given', async () => {
    fake().on('GET /user', (r) => (r.headers.authorization === 'token test-token' ? { body: { login: 'octo' } } : { status: 401, body: { message: 'Bad credentials' } }));
    const forge = await createGitHubForge({ ...fakeOptions(fake()), actor: undefined });
    expect(forge.actor).toBe('octo');
  });
});

describe('GitHub Enterprise base URL against a fake GitHub', () => {
  const fake = useFakeGitHub({ prefix: '/api/v3' });

  it('routes REST and GraphQL under the enterprise prefixes and derives the web host for git', async () => {
    fake()
      .on('GET /repos/acme/web', { body: gh.repo('acme/web') })
      .onGraphql('PavedRepositoryId', { body: { data: { repository: { id: 'R_1' } } } })
      .onGraphql('PavedUpdateRefs', { body: { data: { updateRefs: { clientMutationId: null } } } });
    const forge = await createGitHubForge(fakeOptions(fake()));
    await forge.getRepository(repo);
    await forge.updateBranch(repo, 'main', 'b'.repeat(40), 'a'.repeat(40));
    expect(fake().requests.map((r) => r.path)).toEqual(['/repos/acme/web', '/graphql', '/graphql']);
    const remote = forge.gitRemote(repo);
    expect(remote.url).toBe(`${fake().origin}/acme/web.git`);
    expect(remote.env.GIT_CONFIG_VALUE_0).toBe(`Authorization: Basic ${Buffer.from('x-access-token:test-token').toString('base64')}`);
  });
});

describe('GitHub client setup', () => {
  it('derives where people and git reach repositories from the API base', () => {
    expect(resolveUrls({})).toEqual({ baseUrl: 'https://api.github.com', webUrl: 'https://github.com' });
    expect(resolveUrls({ baseUrl: 'https://ghe.example.com/api/v3/' })).toEqual({ baseUrl: 'https://ghe.example.com/api/v3', webUrl: 'https://ghe.example.com' });
    expect(resolveUrls({ baseUrl: 'https://api.acme.ghe.com' }).webUrl).toBe('https://acme.ghe.com');
    expect(resolveUrls({ baseUrl: 'https://ghe.example.com/api/v3', webUrl: 'https://git.example.com/' }).webUrl).toBe('https://git.example.com');
    expect(() => resolveUrls({ baseUrl: 'not a url' })).toThrow(/not a URL/);
  });

  it('wants exactly one of a token and app credentials', async () => {
    await expect(createGitHubForge({})).rejects.toMatchObject({ code: 'input', message: expect.stringMatching(/set a token .* or app credentials/) });
    await expect(createGitHubForge({ token: 't', app: { appId: 1, privateKey: 'k', installationId: 2 } })).rejects.toMatchObject({ code: 'input' });
  });

  it('reports an unreachable GitHub as ExternalServiceError naming the base URL', async () => {
    // A port that was just free: connecting to it is refused.
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const baseUrl = `http://127.0.0.1:${port}`;
    const forge = await createGitHubForge({ token: 't', actor: 'paved-bot', baseUrl, retries: 1, waitUnitMs: 1 });
    await expect(forge.getRepository(repo)).rejects.toMatchObject({ code: 'external', message: expect.stringContaining(baseUrl) });
  });
});
