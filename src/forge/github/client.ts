/**
 * One Octokit per forge, set up the way GitHub asks integrations to behave: mutating requests
 * spaced out, primary and secondary rate limits waited out (within a bound the caller chooses),
 * 5xx and network failures retried with backoff, every request under a timeout. Every call goes
 * through `GitHubClient.call`, the one place where Octokit's failures become Paved's errors.
 */
import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { InputError, type PavedError } from '../../errors.js';
import { httpFailure, isNotFound, toPavedError, type HttpFailure, type Operation } from './error-map.js';
import { pacedGroup } from './pacing.js';

export interface GitHubAppCredentials {
  appId: number | string;
  privateKey: string;
  installationId: number;
}

export interface RateLimitWait {
  kind: 'primary' | 'secondary';
  /** How long GitHub asked to wait, in seconds. */
  seconds: number;
  /** `GET /repos/{owner}/{repo}`: the request that waits. */
  request: string;
  /** 1 for the first wait of this request. */
  attempt: number;
}

export interface GitHubForgeOptions {
  /** A personal access token (classic or fine-grained) or any token GitHub accepts as a bearer. */
  token?: string;
  /** Act as a GitHub App installation instead of a token. */
  app?: GitHubAppCredentials;
  /** The REST API's root: https://api.github.com (default) or https://HOST/api/v3 for GitHub Enterprise Server. */
  baseUrl?: string;
  /** Where people and git reach repositories; derived from `baseUrl` when absent. */
  webUrl?: string;
  /** The login this forge acts as; asked of GitHub when absent. */
  actor?: string;
  /** Retries of a request that failed with a 5xx or no answer, and of a rate-limited one (default 3). */
  retries?: number;
  /** Rate-limit waits longer than this fail at once with ExternalServiceError (default 900 s). */
  maxRateLimitWaitSeconds?: number;
  onRateLimitWait?: (info: RateLimitWait) => void;
  /** Per request, retries included separately (default 60 s). */
  requestTimeoutMs?: number;
  /**
   * Minimum spacing of mutating requests, and of those that notify people (pull requests,
   * comments). GitHub asks for about 1 s and 3 s; tests set 0.
   */
  pacing?: { writesMs?: number; notificationsMs?: number };
  /**
   * How long one second of a wait GitHub asks for (retry-after, rate-limit reset, poll interval,
   * retry backoff) lasts, in milliseconds. 1000 except in tests, which shrink waits without
   * faking the headers.
   */
  waitUnitMs?: number;
}

const GITHUB_API = 'https://api.github.com';
const PavedOctokit = Octokit.plugin(retry, throttling);
export type PavedOctokit = InstanceType<typeof PavedOctokit>;

export interface ResolvedUrls {
  baseUrl: string;
  webUrl: string;
}

/** github.com's API lives on api.github.com; GitHub Enterprise Server's under https://HOST/api/v3. */
export function resolveUrls(options: Pick<GitHubForgeOptions, 'baseUrl' | 'webUrl'>): ResolvedUrls {
  const baseUrl = trimSlash(options.baseUrl ?? GITHUB_API);
  const api = parseUrl(baseUrl, 'baseUrl');
  if (options.webUrl) return { baseUrl, webUrl: trimSlash(parseUrl(options.webUrl, 'webUrl').href) };
  if (api.hostname === 'api.github.com') return { baseUrl, webUrl: 'https://github.com' };
  const path = trimSlash(api.pathname);
  if (path.endsWith('/api/v3')) return { baseUrl, webUrl: `${api.origin}${path.slice(0, -'/api/v3'.length)}` };
  // GitHub Enterprise Cloud with data residency: api.SUBDOMAIN.ghe.com serves SUBDOMAIN.ghe.com.
  if (api.hostname.startsWith('api.')) return { baseUrl, webUrl: `${api.protocol}//${api.host.slice('api.'.length)}${path}` };
  return { baseUrl, webUrl: `${api.origin}${path}` };
}

function parseUrl(value: string, field: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new InputError(`GitHub ${field} '${value}' is not a URL; use e.g. https://api.github.com or https://github.example.com/api/v3`, { field, value });
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export function createOctokit(options: GitHubForgeOptions, baseUrl: string): PavedOctokit {
  const retries = options.retries ?? 3;
  const maxWait = options.maxRateLimitWaitSeconds ?? 900;
  const unit = options.waitUnitMs ?? 1000;
  const onLimit = (kind: RateLimitWait['kind']) => (seconds: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    if (retryCount >= retries || seconds > maxWait) return false;
    options.onRateLimitWait?.({ kind, seconds, request: `${request.method} ${request.url}`, attempt: retryCount + 1 });
    return true;
  };
  const throttle: ThrottlingOptions = {
    onRateLimit: onLimit('primary'),
    onSecondaryRateLimit: onLimit('secondary'),
    retryAfterBaseValue: unit,
    // Our own groups: the plugin's are shared by every Octokit in the process and fixed at 1 s / 3 s.
    write: pacedGroup(options.pacing?.writesMs ?? 1000) as unknown as ThrottlingOptions['write'],
    notifications: pacedGroup(options.pacing?.notificationsMs ?? 3000) as unknown as ThrottlingOptions['notifications'],
  };
  const common = {
    baseUrl,
    userAgent: 'paved',
    throttle,
    // Only failures a second attempt can fix; 403/429 rate limits are the throttling plugin's.
    retry: { retries, retryAfterBaseValue: unit, doNotRetry: [400, 401, 403, 404, 405, 409, 410, 412, 422, 429, 451] },
    request: { fetch: fetchWithTimeout(options.requestTimeoutMs ?? 60_000) },
    // Failures reach the caller as errors; Octokit's own console logging would only duplicate them.
    log: { debug: noop, info: noop, warn: noop, error: noop },
  };
  if (options.app) {
    const { appId, privateKey, installationId } = options.app;
    return new PavedOctokit({ ...common, authStrategy: createAppAuth, auth: { appId, privateKey, installationId } });
  }
  return new PavedOctokit({ ...common, auth: options.token });
}

function noop(): void {}

function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  };
}

