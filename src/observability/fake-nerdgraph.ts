/**
 * A fake NerdGraph for tests: a node:http server on 127.0.0.1 (random port) that answers the
 * GraphQL operations a test expects, in the order it expects them, with NerdGraph-shaped JSON,
 * and records every request. A request out of order or unexpected gets a 400 and is reported by
 * `verify()`, as is an expectation nothing used. It is no NewRelic: it checks nothing a real
 * NerdGraph would check beyond what the test says.
 */
import { useFake } from '../../test/support/fake-lifecycle.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NerdGraphRequest {
  /** The operation's name: `PavedCreateDashboard`. */
  operation: string;
  query: string;
  variables: Record<string, unknown>;
  headers: http.IncomingHttpHeaders;
}

export interface NerdGraphReply {
  status?: number;
  body: unknown;
}

interface Expectation {
  operation: string;
  reply: NerdGraphReply | ((request: NerdGraphRequest) => NerdGraphReply);
}

export class FakeNerdGraph {
  readonly endpoint: string;
  readonly requests: NerdGraphRequest[] = [];
  private readonly server: http.Server;
  private readonly expectations: Expectation[] = [];
  private readonly problems: string[] = [];

  private constructor(server: http.Server) {
    this.server = server;
    this.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  }

  static async start(): Promise<FakeNerdGraph> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeNerdGraph(server);
    server.on('request', (req, res) => void fake.handle(req, res));
    return fake;
  }

  /** The next operation expected, and its answer: `{ data }`, `{ errors }`, or a reply with a status. */
  on(operation: string, reply: NerdGraphReply | ((request: NerdGraphRequest) => NerdGraphReply)): this {
    this.expectations.push({ operation, reply });
    return this;
  }

  /** Shorthand for a 200 answer with `data`. */
  data(operation: string, data: unknown): this {
    return this.on(operation, { body: { data } });
  }

  verify(): void {
    const unused = this.expectations.map((e) => `expected but not requested: ${e.operation}`);
    const problems = [...this.problems, ...unused];
    if (problems.length) throw new Error(`fake NerdGraph:\n${problems.join('\n')}`);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const refuse = (why: string) => {
      this.problems.push(why);
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: `fake NerdGraph: ${why}` }] }));
    };
    if (req.method !== 'POST' || new URL(req.url ?? '/', this.endpoint).pathname !== '/graphql') return refuse(`unexpected ${req.method} ${req.url}`);
    const { query = '', variables = {} } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query?: string; variables?: Record<string, unknown> };
    const operation = /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? '(anonymous)';
    const request: NerdGraphRequest = { operation, query, variables, headers: req.headers };
    this.requests.push(request);
    const next = this.expectations[0];
    if (!next || next.operation !== operation) return refuse(`unexpected request: ${operation}${next ? ` (expected ${next.operation})` : ''}`);
    this.expectations.shift();
    const reply = typeof next.reply === 'function' ? next.reply(request) : next.reply;
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  }
}

/** A fresh fake NerdGraph per test, verified and closed after it. */
export function useFakeNerdGraph(): () => FakeNerdGraph {
  return useFake(() => FakeNerdGraph.start(), 'NerdGraph');
}

/** NerdGraph-shaped answers for the operations apply sends. */
export const ng = {
  entities: (entities: Array<{ guid: string; name: string; dashboardParentGuid?: string | null }>, nextCursor: string | null = null) => ({ actor: { entitySearch: { results: { nextCursor, entities } } } }),
  dashboard: (field: 'dashboardCreate' | 'dashboardUpdate', guid: string, name: string) => ({ [field]: { entityResult: { guid, name }, errors: null } }),
  policies: (policies: Array<{ id: string; name: string }>, nextCursor: string | null = null) => ({ actor: { account: { alerts: { policiesSearch: { nextCursor, policies } } } } }),
  policyCreated: (id: string, name: string) => ({ alertsPolicyCreate: { id, name } }),
  conditions: (nrqlConditions: Array<{ id: string; name: string; type: string }>, nextCursor: string | null = null) => ({ actor: { account: { alerts: { nrqlConditionsSearch: { nextCursor, nrqlConditions } } } } }),
  conditionCreated: (id: string, name: string) => ({ alertsNrqlConditionStaticCreate: { id, name } }),
  conditionUpdated: (id: string, name: string) => ({ alertsNrqlConditionStaticUpdate: { id, name } }),
};
