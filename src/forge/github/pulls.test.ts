import { describe, expect, it } from 'vitest';
import { fakeOptions, gh, useFakeGitHub } from './fake-github-server.js';
import { createGitHubForge } from './index.js';

const repo = { owner: 'acme', name: 'web' };
const HEAD = 'a'.repeat(40);
const MERGE = 'm'.repeat(40);

describe('pull requests against a fake GitHub', () => {
  const fake = useFakeGitHub();

  it('opens a pull request into the default branch and labels it through the issues API', async () => {
    fake()
      .on('GET /repos/acme/web', { body: gh.repo('acme/web', { default_branch: 'trunk' }) })
      .on('POST /repos/acme/web/pulls', (r) => ({ status: 201, body: gh.pull(5, { ...(r.body as Record<string, unknown>), head: { ref: 'paved/update', sha: HEAD }, base: { ref: 'trunk' } }) }))
      .on('PUT /repos/acme/web/issues/5/labels', (r) => ({ body: (r.body as { labels: string[] }).labels.map((name) => ({ name, color: 'ededed' })) }));
    const forge = await createGitHubForge(fakeOptions(fake()));
    const pr = await forge.openPullRequest(repo, { head: 'paved/update', title: 'Update template', body: 'why', labels: ['template-update', 'automated'] });
    expect(pr).toMatchObject({ number: 5, repo: 'acme/web', head: 'paved/update', headSha: HEAD, base: 'trunk', state: 'open', title: 'Update template', body: 'why', labels: ['automated', 'template-update'] });
    expect(fake().requests[1]?.body).toEqual({ title: 'Update template', head: 'paved/update', base: 'trunk', body: 'why' });
  });

  it('refuses a second pull request for the same branch with ConflictError exists', async () => {
    fake().on('POST /repos/acme/web/pulls', { status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: 'A pull request already exists for acme:paved/update.' }] } });
    const forge = await createGitHubForge(fakeOptions(fake()));
    await expect(forge.openPullRequest(repo, { head: 'paved/update', base: 'main', title: 'again' })).rejects.toMatchObject({ code: 'conflict', details: { reason: 'exists' } });
  });

  it('finds the open pull request of a branch with head=owner:branch', async () => {
    fake()
      .on('GET /repos/acme/web/pulls?state=open&head=acme:paved/update', { body: [gh.pull(9, { head: { ref: 'paved/update', sha: HEAD } })] })
      .on('GET /repos/acme/web/pulls?state=open&head=acme:nothing', { body: [] });
    const forge = await createGitHubForge(fakeOptions(fake()));
    expect((await forge.findOpenPullRequest(repo, 'paved/update'))?.number).toBe(9);
    expect(await forge.findOpenPullRequest(repo, 'nothing')).toBeUndefined();
  });

  it('lists merged pull requests as closed ones with merged_at, filtered by label and author', async () => {
    const merged = { state: 'closed', merged_at: '2024-02-01T00:00:00Z' };
    fake().on('GET /repos/acme/web/pulls?state=closed&base=main', {
      body: [
        gh.pull(4, { ...merged, labels: [{ name: 'release' }] }),
        gh.pull(3, { state: 'closed', labels: [{ name: 'release' }] }),
        gh.pull(2, { ...merged, labels: [{ name: 'release' }], user: { login: 'someone' } }),
        gh.pull(1, { ...merged }),
      ],
    });
    const forge = await createGitHubForge(fakeOptions(fake()));
    const prs = await forge.listPullRequests(repo, { state: 'merged', base: 'main', label: 'release', author: 'paved-bot' });
    expect(prs.map((p) => [p.number, p.state, p.mergeCommit])).toEqual([[4, 'merged', 'c'.repeat(40)]]);
  });

  it('merges with the reviewed head, deletes the branch only at that head and returns the merged pull request', async () => {
    fake()
      .on('GET /repos/acme/web/pulls/7', { body: gh.pull(7, { head: { ref: 'paved/update', sha: HEAD } }) })
      .on('PUT /repos/acme/web/pulls/7/merge', { body: { sha: MERGE, merged: true, message: 'Pull Request successfully merged' } })
      .onGraphql('PavedRepositoryId', { body: { data: { repository: { id: 'R_1' } } } })
      .onGraphql('PavedUpdateRefs', { body: { data: { updateRefs: { clientMutationId: null } } } })
      .on('GET /repos/acme/web/pulls/7', { body: gh.pull(7, { state: 'closed', merged_at: '2024-02-01T00:00:00Z', merge_commit_sha: MERGE, head: { ref: 'paved/update', sha: HEAD } }) });
    const forge = await createGitHubForge(fakeOptions(fake()));
    const pr = await forge.mergePullRequest(repo, 7, { method: 'squash', title: 'feat: update (#7)', expectedHeadSha: HEAD, deleteBranch: true });
    expect(pr).toMatchObject({ state: 'merged', mergeCommit: MERGE, mergedAt: '2024-02-01T00:00:00Z' });
    const merge = fake().requests.find((r) => r.path.endsWith('/merge'));
    expect(merge?.body).toEqual({ merge_method: 'squash', commit_title: 'feat: update (#7)', sha: HEAD });
    const deletion = fake().requests.find((r) => r.variables.graphql === 'PavedUpdateRefs');
    expect(deletion?.variables.refUpdates).toEqual([{ name: 'refs/heads/paved/update', beforeOid: HEAD, afterOid: '0'.repeat(40), force: true }]);
  });

  it('maps GitHub refusing to merge a conflicting pull request to ConflictError merge-conflict', async () => {
    fake()
      .on('GET /repos/acme/web/pulls/8', { body: gh.pull(8) })
      .on('PUT /repos/acme/web/pulls/8/merge', { status: 405, body: { message: 'Pull Request is not mergeable' } });
    const forge = await createGitHubForge(fakeOptions(fake()));
    await expect(forge.mergePullRequest(repo, 8)).rejects.toMatchObject({ code: 'conflict', details: { reason: 'merge-conflict' } });
  });

  it('refuses to merge a moved head (before asking, and when GitHub answers 409) with ConflictError stale', async () => {
    fake()
      .on('GET /repos/acme/web/pulls/8', { body: gh.pull(8, { head: { ref: 'x', sha: HEAD } }) }, { times: 2 })
      .on('PUT /repos/acme/web/pulls/8/merge', { status: 409, body: { message: 'Head branch was modified. Review and try the merge again.' } });
    const forge = await createGitHubForge(fakeOptions(fake()));
    await expect(forge.mergePullRequest(repo, 8, { expectedHeadSha: 'f'.repeat(40) })).rejects.toMatchObject({ code: 'conflict', details: { reason: 'stale' } });
    await expect(forge.mergePullRequest(repo, 8, { expectedHeadSha: HEAD })).rejects.toMatchObject({ code: 'conflict', details: { reason: 'stale' } });
  });

  it('refuses to merge or close what is no longer open', async () => {
    fake().on('GET /repos/acme/web/pulls/3', { body: gh.pull(3, { state: 'closed', merged_at: '2024-02-01T00:00:00Z' }) }, { times: 2 });
    const forge = await createGitHubForge(fakeOptions(fake()));
    await expect(forge.mergePullRequest(repo, 3)).rejects.toMatchObject({ code: 'conflict', details: { reason: 'not-open' } });
    await expect(forge.closePullRequest(repo, 3)).rejects.toMatchObject({ code: 'conflict', details: { reason: 'not-open' } });
  });

  it('updates title and labels, and comments', async () => {
    fake()
      .on('PATCH /repos/acme/web/pulls/6', (r) => ({ body: gh.pull(6, r.body as Record<string, unknown>) }))
      .on('PUT /repos/acme/web/issues/6/labels', { body: [{ name: 'conflicts' }, { name: 'template-update' }] })
      .on('POST /repos/acme/web/issues/6/comments', { status: 201, body: { id: 77, user: { login: 'paved-bot' }, body: 'rebased', created_at: '2024-03-01T00:00:00Z' } })
      .on('GET /repos/acme/web/issues/6/comments?per_page=100', { body: [{ id: 77, user: { login: 'paved-bot' }, body: 'rebased', created_at: '2024-03-01T00:00:00Z' }] });
    const forge = await createGitHubForge(fakeOptions(fake()));
    const pr = await forge.updatePullRequest(repo, 6, { title: 'New title', labels: ['template-update', 'conflicts'] });
    expect(pr).toMatchObject({ title: 'New title', labels: ['conflicts', 'template-update'] });
    expect(await forge.comment(repo, 6, 'rebased')).toEqual({ id: '77', author: 'paved-bot', body: 'rebased', createdAt: '2024-03-01T00:00:00Z' });
    expect((await forge.listComments(repo, 6)).map((c) => c.id)).toEqual(['77']);
  });
});
