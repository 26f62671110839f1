import { describe, expect, it } from 'vitest';
import { fakeOptions, gh, useFakeGitHub } from './fake-github-server.js';
import { createGitHubForge } from './index.js';

const repo = { owner: 'acme', name: 'web' };
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const ZERO = '0'.repeat(40);

describe('branches and tags against a fake GitHub', () => {
  const fake = useFakeGitHub();
  const repositoryId = () => fake().onGraphql('PavedRepositoryId', (r) => ({ body: { data: { repository: r.variables.owner === 'acme' && r.variables.name === 'web' ? { id: 'R_web' } : null } } }));

  it('moves a branch with a compare-and-swap on the expected commit', async () => {
    repositoryId().onGraphql('PavedUpdateRefs', { body: { data: { updateRefs: { clientMutationId: null } } } });
    const forge = await createGitHubForge(fakeOptions(fake()));
    expect(await forge.updateBranch(repo, 'feature/x', B, A)).toEqual({ name: 'feature/x', commit: B });
    const mutation = fake().requests.find((r) => r.variables.graphql === 'PavedUpdateRefs');
    expect(mutation?.variables).toMatchObject({ repositoryId: 'R_web', refUpdates: [{ name: 'refs/heads/feature/x', beforeOid: A, afterOid: B, force: true }] });
  });

  it('refuses with ConflictError stale when the branch moved meanwhile, leaving it alone', async () => {
    repositoryId()
      .onGraphql('PavedUpdateRefs', { body: { data: null, errors: [{ type: 'UNPROCESSABLE', message: 'A ref update failed: refs/heads/feature expected to be aaaaaaa' }] } })
      .on('GET /repos/acme/web/git/ref/heads/feature', { body: gh.ref('refs/heads/feature', C) });
    const forge = await createGitHubForge(fakeOptions(fake()));
    await expect(forge.updateBranch(repo, 'feature', B, A)).rejects.toMatchObject({ code: 'conflict', details: { reason: 'stale', expected: A, actual: C } });
  });

  it('reports a branch that is gone as NotFoundError', async () => {
    repositoryId()
      .onGraphql('PavedUpdateRefs', { body: { data: null, errors: [{ type: 'UNPROCESSABLE', message: 'ref does not exist' }] } })
      .on('GET /repos/acme/web/git/ref/heads/feature', { status: 404, body: { message: 'Not Found' } });
    const forge = await createGitHubForge(fakeOptions(fake()));
    await expect(forge.updateBranch(repo, 'feature', B, A)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('deletes a branch only from the expected commit, and plainly without one', async () => {
    repositoryId()
      .onGraphql('PavedUpdateRefs', { body: { data: { updateRefs: { clientMutationId: null } } } })
      .on('DELETE /repos/acme/web/git/refs/heads/old', { status: 204 })
      .on('DELETE /repos/acme/web/git/refs/heads/gone', { status: 422, body: { message: 'Reference does not exist' } });
    const forge = await createGitHubForge(fakeOptions(fake()));
    await forge.deleteBranch(repo, 'feature', A);
    expect(fake().requests.find((r) => r.variables.graphql === 'PavedUpdateRefs')?.variables.refUpdates).toEqual([{ name: 'refs/heads/feature', beforeOid: A, afterOid: ZERO, force: true }]);
    await forge.deleteBranch(repo, 'old');
    await expect(forge.deleteBranch(repo, 'gone')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('creates a branch, and refuses one that exists with ConflictError exists', async () => {
    fake()
      .on('POST /repos/acme/web/git/refs', (r) => ({ status: 201, body: gh.ref((r.body as { ref: string }).ref, A) }))
      .on('POST /repos/acme/web/git/refs', { status: 422, body: { message: 'Reference already exists', documentation_url: 'https://docs.github.com/rest/git/refs#create-a-reference' } });
    const forge = await createGitHubForge(fakeOptions(fake()));
    expect(await forge.createBranch(repo, 'feature', A)).toEqual({ name: 'feature', commit: A });
    expect(fake().requests[0]?.body).toEqual({ ref: 'refs/heads/feature', sha: A });
    await expect(forge.createBranch(repo, 'feature', A)).rejects.toMatchObject({ code: 'conflict', details: { reason: 'exists' } });
  });

  it('creates lightweight tags as refs and annotated ones as a tag object plus a ref', async () => {
    fake()
      .on('POST /repos/acme/web/git/refs', { status: 201, body: gh.ref('refs/tags/light', A) })
      .on('POST /repos/acme/web/git/tags', { status: 201, body: { sha: B, tag: 'v1.0.0', object: { sha: A, type: 'commit' } } })
      .on('POST /repos/acme/web/git/refs', { status: 201, body: gh.ref('refs/tags/v1.0.0', B) })
      .on('GET /repos/acme/web/tags?per_page=100', { body: [{ name: 'v1.0.0', commit: { sha: A } }, { name: 'light', commit: { sha: A } }] });
    const forge = await createGitHubForge(fakeOptions(fake()));
    expect(await forge.createTag(repo, { name: 'light', commit: A })).toEqual({ name: 'light', commit: A });
    expect(await forge.createTag(repo, { name: 'v1.0.0', commit: A, message: 'Release 1.0.0' })).toEqual({ name: 'v1.0.0', commit: A });
    const bodies = fake().requests.map((r) => r.body);
    expect(bodies[0]).toEqual({ ref: 'refs/tags/light', sha: A });
    expect(bodies[1]).toMatchObject({ tag: 'v1.0.0', message: 'Release 1.0.0', object: A, type: 'commit' });
    expect(bodies[2]).toEqual({ ref: 'refs/tags/v1.0.0', sha: B });
    expect(await forge.listTags(repo)).toEqual([{ name: 'v1.0.0', commit: A }, { name: 'light', commit: A }]);
  });
});
