/**
 * The local forge's JSON API under /api/: repositories, branches, pull requests, comments,
 * labels, tags, releases and events. Thin: it parses, calls the forge as the caller, and formats.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { InputError, NotFoundError, PermissionError } from '../errors.js';
import type { LocalForge } from '../forge/local/forge.js';
import { identify } from '../forge/local/http-auth.js';
import type { PullRequestFilter, RepoRef } from '../forge/types.js';
import type { Store } from '../store/index.js';
import { readJson, sendJson, str, strings } from './http.js';

type Route = (ctx: { forge: LocalForge; params: string[]; query: URLSearchParams; body: () => Promise<Record<string, unknown>>; req: IncomingMessage; anonymous: boolean }) => Promise<unknown>;

const SEG = '([A-Za-z0-9_.-]+)';
const routes: Array<[string, RegExp, Route, number?]> = [];
const on = (method: string, pattern: string, route: Route, status?: number) => routes.push([method, new RegExp(`^/api${pattern.replaceAll(':s', SEG).replaceAll(':n', '(\\d+)')}$`), route, status]);
const repoOf = (params: string[]): RepoRef => ({ owner: params[0]!, name: params[1]! });
const num = (params: string[], i: number) => Number(params[i]);

on('GET', '/health', async () => ({ ok: true }));
on('GET', '/repos/:s', async ({ forge, params, query }) => forge.listRepositories(params[0]!, { includeArchived: query.get('archived') === 'true' }));
on('POST', '/repos/:s', async ({ forge, params, body }) => {
  const b = await body();
  return forge.createRepository({ owner: params[0]!, name: str(b, 'name', true), defaultBranch: str(b, 'defaultBranch'), description: str(b, 'description'), private: b.private === true });
}, 201);
on('GET', '/repos/:s/:s', async ({ forge, params }) => (await forge.getRepository(repoOf(params))) ?? notFound(params));
on('POST', '/repos/:s/:s/archive', async ({ forge, params }) => {
  await forge.archiveRepository(repoOf(params));
  return forge.getRepository(repoOf(params));
});
on('GET', '/repos/:s/:s/branches', async ({ forge, params }) => forge.listBranches(repoOf(params)));
on('GET', '/repos/:s/:s/tree', async ({ forge, params, query }) => forge.readTree(repoOf(params), query.get('ref') ?? undefined, query.get('path') ?? undefined));
on('GET', '/repos/:s/:s/file', async ({ forge, params, query }) => {
  const file = await forge.readFile(repoOf(params), query.get('path') ?? '', query.get('ref') ?? undefined);
  if (!file) throw new NotFoundError(`no file '${query.get('path')}' in ${params[0]}/${params[1]}`, {});
  return { path: file.path, sha: file.sha, mode: file.mode, content: file.data.toString('base64'), encoding: 'base64' };
});
on('GET', '/repos/:s/:s/pulls', async ({ forge, params, query }) => {
  const state = query.get('state') ?? undefined;
  if (state && !['open', 'closed', 'merged', 'all'].includes(state)) throw new InputError(`state must be open, closed, merged or all, not '${state}'`, {});
  const filter: PullRequestFilter = { state: state as PullRequestFilter['state'], head: query.get('head') ?? undefined, base: query.get('base') ?? undefined, label: query.get('label') ?? undefined, author: query.get('author') ?? undefined };
  return forge.listPullRequests(repoOf(params), filter);
});
on('POST', '/repos/:s/:s/pulls', async ({ forge, params, body }) => {
  const b = await body();
  return forge.openPullRequest(repoOf(params), { head: str(b, 'head', true), base: str(b, 'base'), title: str(b, 'title', true), body: str(b, 'body'), labels: strings(b, 'labels') });
}, 201);
on('GET', '/repos/:s/:s/pulls/:n', async ({ forge, params }) => (await forge.getPullRequest(repoOf(params), num(params, 2))) ?? notFound(params));
on('PATCH', '/repos/:s/:s/pulls/:n', async ({ forge, params, body }) => {
  const b = await body();
  return forge.updatePullRequest(repoOf(params), num(params, 2), { title: str(b, 'title'), body: str(b, 'body'), base: str(b, 'base'), labels: strings(b, 'labels') });
});
on('POST', '/repos/:s/:s/pulls/:n/merge', async ({ forge, params, body }) => {
  const b = await body();
  const method = str(b, 'method');
  if (method && method !== 'merge' && method !== 'squash') throw new InputError(`method must be merge or squash, not '${method}'`, {});
  return forge.mergePullRequest(repoOf(params), num(params, 2), { method: method as 'merge' | 'squash' | undefined, title: str(b, 'title'), message: str(b, 'message'), expectedHeadSha: str(b, 'expectedHeadSha'), deleteBranch: b.deleteBranch === true });
});
on('POST', '/repos/:s/:s/pulls/:n/close', async ({ forge, params }) => forge.closePullRequest(repoOf(params), num(params, 2)));
on('GET', '/repos/:s/:s/pulls/:n/comments', async ({ forge, params }) => forge.listComments(repoOf(params), num(params, 2)));
on('POST', '/repos/:s/:s/pulls/:n/comments', async ({ forge, params, body }) => forge.comment(repoOf(params), num(params, 2), str(await body(), 'body', true)), 201);
on('GET', '/repos/:s/:s/labels', async ({ forge, params }) => forge.listLabels(repoOf(params)));
on('POST', '/repos/:s/:s/labels', async ({ forge, params, body }) => {
  const b = await body();
  return forge.ensureLabel(repoOf(params), { name: str(b, 'name', true), color: str(b, 'color'), description: str(b, 'description') });
});
on('GET', '/repos/:s/:s/tags', async ({ forge, params }) => forge.listTags(repoOf(params)));
on('GET', '/repos/:s/:s/releases', async ({ forge, params }) => forge.listReleases(repoOf(params)));
on('POST', '/repos/:s/:s/releases', async ({ forge, params, body }) => {
  const b = await body();
  return forge.createRelease(repoOf(params), { tag: str(b, 'tag', true), commit: str(b, 'commit'), name: str(b, 'name'), body: str(b, 'body'), prerelease: b.prerelease === true });
}, 201);
/** Long poll: the events after `since` (at most 500), waiting up to `wait` seconds (max 30) when there are none yet. */
on('GET', '/events/:s', async ({ forge, params, query, req }) => {
  const since = query.get('since') ?? '0';
  if (!/^\d+$/.test(since)) throw new InputError(`since must be an event id (a number), not '${since}'`, {});
  const wait = Math.min(30, Math.max(0, Number(query.get('wait') ?? 0) || 0));
  const ready = await forge.readEvents(params[0]!, Number(since));
  if (ready.length > 0 || wait === 0) return ready;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), wait * 1000);
  req.on('close', () => controller.abort());
  try {
    for await (const event of forge.events(params[0]!, { since, signal: controller.signal })) return [event, ...(await forge.readEvents(params[0]!, Number(event.id)))];
  } finally {
    clearTimeout(timer);
  }
  return [];
});

