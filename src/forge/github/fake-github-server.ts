/**
 * A fake GitHub for tests: a node:http server on 127.0.0.1 (random port) that answers the requests
 * a test expects with GitHub-shaped JSON, and records everything. A request nothing expects gets
 * a 400 and is reported by `verify()`, as is an expectation nothing used.
 */
import { useFake } from '../../../test/support/fake-lifecycle.js';
import http from 'node:http';
import { gitBackendEnv, runGitBackend } from '../local/git-http.js';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  /** Below the API prefix, decoded: `/repos/acme/web/git/ref/heads/feature/x`. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** For GraphQL: the operation's variables. */
  variables: Record<string, unknown>;
  /** The values of a route's `:name` segments. */
  params: Record<string, string>;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type FakeAnswer = FakeReply | ((request: FakeRequest) => FakeReply);

interface Expectation {
  label: string;
  matches: (request: FakeRequest) => boolean;
  answer: FakeAnswer;
  /** `'many'`: at least once, as often as asked (a stateful fake's routes). */
  times: number | 'many';
  used: number;
  params?: (path: string) => Record<string, string> | undefined;
}

export class FakeGitHub {
  readonly origin: string;
  /** What to pass as the forge's `baseUrl`. */
  readonly apiUrl: string;
  readonly requests: FakeRequest[] = [];
  private readonly server: http.Server;
  private readonly prefix: string;
  private readonly expectations: Expectation[] = [];
  private readonly unexpected: string[] = [];
  private gitRoot: string | undefined;

  private constructor(server: http.Server, prefix: string) {
    this.server = server;
    this.prefix = prefix;
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.apiUrl = `${this.origin}${prefix}`;
  }

