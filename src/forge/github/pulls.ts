/** Pull requests and their comments. Labels go through the issues API (see labels.ts). */
import { ConflictError, InputError, NotFoundError, PermissionError, type PavedError } from '../../errors.js';
import type { Comment, MergeInput, OpenPullRequestInput, PullRequest, PullRequestFilter, RepoRef, UpdatePullRequestInput } from '../types.js';
import type { GitHubClient } from './client.js';
import type { HttpFailure } from './error-map.js';
import { setLabels } from './labels.js';
import { toComment, toPullRequest, type GhPull } from './map.js';
import { deleteBranch } from './refs.js';
import { fullName, params, requireRepository } from './repos.js';

const WRITE = 'pull_requests: write';
const READ = 'pull_requests: read';

export async function openPullRequest(client: GitHubClient, repo: RepoRef, input: OpenPullRequestInput): Promise<PullRequest> {
  if (!input.title.trim()) throw new InputError('a pull request needs a title', {});
  const base = input.base ?? (await requireRepository(client, repo)).defaultBranch;
  if (input.head === base) throw new InputError(`head and base are both '${base}'; open the pull request from another branch`, { head: input.head });
  const op = { action: `open a pull request from ${input.head} into ${base} in ${fullName(repo)}`, permission: WRITE };
  const created = await client.call(op, (o) => o.rest.pulls.create({ ...params(repo), title: input.title, head: input.head, base, body: input.body ?? '' }), (failure) => explainOpen(failure, repo, input.head, base));
  const pr = toPullRequest(created.data, fullName(repo));
  return input.labels?.length ? { ...pr, labels: await setLabels(client, repo, pr.number, input.labels) } : pr;
}

function explainOpen(failure: HttpFailure, repo: RepoRef, head: string, base: string): PavedError | undefined {
  if (failure.status !== 422) return undefined;
  const text = `${failure.message} ${JSON.stringify(failure.data)}`;
  const existing = /pull request already exists/i.test(text);
  if (existing) return new ConflictError(`a pull request is already open for ${head} in ${fullName(repo)}; update it instead`, { reason: 'exists', head });
  if (/no commits between/i.test(text)) return new InputError(`${head} has no commits that ${base} lacks; push a change before opening a pull request`, { head, base });
  if (/"field":"head"/.test(text)) return new NotFoundError(`no branch '${head}' in ${fullName(repo)}; push it before opening a pull request`, { branch: head });
  if (/"field":"base"/.test(text)) return new NotFoundError(`no base branch '${base}' in ${fullName(repo)}`, { branch: base });
  return undefined;
}

export async function getPullRequest(client: GitHubClient, repo: RepoRef, number: number): Promise<PullRequest | undefined> {
  const found = await client.find({ action: `read pull request #${number} of ${fullName(repo)}`, permission: READ }, (o) => o.rest.pulls.get({ ...params(repo), pull_number: number }));
  return found && toPullRequest(found.data, fullName(repo));
}

async function requirePullRequest(client: GitHubClient, repo: RepoRef, number: number): Promise<PullRequest> {
  const pr = await getPullRequest(client, repo, number);
  if (!pr) throw new NotFoundError(`no pull request #${number} in ${fullName(repo)}`, { number });
  return pr;
}

export async function findOpenPullRequest(client: GitHubClient, repo: RepoRef, head: string): Promise<PullRequest | undefined> {
  const [first] = await listPullRequests(client, repo, { state: 'open', head });
  return first;
}

/** Newest first. GitHub filters by state, head and base; label and author are filtered here. */
export async function listPullRequests(client: GitHubClient, repo: RepoRef, filter: PullRequestFilter = {}): Promise<PullRequest[]> {
  const state = filter.state ?? 'open';
  const query = {
    ...params(repo),
    state: state === 'all' || state === 'open' ? state : ('closed' as const),
    // GitHub matches head as `owner:branch`; a bare branch name would be ignored.
    ...(filter.head ? { head: `${repo.owner}:${filter.head}` } : {}),
    ...(filter.base ? { base: filter.base } : {}),
    per_page: 100,
  };
  const op = { action: `list the pull requests of ${fullName(repo)}`, permission: READ };
  const found = await client.find(op, (o): Promise<GhPull[]> => o.paginate(o.rest.pulls.list, query));
  return (found ?? [])
    .map((pr) => toPullRequest(pr, fullName(repo)))
    .filter((pr) => state === 'all' || pr.state === state)
    .filter((pr) => !filter.label || pr.labels.includes(filter.label))
    .filter((pr) => !filter.author || pr.author.toLowerCase() === filter.author.toLowerCase())
    .sort((a, b) => b.number - a.number);
}

export async function updatePullRequest(client: GitHubClient, repo: RepoRef, number: number, input: UpdatePullRequestInput): Promise<PullRequest> {
  if (input.title !== undefined && !input.title.trim()) throw new InputError('a pull request needs a title', {});
  const op = { action: `update pull request #${number} of ${fullName(repo)}`, permission: WRITE };
  const changes = { ...(input.title !== undefined ? { title: input.title } : {}), ...(input.body !== undefined ? { body: input.body } : {}), ...(input.base !== undefined ? { base: input.base } : {}) };
  const explain = (failure: HttpFailure) =>
    failure.status === 422 && input.base !== undefined && /base/i.test(`${failure.message} ${JSON.stringify(failure.data)}`)
      ? new NotFoundError(`no base branch '${input.base}' in ${fullName(repo)}`, { branch: input.base })
      : undefined;
  const pr = Object.keys(changes).length
    ? toPullRequest((await client.call(op, (o) => o.rest.pulls.update({ ...params(repo), pull_number: number, ...changes }), explain)).data, fullName(repo))
    : await requirePullRequest(client, repo, number);
  return input.labels ? { ...pr, labels: await setLabels(client, repo, number, input.labels) } : pr;
}

