/**
 * Branches and tags. Moving or deleting a branch against an expected commit goes through GraphQL's
 * `updateRefs`, whose `beforeOid` makes GitHub itself compare and swap: REST's PATCH git/refs can
 * only force or fast-forward, so a concurrent push between our read and our write would be lost.
 */
import { ConflictError, NotFoundError } from '../../errors.js';
import type { Branch, RepoRef, Tag } from '../types.js';
import type { GitHubClient } from './client.js';
import { fullName, params } from './repos.js';

const ZERO_OID = '0000000000000000000000000000000000000000';
const READ = 'contents: read';
const WRITE = 'contents: write';

export async function getBranch(client: GitHubClient, repo: RepoRef, name: string): Promise<Branch | undefined> {
  const ref = await client.find({ action: `read branch ${name} of ${fullName(repo)}`, permission: READ }, (o) => o.rest.git.getRef({ ...params(repo), ref: `heads/${name}` }));
  return ref && { name, commit: ref.data.object.sha };
}

export async function listBranches(client: GitHubClient, repo: RepoRef): Promise<Branch[]> {
  const branches = await client.find({ action: `list the branches of ${fullName(repo)}`, permission: READ }, (o) => o.paginate(o.rest.repos.listBranches, { ...params(repo), per_page: 100 }));
  return (branches ?? []).map((b) => ({ name: b.name, commit: b.commit.sha }));
}

export async function createBranch(client: GitHubClient, repo: RepoRef, name: string, commit: string): Promise<Branch> {
  await createRef(client, repo, `refs/heads/${name}`, commit, `create branch ${name} in ${fullName(repo)}`);
  return { name, commit };
}

/** Creating a ref fails when it exists: that is the compare-and-swap for "must not exist yet". */
async function createRef(client: GitHubClient, repo: RepoRef, ref: string, sha: string, action: string): Promise<void> {
  await client.call({ action, permission: WRITE }, (o) => o.rest.git.createRef({ ...params(repo), ref, sha }), (failure) => {
    if (failure.status !== 422) return undefined;
    if (/already exists/i.test(failure.message)) return new ConflictError(`could not ${action}: ${ref} already exists`, { reason: 'exists', ref });
    if (/object does not exist/i.test(failure.message)) return new NotFoundError(`could not ${action}: no commit ${sha} in ${fullName(repo)}; push it first`, { commit: sha });
    return undefined;
  });
}

export async function updateBranch(client: GitHubClient, repo: RepoRef, name: string, commit: string, expected: string): Promise<Branch> {
  await swapRef(client, repo, name, expected, commit, `move branch ${name} of ${fullName(repo)} to ${commit}`);
  return { name, commit };
}

export async function deleteBranch(client: GitHubClient, repo: RepoRef, name: string, expected?: string): Promise<void> {
  const action = `delete branch ${name} of ${fullName(repo)}`;
  if (expected !== undefined) return swapRef(client, repo, name, expected, ZERO_OID, action);
  await client.call({ action, permission: WRITE }, (o) => o.rest.git.deleteRef({ ...params(repo), ref: `heads/${name}` }), (failure) => {
    if (failure.status !== 422) return undefined;
    if (/does not exist/i.test(failure.message)) return new NotFoundError(`no branch '${name}' in ${fullName(repo)}`, { branch: name });
    if (/default branch/i.test(failure.message)) return new ConflictError(`'${name}' is the default branch of ${fullName(repo)} and cannot be deleted`, { reason: 'default-branch', branch: name });
    return undefined;
  });
}

const UPDATE_REFS = `mutation PavedUpdateRefs($repositoryId: ID!, $refUpdates: [RefUpdate!]!) {
  updateRefs(input: { repositoryId: $repositoryId, refUpdates: $refUpdates }) { clientMutationId }
}`;

/**
 * Moves (or with the zero id deletes) a branch only if it still points at `before`. GitHub's
 * refusal does not say why in a stable form, so a failure is explained by reading the branch again.
 */
async function swapRef(client: GitHubClient, repo: RepoRef, name: string, before: string, after: string, action: string): Promise<void> {
  const repositoryId = await nodeId(client, repo);
  try {
    await client.graphql({ action, permission: WRITE }, UPDATE_REFS, { repositoryId, refUpdates: [{ name: `refs/heads/${name}`, beforeOid: before, afterOid: after, force: true }] });
  } catch (error) {
    const current = await getBranch(client, repo, name);
    // The write may have happened and only its answer got lost.
    if (current?.commit === after) return;
    if (!current) throw new NotFoundError(`could not ${action}: no branch '${name}' in ${fullName(repo)}`, { branch: name }, { cause: error });
    if (current.commit !== before) {
      throw new ConflictError(`could not ${action}: the branch moved to ${current.commit.slice(0, 7)} since it was read at ${before.slice(0, 7)}; read it again and redo the change`, { reason: 'stale', branch: name, expected: before, actual: current.commit }, { cause: error });
    }
    throw error;
  }
}

const REPOSITORY_ID = `query PavedRepositoryId($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { id } }`;

async function nodeId(client: GitHubClient, repo: RepoRef): Promise<string> {
  const data = await client.graphql<{ repository: { id: string } | null }>({ action: `read ${fullName(repo)}`, permission: 'metadata: read' }, REPOSITORY_ID, { owner: repo.owner, name: repo.name });
  if (!data.repository) throw new NotFoundError(`no repository ${fullName(repo)} on GitHub, or the token may not see it`, { repo: fullName(repo) });
  return data.repository.id;
}

/** Lightweight tags are a ref to the commit; annotated ones a ref to a tag object that names it. */
export async function createTag(client: GitHubClient, repo: RepoRef, input: { name: string; commit: string; message?: string }): Promise<Tag> {
  const action = `create tag ${input.name} in ${fullName(repo)}`;
  let target = input.commit;
  if (input.message !== undefined) {
    const tag = await client.call({ action, permission: WRITE }, (o) => o.rest.git.createTag({ ...params(repo), tag: input.name, message: input.message ?? '', object: input.commit, type: 'commit' }));
    target = tag.data.sha;
  }
  await createRef(client, repo, `refs/tags/${input.name}`, target, action);
  return { name: input.name, commit: input.commit };
}

export async function listTags(client: GitHubClient, repo: RepoRef): Promise<Tag[]> {
  // The tags listing gives each tag's commit, annotated tags already peeled.
  const tags = await client.find({ action: `list the tags of ${fullName(repo)}`, permission: READ }, (o) => o.paginate(o.rest.repos.listTags, { ...params(repo), per_page: 100 }));
  return (tags ?? []).map((t) => ({ name: t.name, commit: t.commit.sha }));
}

/** The commit a tag points at, following annotated tags; undefined when the tag does not exist. */
export async function tagCommit(client: GitHubClient, repo: RepoRef, tag: string): Promise<string | undefined> {
  const op = { action: `read tag ${tag} of ${fullName(repo)}`, permission: READ };
  const ref = await client.find(op, (o) => o.rest.git.getRef({ ...params(repo), ref: `tags/${tag}` }));
  if (!ref) return undefined;
  let object = ref.data.object;
  // A tag may name another tag; git allows chains, real ones are short.
  for (let depth = 0; object.type === 'tag' && depth < 5; depth++) {
    const sha = object.sha;
    const annotated = await client.call(op, (o) => o.rest.git.getTag({ ...params(repo), tag_sha: sha }));
    object = annotated.data.object;
  }
  return object.sha;
}
