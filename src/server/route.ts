/**
 * One API route as data: method, path, schemas, who may call it, and its handler. The server
 * dispatches on a list of these and the OpenAPI document is generated from the same list, so
 * the two cannot disagree.
 */
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import type { LocalForge } from '../forge/local/forge.js';
import type { Platform } from '../platform/platform.js';

export type Method = 'GET' | 'POST' | 'PATCH';

/**
 * `open`: anyone, credentials are not even read (health, the OpenAPI document). `read`: a token,
 * or none when paved.yaml has forge.anonymousRead. `write`: always a token.
 */
export type Access = 'open' | 'read' | 'write';

export interface RouteContext<B, Q> {
  /** The platform with its forge acting as the caller, at the URL the server listens on. */
  platform: Platform;
  /**
   * The platform acting as itself (its first admin), for upkeep done on everyone's behalf: a
   * catalog refresh must see every repository, or it would drop what the caller cannot see.
   */
  service: Platform;
  forge: LocalForge;
  /** Undefined for an anonymous reader. */
  login: string | undefined;
  params: Record<string, string>;
  query: Q;
  body: B;
  req: IncomingMessage;
}

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> {
  /** The OpenAPI operationId. */
  id: string;
  method: Method;
  /** Under /api; `:name` is a path parameter (`:number` matches digits only). */
  path: string;
  summary: string;
  tag: string;
  /** Default: `read` for GET, `write` otherwise. */
  access?: Access;
  body?: B;
  /** A zod object of string fields (what a query string holds). */
  query?: Q;
  /** On success; default 200. */
  status?: number;
  handle(ctx: RouteContext<Output<B>, Output<Q>>): Promise<unknown>;
}

export interface Route {
  id: string;
  method: Method;
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: z.ZodType;
  query?: z.ZodObject;
  status: number;
  params: string[];
  pattern: RegExp;
  handle(ctx: RouteContext<unknown, unknown>): Promise<unknown>;
}

const PARAM = /:([A-Za-z]+)/g;
const PARAM_PATTERN: Record<string, string> = { number: '(\\d+)' };

export function route<B extends z.ZodType | undefined = undefined, Q extends z.ZodObject | undefined = undefined>(spec: RouteSpec<B, Q>): Route {
  const params = [...spec.path.matchAll(PARAM)].map((m) => m[1]!);
  const source = spec.path.replace(/[.]/g, '\\.').replace(PARAM, (_, name: string) => PARAM_PATTERN[name] ?? '([A-Za-z0-9_.-]+)');
  return {
    ...spec,
    access: spec.access ?? (spec.method === 'GET' ? 'read' : 'write'),
    status: spec.status ?? 200,
    params,
    pattern: new RegExp(`^/api${source}$`),
    handle: spec.handle as Route['handle'],
  } as Route;
}

/** The path as OpenAPI writes it: `/api/repos/{owner}`. */
export function openApiPath(path: string): string {
  return `/api${path.replace(PARAM, '{$1}')}`;
}
