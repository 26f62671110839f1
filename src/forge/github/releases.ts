/** Releases. A release names a tag; GitHub creates the tag at `commit` when it does not exist yet. */
import { ConflictError, NotFoundError } from '../../errors.js';
import type { CreateReleaseInput, RepoRef, Release } from '../types.js';
import type { GitHubClient } from './client.js';
import { saysExists } from './error-map.js';
import { toRelease } from './map.js';
import { tagCommit } from './refs.js';
import { fullName, params } from './repos.js';

export async function createRelease(client: GitHubClient, repo: RepoRef, input: CreateReleaseInput): Promise<Release> {
  // Without a commit GitHub would tag the default branch's tip, a release nobody asked for.
  if (!input.commit && !(await tagCommit(client, repo, input.tag))) {
    throw new NotFoundError(`no tag '${input.tag}' in ${fullName(repo)}; push the tag or pass the commit to tag`, { tag: input.tag });
  }
  const op = { action: `create the release ${input.tag} in ${fullName(repo)}`, permission: 'contents: write' };
  const created = await client.call(
    op,
    (o) =>
      o.rest.repos.createRelease({
        ...params(repo),
        tag_name: input.tag,
        ...(input.commit ? { target_commitish: input.commit } : {}),
        name: input.name ?? input.tag,
        body: input.body ?? '',
        prerelease: input.prerelease ?? false,
      }),
    (failure) => (failure.status === 422 && saysExists(failure) ? new ConflictError(`a release for ${input.tag} already exists in ${fullName(repo)}`, { reason: 'exists', tag: input.tag }) : undefined),
  );
  return toRelease(created.data);
}

export async function getRelease(client: GitHubClient, repo: RepoRef, tag: string): Promise<Release | undefined> {
  const found = await client.find({ action: `read the release ${tag} of ${fullName(repo)}`, permission: 'contents: read' }, (o) => o.rest.repos.getReleaseByTag({ ...params(repo), tag }));
  return found && toRelease(found.data);
}

/** Newest first, as GitHub lists them. */
export async function listReleases(client: GitHubClient, repo: RepoRef): Promise<Release[]> {
  const releases = await client.find({ action: `list the releases of ${fullName(repo)}`, permission: 'contents: read' }, (o) => o.paginate(o.rest.repos.listReleases, { ...params(repo), per_page: 100 }));
  return (releases ?? []).map(toRelease);
}