function notFound(params: string[]): never {
  throw new NotFoundError(`not found: ${params.join('/')}`, {});
}

export async function handleApi(req: IncomingMessage, res: ServerResponse, store: Store, forge: LocalForge): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const matching = routes.filter(([, re]) => re.test(url.pathname));
  if (matching.length === 0) throw new NotFoundError(`no API endpoint ${url.pathname}; see docs/forge.md`, { path: url.pathname });
  const route = matching.find(([m]) => m === method);
  if (!route) {
    res.setHeader('Allow', matching.map(([m]) => m).join(', '));
    throw new InputError(`${method} is not allowed on ${url.pathname} (allowed: ${matching.map(([m]) => m).join(', ')})`, {});
  }
  const caller = await identify(store.db, req);
  if (caller.kind === 'invalid') throw new PermissionError('the token was not accepted; send a platform token as "Authorization: Bearer <token>"', {});
  const anonymous = caller.kind === 'anonymous';
  if (anonymous && method !== 'GET') throw new PermissionError(`${method} ${url.pathname} needs a token: send "Authorization: Bearer <token>"`, {});
  const params = (route[1].exec(url.pathname) ?? []).slice(1);
  const acting = caller.kind === 'user' ? forge.as(caller.user.login, caller.token) : forge.as('-anonymous-');
  const result = await route[2]({ forge: acting, params, query: url.searchParams, body: () => readJson(req), req, anonymous });
  sendJson(res, route[3] ?? 200, result ?? null);
}
