/**
 * The local forge's routes: repositories, branches, files, labels, tags, releases and events.
 * Thin: each calls the forge as the caller and returns what it answers.
 */
import { z } from 'zod';
import { NotFoundError } from '../errors.js';
import type { RepoRef } from '../forge/types.js';
import { route } from './route.js';

export const repoOf = (params: Record<string, string>): RepoRef => ({ owner: params.owner!, name: params.repo! });

export function notFound(what: string): never {
  throw new NotFoundError(`not found: ${what}`, {});
}

const tag = 'forge';
const text = z.string();

export const CreateRepositoryBody = z.strictObject({ name: text, defaultBranch: text.optional(), description: text.optional(), private: z.boolean().optional() });
export const LabelBody = z.strictObject({ name: text, color: text.optional(), description: text.optional() });
export const ReleaseBody = z.strictObject({ tag: text, commit: text.optional(), name: text.optional(), body: text.optional(), prerelease: z.boolean().optional() });

export const forgeRoutes = [
  route({
    id: 'listRepositories', method: 'GET', path: '/repos/:owner', tag, summary: "An owner's repositories (archived ones with archived=true)",
    query: z.strictObject({ archived: z.enum(['true', 'false']).optional() }),
    handle: async ({ forge, params, query }) => forge.listRepositories(params.owner!, { includeArchived: query.archived === 'true' }),
  }),
  route({
    id: 'createRepository', method: 'POST', path: '/repos/:owner', tag, summary: 'Create a repository', body: CreateRepositoryBody, status: 201,
    handle: async ({ forge, params, body }) => forge.createRepository({ owner: params.owner!, ...body }),
  }),
  route({
    id: 'getRepository', method: 'GET', path: '/repos/:owner/:repo', tag, summary: 'One repository',
    handle: async ({ forge, params }) => (await forge.getRepository(repoOf(params))) ?? notFound(`${params.owner}/${params.repo}`),
  }),
  route({
    id: 'archiveRepository', method: 'POST', path: '/repos/:owner/:repo/archive', tag, summary: 'Archive a repository (read-only from then on)',
    handle: async ({ forge, params }) => {
      await forge.archiveRepository(repoOf(params));
      return forge.getRepository(repoOf(params));
    },
  }),
  route({ id: 'listBranches', method: 'GET', path: '/repos/:owner/:repo/branches', tag, summary: 'Branches', handle: async ({ forge, params }) => forge.listBranches(repoOf(params)) }),
  route({
    id: 'readTree', method: 'GET', path: '/repos/:owner/:repo/tree', tag, summary: 'Files under a path at a ref (default: the default branch, the root)',
    query: z.strictObject({ ref: text.optional(), path: text.optional() }),
    handle: async ({ forge, params, query }) => forge.readTree(repoOf(params), query.ref, query.path),
  }),
  route({
    id: 'readFile', method: 'GET', path: '/repos/:owner/:repo/file', tag, summary: 'One file at a ref, base64-encoded',
    query: z.strictObject({ path: text, ref: text.optional() }),
    handle: async ({ forge, params, query }) => {
      const file = await forge.readFile(repoOf(params), query.path, query.ref);
      if (!file) throw new NotFoundError(`no file '${query.path}' in ${params.owner}/${params.repo}`, {});
      return { path: file.path, sha: file.sha, mode: file.mode, content: file.data.toString('base64'), encoding: 'base64' };
    },
  }),
  route({ id: 'listLabels', method: 'GET', path: '/repos/:owner/:repo/labels', tag, summary: 'Labels', handle: async ({ forge, params }) => forge.listLabels(repoOf(params)) }),
  route({
    id: 'ensureLabel', method: 'POST', path: '/repos/:owner/:repo/labels', tag, summary: 'Create or update a label', body: LabelBody,
    handle: async ({ forge, params, body }) => forge.ensureLabel(repoOf(params), body),
  }),
  route({ id: 'listTags', method: 'GET', path: '/repos/:owner/:repo/tags', tag, summary: 'Tags', handle: async ({ forge, params }) => forge.listTags(repoOf(params)) }),
  route({ id: 'listReleases', method: 'GET', path: '/repos/:owner/:repo/releases', tag, summary: 'Releases, newest first', handle: async ({ forge, params }) => forge.listReleases(repoOf(params)) }),
  route({
    id: 'createRelease', method: 'POST', path: '/repos/:owner/:repo/releases', tag, summary: 'Create a release (and its tag, when missing)', body: ReleaseBody, status: 201,
    handle: async ({ forge, params, body }) => forge.createRelease(repoOf(params), body),
  }),
  route({
    id: 'listEvents', method: 'GET', path: '/events/:owner', tag, summary: "An owner's events after `since` (at most 500); long poll: waits up to `wait` seconds for the first",
    query: z.strictObject({ since: text.regex(/^\d+$/, 'expected an event id (a number)').optional(), wait: z.coerce.number().int().min(0).max(30).optional() }),
    handle: async ({ forge, params, query, req }) => {
      const since = Number(query.since ?? 0);
      const ready = await forge.readEvents(params.owner!, since);
      if (ready.length > 0 || !query.wait) return ready;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), query.wait * 1000);
      // A client that hangs up (or a server that closes) ends the wait.
      req.on('close', () => controller.abort());
      try {
        for await (const event of forge.events(params.owner!, { since: String(since), signal: controller.signal })) return [event, ...(await forge.readEvents(params.owner!, Number(event.id)))];
      } finally {
        clearTimeout(timer);
      }
      return [];
    },
  }),
];
