/** The local forge's pull request routes: open, list, update, merge, close, comment. */
import { z } from 'zod';
import { NotFoundError } from '../errors.js';
import { diffCommits } from '../forge/local/diff.js';
import { resolveCommit } from '../forge/local/bare.js';
import { notFound, repoOf } from './forge-routes.js';
import { route } from './route.js';

const tag = 'pull requests';
const text = z.string();
const labels = z.array(text);
const numberOf = (params: Record<string, string>) => Number(params.number);

export const OpenPullRequestBody = z.strictObject({ head: text, base: text.optional(), title: text, body: text.optional(), labels: labels.optional() });
export const UpdatePullRequestBody = z.strictObject({ title: text.optional(), body: text.optional(), base: text.optional(), labels: labels.optional() });
export const MergeBody = z.strictObject({
  method: z.enum(['merge', 'squash']).optional(),
  title: text.optional(),
  message: text.optional(),
  expectedHeadSha: text.describe('refuse (409) unless the head is still this commit: what was reviewed is what is merged').optional(),
  deleteBranch: z.boolean().optional(),
});
export const CommentBody = z.strictObject({ body: text });

const prefix = '/repos/:owner/:repo/pulls';

/** Which pull requests by state; default per route. */
export const PullStateQuery = z.enum(['open', 'closed', 'merged', 'all']);

const PullFilterQuery = z.strictObject({ state: PullStateQuery.optional(), head: text.optional(), base: text.optional(), label: text.optional(), author: text.optional() });

export const pullRoutes = [
  route({
    id: 'listPullRequests', method: 'GET', path: prefix, tag, summary: 'Pull requests (default: open ones)',
    query: PullFilterQuery,
    handle: async ({ forge, params, query }) => forge.listPullRequests(repoOf(params), query),
  }),
  route({
    id: 'listOwnerPullRequests', method: 'GET', path: '/pulls/:owner', tag, summary: "Pull requests across an owner's repositories the caller may read (default: open ones), most recently updated first",
    query: PullFilterQuery,
    handle: async ({ forge, params, query }) => forge.listOwnerPullRequests(params.owner!, query),
  }),
  route({
    id: 'openPullRequest', method: 'POST', path: prefix, tag, summary: 'Open a pull request from a pushed branch', body: OpenPullRequestBody, status: 201,
    handle: async ({ forge, params, body }) => forge.openPullRequest(repoOf(params), body),
  }),
  route({
    id: 'getPullRequest', method: 'GET', path: `${prefix}/:number`, tag, summary: 'One pull request',
    handle: async ({ forge, params }) => (await forge.getPullRequest(repoOf(params), numberOf(params))) ?? notFound(`${params.owner}/${params.repo}#${params.number}`),
  }),
  route({
    id: 'getPullRequestDiff', method: 'GET', path: `${prefix}/:number/diff`, tag,
    summary: 'What a pull request changes: files with line counts and the unified diff (against the merge base; a merged one: what its merge brought)',
    handle: async ({ forge, params }) => {
      const ref = repoOf(params);
      // Read as the caller first: who may not see the pull request may not see its diff.
      const pr = (await forge.getPullRequest(ref, numberOf(params))) ?? notFound(`${params.owner}/${params.repo}#${params.number}`);
      const dir = forge.repoDir(ref);
      if (pr.state === 'merged' && pr.mergeCommit) return diffCommits(dir, `${pr.mergeCommit}^1`, pr.mergeCommit);
      const base = await resolveCommit(dir, `refs/heads/${pr.base}`);
      const head = (await resolveCommit(dir, `refs/pull/${pr.number}/head`)) ?? pr.headSha;
      if (!base) throw new NotFoundError(`the base branch '${pr.base}' of ${pr.repo}#${pr.number} no longer exists, so there is nothing to compare with`, { base: pr.base });
      return diffCommits(dir, base, head, { threeDot: true });
    },
  }),
  route({
    id: 'updatePullRequest', method: 'PATCH', path: `${prefix}/:number`, tag, summary: "Change a pull request's title, body, base or labels", body: UpdatePullRequestBody,
    handle: async ({ forge, params, body }) => forge.updatePullRequest(repoOf(params), numberOf(params), body),
  }),
  route({
    id: 'mergePullRequest', method: 'POST', path: `${prefix}/:number/merge`, tag, summary: 'Merge a pull request (409 with the conflicting files when it cannot be)', body: MergeBody,
    handle: async ({ forge, params, body }) => forge.mergePullRequest(repoOf(params), numberOf(params), body),
  }),
  route({
    id: 'closePullRequest', method: 'POST', path: `${prefix}/:number/close`, tag, summary: 'Close a pull request without merging',
    handle: async ({ forge, params }) => forge.closePullRequest(repoOf(params), numberOf(params)),
  }),
  route({ id: 'listComments', method: 'GET', path: `${prefix}/:number/comments`, tag, summary: "A pull request's comments", handle: async ({ forge, params }) => forge.listComments(repoOf(params), numberOf(params)) }),
  route({
    id: 'comment', method: 'POST', path: `${prefix}/:number/comments`, tag, summary: 'Comment on a pull request', body: CommentBody, status: 201,
    handle: async ({ forge, params, body }) => forge.comment(repoOf(params), numberOf(params), body.body),
  }),
];
