/**
 * The JSON API under /api/: the route table and its dispatch. Who is calling is decided here,
 * once, from the route's access (see route.ts); handlers get the platform acting as the caller.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PlatformConfig } from '../config/index.js';
import { AuthenticationError, InputError, NotFoundError } from '../errors.js';
import type { LocalForge } from '../forge/local/forge.js';
import { identify } from '../forge/local/http-auth.js';
import type { Platform } from '../platform/platform.js';
import pkg from '../../package.json' with { type: 'json' };
import { catalogRoutes } from './catalog-routes.js';
import { componentRoutes } from './component-routes.js';
import { fleetRoutes } from './fleet-routes.js';
import { formRoutes } from './form-routes.js';
import { forgeRoutes } from './forge-routes.js';
import { readJson, sendJson } from './http.js';
import { openApiDocument } from './openapi.js';
import { pullRoutes } from './pull-routes.js';
import { sessionRoutes } from './session-routes.js';
import { route, type Route } from './route.js';
import { teamRoutes } from './team-routes.js';
import { parseInput } from './validate.js';

export interface ApiOptions {
  platform: Platform;
  /** The platform's forge at the URL the server listens on. */
  forge: LocalForge;
}

/** Whether reads (API GETs, git clone and fetch) need no token: paved.yaml's forge.anonymousRead. */
export function allowsAnonymousRead(config: PlatformConfig): boolean {
  return config.forge.kind === 'local' && config.forge.anonymousRead;
}

export const apiRoutes: Route[] = [
  route({
    id: 'health', method: 'GET', path: '/health', tag: 'platform', access: 'open', summary: 'Liveness, the version and the organisation',
    handle: async ({ platform }) => ({ ok: true, version: pkg.version, organisation: platform.workspace.config.organisation }),
  }),
  route({
    id: 'openapi', method: 'GET', path: '/openapi.json', tag: 'platform', access: 'open', summary: 'This API as an OpenAPI 3.1 document',
    handle: async ({ platform }) => openApiDocument(apiRoutes, { version: pkg.version, anonymousRead: allowsAnonymousRead(platform.workspace.config) }),
  }),
  ...sessionRoutes,
  ...catalogRoutes,
  ...formRoutes,
  ...componentRoutes,
  ...fleetRoutes,
  ...teamRoutes,
  ...forgeRoutes,
  ...pullRoutes,
];

/** The caller, undefined for an allowed anonymous reader; refuses everyone else with 401. */
async function authenticate(req: IncomingMessage, found: Route, options: ApiOptions): Promise<{ login: string; token: string } | undefined> {
  if (found.access === 'open') return undefined;
  const caller = await identify(options.platform.store.db, req);
  const how = 'send a platform token as "Authorization: Bearer <token>"';
  if (caller.kind === 'invalid') throw new AuthenticationError(`the token was not accepted; ${how}`, {});
  if (caller.kind === 'user') return { login: caller.user.login, token: caller.token };
  if (found.access === 'read' && allowsAnonymousRead(options.platform.workspace.config)) return undefined;
  const why = found.access === 'read' ? ' (paved.yaml sets forge.anonymousRead: false)' : '';
  throw new AuthenticationError(`${found.method} /api${found.path} needs a token${why}; ${how}`, {});
}

export async function handleApi(req: IncomingMessage, res: ServerResponse, options: ApiOptions): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const matching = apiRoutes.filter((r) => r.pattern.test(url.pathname));
  if (matching.length === 0) throw new NotFoundError(`no API endpoint ${url.pathname}; the endpoints are listed at /api/openapi.json`, { path: url.pathname });
  const found = matching.find((r) => r.method === method);
  if (!found) {
    const allowed = matching.map((r) => r.method).join(', ');
    res.setHeader('Allow', allowed);
    throw new InputError(`${method} is not allowed on ${url.pathname} (allowed: ${allowed})`, {});
  }
  const caller = await authenticate(req, found, options);
  const forge = caller ? options.forge.as(caller.login, caller.token) : options.forge.as('-anonymous-');
  const values = found.pattern.exec(url.pathname)!.slice(1);
  const params = Object.fromEntries(found.params.map((name, i) => [name, values[i]!]));
  const query = found.query ? parseInput(found.query, Object.fromEntries(url.searchParams), { keyNoun: 'query parameter' }) : undefined;
  const body = found.body ? parseInput(found.body, await readJson(req)) : undefined;
  const platform = { ...options.platform, forge };
  const service = { ...options.platform, forge: options.forge };
  const result = await found.handle({ platform, service, forge, login: caller?.login, params, query, body, req });
  sendJson(res, found.status, result ?? null);
}
