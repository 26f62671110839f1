/** Owners and repositories. */
import { NotFoundError } from '../../errors.js';
import type { CreateRepositoryInput, Owner, RepoRef, Repository } from '../types.js';
import type { GitHubClient } from './client.js';
import { toRepository, type GhRepo } from './map.js';

export function params(repo: RepoRef): { owner: string; repo: string } {
  return { owner: repo.owner, repo: repo.name };
}

export function fullName(repo: RepoRef): string {
  return `${repo.owner}/${repo.name}`;
}

export async function getOwner(client: GitHubClient, login: string): Promise<Owner | undefined> {
  const user = await client.find({ action: `look up the account '${login}'`, permission: 'metadata: read' }, (o) => o.rest.users.getByUsername({ username: login }));
  if (!user) return undefined;
  return { login: user.data.login, kind: user.data.type === 'Organization' ? 'organization' : 'user' };
}

/**
 * Creates an empty repository (no initial commit, so the first push decides its history). Where
 * it goes depends on the owner: the token's own account or an organisation; GitHub offers no way
 * to create one for another user.
 */
export async function createRepository(client: GitHubClient, actor: string, input: CreateRepositoryInput): Promise<Repository> {
  const op = { action: `create the repository ${fullName(input)}`, permission: 'administration: write' };
  const body = { name: input.name, description: input.description ?? '', private: input.private ?? false, auto_init: false };
  const own = input.owner.toLowerCase() === actor.toLowerCase();
  try {
    const created = await client.call(op, (o) => (own ? o.rest.repos.createForAuthenticatedUser(body) : o.rest.repos.createInOrg({ org: input.owner, ...body })));
    return toRepository(created.data);
  } catch (error) {
    if (error instanceof NotFoundError && !own) {
      throw new NotFoundError(`no organisation '${input.owner}' on GitHub that ${actor} may create repositories in; a token creates repositories only in its own account (${actor}) and in organisations it belongs to`, { owner: input.owner }, { cause: error });
    }
    throw error;
  }
}

export async function getRepository(client: GitHubClient, repo: RepoRef): Promise<Repository | undefined> {
  const found = await client.find({ action: `read the repository ${fullName(repo)}`, permission: 'metadata: read' }, (o) => o.rest.repos.get(params(repo)));
  return found && toRepository(found.data);
}

export async function requireRepository(client: GitHubClient, repo: RepoRef): Promise<Repository> {
  const found = await getRepository(client, repo);
  if (!found) throw new NotFoundError(`no repository ${fullName(repo)} on GitHub, or the token may not see it`, { repo: fullName(repo) });
  return found;
}

export async function listRepositories(client: GitHubClient, actor: string, owner: string, includeArchived: boolean): Promise<Repository[]> {
  const account = await getOwner(client, owner);
  if (!account) return [];
  const op = { action: `list the repositories of ${owner}`, permission: 'metadata: read' };
  const repos = await client.call(op, (o): Promise<GhRepo[]> => {
    if (account.kind === 'organization') return o.paginate(o.rest.repos.listForOrg, { org: owner, type: 'all', per_page: 100 });
    // Only the token's own listing includes its private repositories.
    if (owner.toLowerCase() === actor.toLowerCase()) return o.paginate(o.rest.repos.listForAuthenticatedUser, { affiliation: 'owner', per_page: 100 });
    return o.paginate(o.rest.repos.listForUser, { username: owner, type: 'owner', per_page: 100 });
  });
  return repos
    .map(toRepository)
    .filter((r) => includeArchived || !r.archived)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function archiveRepository(client: GitHubClient, repo: RepoRef): Promise<void> {
  await client.call({ action: `archive ${fullName(repo)}`, permission: 'administration: write' }, (o) => o.rest.repos.update({ ...params(repo), archived: true }));
}

/** Makes `branch` the default branch if it is not already; returns whether it had to change it. */
export async function ensureDefaultBranch(client: GitHubClient, repo: RepoRef, branch: string): Promise<boolean> {
  const current = await requireRepository(client, repo);
  if (current.defaultBranch === branch) return false;
  await client.call({ action: `make ${branch} the default branch of ${fullName(repo)}`, permission: 'administration: write' }, (o) => o.rest.repos.update({ ...params(repo), default_branch: branch }));
  return true;
}