  /** `prefix: '/api/v3'` serves like GitHub Enterprise Server (GraphQL then lives at /api/graphql). */
  static async start(options: { prefix?: string } = {}): Promise<FakeGitHub> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeGitHub(server, options.prefix ?? '');
    server.on('request', (req, res) => void fake.handle(req, res));
    return fake;
  }

  /**
   * Expects `METHOD /path` (below the prefix); query parameters written in the route must match.
   * A `:name` segment matches any one segment, handed to the answer as `request.params.name`.
   * `times: 'many'` expects at least one request and answers any number.
   */
  on(route: string, answer: FakeAnswer, options: { times?: number | 'many' } = {}): this {
    const [method = '', target = ''] = route.split(' ');
    const url = new URL(target, 'http://fake');
    const wanted = [...url.searchParams];
    const names: string[] = [];
    const pattern = new RegExp(`^${url.pathname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
    const params = (path: string) => {
      const m = pattern.exec(path);
      return m ? Object.fromEntries(names.map((n, i) => [n, m[i + 1]!])) : undefined;
    };
    this.expectations.push({
      label: route,
      matches: (r) => r.method === method && params(r.path) !== undefined && r.variables.graphql === undefined && wanted.every(([k, v]) => r.query.get(k) === v),
      answer,
      times: options.times ?? 1,
      used: 0,
      params,
    });
    return this;
  }

  /** Expects a GraphQL operation, by the name the query gives it (`mutation PavedUpdateRefs`). */
  onGraphql(operation: string, answer: FakeAnswer, options: { times?: number | 'many' } = {}): this {
    this.expectations.push({ label: `graphql ${operation}`, matches: (r) => r.variables.graphql === operation, answer, times: options.times ?? 1, used: 0 });
    return this;
  }

  /** A `Link` header pointing at another page of the same listing. */
  link(pathAndQuery: string, next: number, last: number): string {
    const at = (page: number) => `<${this.apiUrl}${pathAndQuery}${pathAndQuery.includes('?') ? '&' : '?'}page=${page}>`;
    return `${at(next)}; rel="next", ${at(last)}; rel="last"`;
  }

  /**
   * Serves git's smart HTTP at `<origin>/<owner>/<name>.git` from the bare repositories under
   * `projectRoot` (`<owner>/<name>.git`), through git's own http-backend, as github.com serves
   * git beside its API. A request without a token is refused as GitHub refuses private ones.
   */
  serveGit(projectRoot: string): this {
    this.gitRoot = projectRoot;
    return this;
  }

  /** The git requests served, with whether each carried credentials. */
  readonly gitRequests: Array<{ method: string; path: string; authorized: boolean }> = [];

  verify(): void {
    const unused = this.expectations.filter((e) => (e.times === 'many' ? e.used === 0 : e.used < e.times)).map((e) => `${e.label} (${e.used}/${e.times})`);
    const problems = [...this.unexpected.map((u) => `unexpected request: ${u}`), ...unused.map((u) => `expected but not requested: ${u}`)];
    if (problems.length) throw new Error(`fake GitHub:\n${problems.join('\n')}`);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const gitPath = /^\/[^/]+\/[^/]+\.git\/(?:info\/refs|git-upload-pack|git-receive-pack)$/.exec(new URL(req.url ?? '/', this.origin).pathname)?.[0];
    if (this.gitRoot && gitPath) {
      const authorized = /^(Basic|Bearer|token) ./i.test(req.headers.authorization ?? '');
      this.gitRequests.push({ method: req.method ?? 'GET', path: gitPath, authorized });
      if (!authorized) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="GitHub"' });
        res.end();
        return;
      }
      const env = gitBackendEnv(req, this.gitRoot, gitPath, 'x-access-token');
      // GitHub accepts pushes over HTTPS; git's backend does only when told to.
      await runGitBackend(req, res, { ...env, GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.receivepack', GIT_CONFIG_VALUE_0: 'true' });
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body: unknown = text ? JSON.parse(text) : undefined;
    const url = new URL(req.url ?? '/', this.origin);
    const graphqlPath = this.prefix.endsWith('/v3') ? this.prefix.replace(/\/v3$/, '/graphql') : `${this.prefix}/graphql`;
    const request: FakeRequest = { method: req.method ?? 'GET', path: '', query: url.searchParams, headers: req.headers, body, variables: {}, params: {} };
    if (req.method === 'POST' && url.pathname === graphqlPath) {
      const { query = '', variables = {} } = (body ?? {}) as { query?: string; variables?: Record<string, unknown> };
      request.path = '/graphql';
      request.variables = { ...variables, graphql: /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? '(anonymous)' };
    } else if (url.pathname.startsWith(`${this.prefix}/`)) {
      request.path = decodeURIComponent(url.pathname.slice(this.prefix.length));
    } else {
      request.path = url.pathname;
      return this.refuse(request, res, 'outside the API prefix');
    }
    this.requests.push(request);
    const expectation = this.expectations.find((e) => (e.times === 'many' || e.used < e.times) && e.matches(request));
    if (!expectation) return this.refuse(request, res, 'no expectation');
    expectation.used++;
    request.params = expectation.params?.(request.path) ?? {};
    const reply = typeof expectation.answer === 'function' ? expectation.answer(request) : expectation.answer;
    const status = reply.status ?? 200;
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    res.writeHead(status, headers);
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }

  private refuse(request: FakeRequest, res: http.ServerResponse, why: string): void {
    const what = `${request.method} ${request.path}${request.query.size ? `?${request.query}` : ''}${request.variables.graphql ? ` (${String(request.variables.graphql)})` : ''}: ${why}`;
    this.unexpected.push(what);
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: `fake GitHub: ${what}` }));
  }
}

/** GitHub-shaped objects with the fields the adapter reads (and a few it ignores). */
export const gh = {
  repo(fullName: string, extra: Record<string, unknown> = {}) {
    const [owner = '', name = ''] = fullName.split('/');
    return {
      id: 1,
      node_id: 'R_1',
      name,
      full_name: fullName,
      owner: { login: owner, type: 'Organization' },
      default_branch: 'main',
      description: null,
      archived: false,
      private: false,
      clone_url: `https://github.com/${fullName}.git`,
      html_url: `https://github.com/${fullName}`,
      created_at: '2024-01-01T00:00:00Z',
      ...extra,
    };
  },
  pull(number: number, extra: Record<string, unknown> = {}) {
    return {
      number,
      title: `PR ${number}`,
      body: null,
      state: 'open',
      head: { ref: `branch-${number}`, sha: 'a'.repeat(40), repo: { full_name: 'acme/web' } },
      base: { ref: 'main', sha: 'b'.repeat(40) },
      labels: [],
      user: { login: 'paved-bot' },
      html_url: `https://github.com/acme/web/pull/${number}`,
      created_at: '2024-01-01T00:00:00Z',
      updated_at: '2024-01-02T00:00:00Z',
      merged_at: null,
      merge_commit_sha: 'c'.repeat(40),
      ...extra,
    };
  },
  ref(ref: string, sha: string, type = 'commit') {
    return { ref, node_id: 'REF_1', object: { sha, type, url: '' } };
  },
  team(slug: string, extra: Record<string, unknown> = {}) {
    return { id: 1, node_id: 'T_1', slug, name: slug, description: null, privacy: 'closed', permission: 'pull', html_url: `https://github.com/orgs/acme/teams/${slug}`, parent: null, ...extra };
  },
  user(login: string) {
    return { login, id: 1, node_id: 'U_1', type: 'User', site_admin: false };
  },
  /** A team's repository as `GET /orgs/{org}/teams/{slug}/repos` lists it: `role_name` and the permissions it implies. */
  teamRepo(fullName: string, permission: 'pull' | 'triage' | 'push' | 'maintain' | 'admin') {
    const order = ['pull', 'triage', 'push', 'maintain', 'admin'];
    const roleName = { pull: 'read', triage: 'triage', push: 'write', maintain: 'maintain', admin: 'admin' }[permission];
    return { ...gh.repo(fullName), role_name: roleName, permissions: Object.fromEntries(order.map((p) => [p, order.indexOf(p) <= order.indexOf(permission)])) };
  },
  /** `GET …/branches/{branch}/protection` as GitHub answers it. */
  protection(rules: { reviews?: number | null; checks?: string[]; enforceAdmins?: boolean; allowForcePushes?: boolean; allowDeletions?: boolean } = {}) {
    const url = 'https://api.github.com/repos/acme/web/branches/main/protection';
    return {
      url,
      ...(rules.checks ? { required_status_checks: { url: `${url}/required_status_checks`, strict: false, contexts: rules.checks, checks: rules.checks.map((context) => ({ context, app_id: null })) } } : {}),
      ...(rules.reviews === null ? {} : { required_pull_request_reviews: { url: `${url}/required_pull_request_reviews`, dismiss_stale_reviews: false, require_code_owner_reviews: false, required_approving_review_count: rules.reviews ?? 1 } }),
      enforce_admins: { url: `${url}/enforce_admins`, enabled: rules.enforceAdmins ?? false },
      required_linear_history: { enabled: false },
      allow_force_pushes: { enabled: rules.allowForcePushes ?? false },
      allow_deletions: { enabled: rules.allowDeletions ?? false },
      required_conversation_resolution: { enabled: false },
    };
  },
};

/** Forge options for a fake: a token, a known actor, and waits shrunk from seconds to 10 ms. */
export function fakeOptions(fake: FakeGitHub) {
  return { token: 'test-token', baseUrl: fake.apiUrl, actor: 'paved-bot', waitUnitMs: 10, pacing: { writesMs: 0, notificationsMs: 0 } };
}

/** A fresh fake GitHub per test, verified and closed after it. */
export function useFakeGitHub(options: { prefix?: string } = {}): () => FakeGitHub {
  return useFake(() => FakeGitHub.start(options), 'GitHub');
}
