/**
 * Turns what Octokit throws into Paved's error families, with a message that says what to do.
 * Octokit's error classes live in packages we do not depend on directly, so errors are recognised
 * by shape (an HTTP status, a GraphQL `errors` list) rather than by class.
 */
import {
  ConflictError,
  ExternalServiceError,
  InputError,
  NotFoundError,
  PavedError,
  PermissionError,
  isPavedError,
} from '../../errors.js';

/** What a call was doing, for messages: `merge pull request #3 in acme/web`, and the permission it needs. */
export interface Operation {
  action: string;
  /** Fine-grained token / GitHub App permission, e.g. `contents: write`. */
  permission: string;
}

export interface HttpFailure {
  status: number;
  message: string;
  headers: Record<string, string | undefined>;
  data: unknown;
}

interface GraphqlFailure {
  errors: Array<{ type?: string; message: string }>;
}

/** The HTTP side of an Octokit error, or undefined for anything else. */
export function httpFailure(error: unknown): HttpFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const { status, response } = error as Error & { status?: unknown; response?: { headers?: Record<string, string>; data?: unknown } };
  if (typeof status !== 'number') return undefined;
  // Octokit reports a request that never got an answer (DNS, refused, timeout) as a 500 without a response.
  if (!response) return undefined;
  return { status, message: githubMessage(response.data) ?? error.message, headers: response.headers ?? {}, data: response.data };
}

function githubMessage(data: unknown): string | undefined {
  if (typeof data === 'object' && data !== null && 'message' in data && typeof data.message === 'string') return data.message;
  return undefined;
}

function graphqlFailure(error: unknown): GraphqlFailure | undefined {
  if (!(error instanceof Error) || error.name !== 'GraphqlResponseError') return undefined;
  const { errors } = error as Error & { errors?: unknown };
  return Array.isArray(errors) ? { errors: errors as GraphqlFailure['errors'] } : undefined;
}

export function isNotFound(error: unknown): boolean {
  if (error instanceof NotFoundError) return true;
  if (httpFailure(error)?.status === 404) return true;
  return graphqlFailure(error)?.errors.some((e) => e.type === 'NOT_FOUND') ?? false;
}

/** Whether GitHub's validation errors say the thing already exists. */
export function saysExists(failure: HttpFailure): boolean {
  const errors = typeof failure.data === 'object' && failure.data !== null && 'errors' in failure.data && Array.isArray(failure.data.errors) ? (failure.data.errors as unknown[]) : [];
  return /already exists?/i.test(failure.message) || errors.some((e) => typeof e === 'object' && e !== null && ((e as { code?: unknown }).code === 'already_exists' || /already exists?/i.test(String((e as { message?: unknown }).message ?? ''))));
}

export function isRateLimited(failure: HttpFailure): boolean {
  return failure.status === 429 || failure.headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(failure.message);
}

export function toPavedError(error: unknown, op: Operation, baseUrl: string): PavedError {
  if (isPavedError(error)) return error;
  const failure = httpFailure(error);
  if (failure) return fromHttp(failure, op, baseUrl, error);
  const graphql = graphqlFailure(error);
  if (graphql) return fromGraphql(graphql, op, baseUrl, error);
  const detail = error instanceof Error ? error.message : String(error);
  return new ExternalServiceError(`could not reach GitHub at ${baseUrl} to ${op.action}: ${detail}; check the URL, the network and any proxy, then try again`, { baseUrl }, { cause: error });
}

function fromHttp(failure: HttpFailure, op: Operation, baseUrl: string, cause: unknown): PavedError {
  const { status, message } = failure;
  const details = { status, baseUrl, githubMessage: message };
  if (status === 401) {
    return new PermissionError(`GitHub at ${baseUrl} rejected the credentials while trying to ${op.action} (401: ${message}); the token is missing, expired or revoked: create a new one (or check the GitHub App id, key and installation) and configure it`, details, { cause });
  }
  if ((status === 403 || status === 429) && isRateLimited(failure)) {
    const reset = Number(failure.headers['x-ratelimit-reset']);
    const when = Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString()}` : '';
    return new ExternalServiceError(`GitHub's rate limit stopped the attempt to ${op.action}${when}; try again later, or allow longer waits (maxRateLimitWaitSeconds)`, { ...details, reset: failure.headers['x-ratelimit-reset'] }, { cause });
  }
  if (status === 403 && /archived/i.test(message)) {
    return new ConflictError(`could not ${op.action}: the repository is archived and read-only; unarchive it on GitHub first`, { ...details, reason: 'archived' }, { cause });
  }
  if (status === 403) {
    const accepted = failure.headers['x-accepted-github-permissions'] ?? failure.headers['x-accepted-oauth-scopes'];
    const hint = accepted ? ` (GitHub accepts: ${accepted})` : '';
    return new PermissionError(`GitHub refused to ${op.action} (403: ${message}); give the token the '${op.permission}' permission${hint} (fine-grained token or GitHub App) or the 'repo' scope (classic token)`, { ...details, permission: op.permission }, { cause });
  }
  if (status === 404 || status === 410) {
    return new NotFoundError(`could not ${op.action}: not found on GitHub (${message}); check the names, and that the token may see the repository (GitHub answers 404 to tokens without access)`, details, { cause });
  }
  if ((status === 409 || status === 422) && saysExists(failure)) {
    return new ConflictError(`could not ${op.action}: it already exists (${message})`, { ...details, reason: 'exists' }, { cause });
  }
  if (status === 409) {
    return new ConflictError(`could not ${op.action}: it changed on GitHub meanwhile (${message}); read it again and retry`, { ...details, reason: 'stale' }, { cause });
  }
  if (status === 422 || status === 400) {
    return new InputError(`GitHub refused to ${op.action}: ${message}`, { ...details, errors: errorList(failure.data) }, { cause });
  }
  if (status >= 500) {
    return new ExternalServiceError(`GitHub at ${baseUrl} failed (${status}) to ${op.action}, also on retry; try again later (https://www.githubstatus.com)`, details, { cause });
  }
  return new ExternalServiceError(`GitHub at ${baseUrl} answered ${status} when asked to ${op.action}: ${message}`, details, { cause });
}

function fromGraphql(failure: GraphqlFailure, op: Operation, baseUrl: string, cause: unknown): PavedError {
  const messages = failure.errors.map((e) => e.message).join('; ');
  const types = new Set(failure.errors.map((e) => e.type));
  const details = { baseUrl, githubMessage: messages, types: [...types] };
  if (types.has('NOT_FOUND')) return new NotFoundError(`could not ${op.action}: not found on GitHub (${messages}); check the names, and that the token may see the repository`, details, { cause });
  if (types.has('FORBIDDEN')) return new PermissionError(`GitHub refused to ${op.action} (${messages}); give the token the '${op.permission}' permission (fine-grained token or GitHub App) or the 'repo' scope (classic token)`, details, { cause });
  if (types.has('RATE_LIMITED')) return new ExternalServiceError(`GitHub's rate limit stopped the attempt to ${op.action}; try again later`, details, { cause });
  return new ExternalServiceError(`GitHub refused to ${op.action}: ${messages}`, details, { cause });
}

function errorList(data: unknown): unknown[] {
  return typeof data === 'object' && data !== null && 'errors' in data && Array.isArray(data.errors) ? data.errors : [];
}