export async function comment(client: GitHubClient, repo: RepoRef, number: number, body: string): Promise<Comment> {
  if (!body.trim()) throw new InputError('a comment needs a body', {});
  const op = { action: `comment on pull request #${number} of ${fullName(repo)}`, permission: WRITE };
  const created = await client.call(op, (o) => o.rest.issues.createComment({ ...params(repo), issue_number: number, body }));
  return toComment(created.data);
}

export async function listComments(client: GitHubClient, repo: RepoRef, number: number): Promise<Comment[]> {
  const op = { action: `list the comments of pull request #${number} in ${fullName(repo)}`, permission: READ };
  const comments = await client.call(op, (o) => o.paginate(o.rest.issues.listComments, { ...params(repo), issue_number: number, per_page: 100 }));
  return comments.map(toComment);
}

/**
 * Merges with GitHub's merge button semantics. The state and head are checked first so that the
 * common refusals come with a clear reason; GitHub's own `sha` check closes the race after that.
 */
export async function mergePullRequest(client: GitHubClient, repo: RepoRef, number: number, input: MergeInput = {}): Promise<PullRequest> {
  const pr = await requirePullRequest(client, repo, number);
  if (pr.state !== 'open') throw new ConflictError(`pull request #${number} is ${pr.state}; only an open pull request can be merged`, { reason: 'not-open', state: pr.state });
  if (input.expectedHeadSha && input.expectedHeadSha !== pr.headSha) throw stale(number, pr.headSha, input.expectedHeadSha);
  const method = input.method ?? 'merge';
  const op = { action: `merge pull request #${number} of ${fullName(repo)}`, permission: 'contents: write' };
  const merged = await client.call(
    op,
    (o) =>
      o.rest.pulls.merge({
        ...params(repo),
        pull_number: number,
        merge_method: method,
        ...(input.title !== undefined ? { commit_title: input.title } : {}),
        ...(input.message !== undefined ? { commit_message: input.message } : {}),
        sha: input.expectedHeadSha ?? pr.headSha,
      }),
    (failure) => explainMerge(failure, pr, method),
  );
  if (input.deleteBranch) await deleteMergedBranch(client, repo, pr);
  const refreshed = await requirePullRequest(client, repo, number);
  // GitHub's read side can lag its merge by a moment; the merge's own answer is authoritative.
  if (refreshed.state === 'merged') return refreshed;
  return { ...refreshed, state: 'merged', mergeCommit: merged.data.sha, mergedAt: new Date().toISOString() };
}

function stale(number: number, head: string, expected: string): ConflictError {
  return new ConflictError(`pull request #${number} changed since it was reviewed (head is ${head.slice(0, 7)}, not ${expected.slice(0, 7)}); review it again`, { reason: 'stale', head, expected });
}

/**
 * GitHub answers 405 when it will not merge (conflicts, a disabled method, branch protection) and
 * 409 when the head moved away from `sha`; the message tells those apart.
 */
function explainMerge(failure: HttpFailure, pr: PullRequest, method: string): PavedError | undefined {
  const { status, message } = failure;
  if (status !== 405 && status !== 409) return undefined;
  if (/head branch was modified/i.test(message) || status === 409) {
    return new ConflictError(`pull request #${pr.number} changed since it was reviewed (its head is no longer ${pr.headSha.slice(0, 7)}); review it again`, { reason: 'stale', expected: pr.headSha, githubMessage: message });
  }
  if (/base branch was modified/i.test(message)) return new ConflictError(`${pr.base} moved while pull request #${pr.number} was being merged; merge again`, { reason: 'stale', githubMessage: message });
  if (/not allowed/i.test(message)) return new InputError(`${method} merges are turned off for this repository (${message}); use another merge method or enable it in the repository settings`, { method });
  if (/required|review|status check|protect|rule/i.test(message)) {
    return new PermissionError(`GitHub refused to merge pull request #${pr.number}: ${message}; the protection rules of ${pr.base} must be met first`, { githubMessage: message });
  }
  return new ConflictError(`pull request #${pr.number} cannot be merged: ${pr.head} conflicts with ${pr.base} (${message}); merge ${pr.base} into ${pr.head}, resolve the conflicts and push`, {
    reason: 'merge-conflict',
    githubMessage: message,
  });
}

/** Deletes the merged branch only if it still holds the merged commit: later pushes stay. */
async function deleteMergedBranch(client: GitHubClient, repo: RepoRef, pr: PullRequest): Promise<void> {
  try {
    await deleteBranch(client, repo, pr.head, pr.headSha);
  } catch (error) {
    // Already gone (GitHub's "delete head branches" setting) or moved on: either way it stays as it is.
    if (error instanceof NotFoundError || error instanceof ConflictError) return;
    throw error;
  }
}

export async function closePullRequest(client: GitHubClient, repo: RepoRef, number: number): Promise<PullRequest> {
  const pr = await requirePullRequest(client, repo, number);
  if (pr.state === 'merged') throw new ConflictError(`pull request #${number} is already merged`, { reason: 'not-open', state: pr.state });
  if (pr.state === 'closed') return pr;
  const op = { action: `close pull request #${number} of ${fullName(repo)}`, permission: WRITE };
  const closed = await client.call(op, (o) => o.rest.pulls.update({ ...params(repo), pull_number: number, state: 'closed' }));
  return toPullRequest(closed.data, fullName(repo));
}