export function validateCredentials(options: GitHubForgeOptions): void {
  if (options.token && options.app) throw new InputError('give the GitHub forge either a token or app credentials, not both', { fields: ['token', 'app'] });
  if (!options.token && !options.app) {
    throw new InputError('the GitHub forge needs credentials: set a token (e.g. GITHUB_TOKEN, a fine-grained token with contents, pull requests and administration access) or app credentials (appId, privateKey, installationId)', { fields: ['token', 'app'] });
  }
}

/** The Octokit plus what every area of the adapter needs: error mapping, URLs, credentials for git. */
export class GitHubClient {
  readonly octokit: PavedOctokit;
  readonly baseUrl: string;
  readonly webUrl: string;
  private readonly options: GitHubForgeOptions;
  private gitToken: { value: string; expiresAt: number } | undefined;

  constructor(options: GitHubForgeOptions) {
    validateCredentials(options);
    const urls = resolveUrls(options);
    this.baseUrl = urls.baseUrl;
    this.webUrl = urls.webUrl;
    this.options = options;
    this.octokit = createOctokit(options, this.baseUrl);
    if (options.token) this.gitToken = { value: options.token, expiresAt: Number.POSITIVE_INFINITY };
  }

  get waitUnitMs(): number {
    return this.options.waitUnitMs ?? 1000;
  }

  /**
   * Runs one GitHub call; failures become Paved errors that say what `op` needed. `explain` gets
   * first say on an HTTP failure, for answers that mean something particular to this call.
   */
  async call<T>(op: Operation, fn: (octokit: PavedOctokit) => Promise<T>, explain?: (failure: HttpFailure) => PavedError | undefined): Promise<T> {
    let result: T;
    try {
      result = await fn(this.octokit);
    } catch (error) {
      const failure = explain && httpFailure(error);
      const explained = failure && explain(failure);
      if (explained) throw explained;
      throw toPavedError(error, op, this.baseUrl);
    }
    if (this.gitTokenRunsOut()) await this.refreshGitToken();
    return result;
  }

  /** Like `call`, for reads where "not found" is an answer, not a failure. */
  async find<T>(op: Operation, fn: (octokit: PavedOctokit) => Promise<T>): Promise<T | undefined> {
    try {
      return await fn(this.octokit);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw toPavedError(error, op, this.baseUrl);
    }
  }

  graphql<T>(op: Operation, query: string, variables: Record<string, unknown>): Promise<T> {
    return this.call(op, (octokit) => octokit.graphql<T>(query, variables));
  }

  /** Who the credentials belong to: the token's user, or the app's bot account. */
  async whoAmI(): Promise<string> {
    if (this.options.app) {
      const app = await this.call({ action: 'read the GitHub App', permission: 'none (app JWT)' }, (o) => o.rest.apps.getAuthenticated());
      if (!app.data?.slug) throw new InputError('GitHub did not name the app these credentials belong to; set actor explicitly', {});
      return `${app.data.slug}[bot]`;
    }
    const user = await this.call({ action: 'read the user the token belongs to (or set actor explicitly)', permission: 'none' }, (o) => o.rest.users.getAuthenticated());
    return user.data.login;
  }

  /**
   * The token git sends. For an app it is the installation token, which lasts an hour; Octokit's
   * auth caches it, so asking again is cheap and renews it when needed.
   */
  async refreshGitToken(): Promise<string> {
    if (!this.options.app) return this.options.token ?? '';
    let auth: { token: string; expiresAt?: string };
    try {
      // Not through `call`, which itself renews the token after each request.
      auth = (await this.octokit.auth({ type: 'installation' })) as { token: string; expiresAt?: string };
    } catch (error) {
      throw toPavedError(error, { action: 'get an installation token for the GitHub App (check appId, privateKey and installationId)', permission: 'none (app JWT)' }, this.baseUrl);
    }
    this.gitToken = { value: auth.token, expiresAt: auth.expiresAt ? Date.parse(auth.expiresAt) : Date.now() + 50 * 60_000 };
    return auth.token;
  }

  /** An app's installation token for git is due for renewal (Octokit's auth renews it after 59 minutes). */
  private gitTokenRunsOut(): boolean {
    return this.options.app !== undefined && (!this.gitToken || this.gitToken.expiresAt - 5 * 60_000 < Date.now());
  }

  /** The last token fetched; undefined when an app's has not been fetched yet or ran out. */
  cachedGitToken(): string | undefined {
    if (!this.gitToken || this.gitToken.expiresAt - 60_000 < Date.now()) return undefined;
    return this.gitToken.value;
  }
}
