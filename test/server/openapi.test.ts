/**
 * The OpenAPI document against the route table the server dispatches on: every route is in it
 * with its body schema, and every path in it is one the server answers with the methods it lists.
 */
import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/server/api.js';
import { jsonSchema } from '../../src/server/openapi.js';
import { openApiPath } from '../../src/server/route.js';
import { api, serve } from './serve.js';

interface Operation {
  operationId: string;
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: { 'application/json': { schema: unknown } } };
  security: unknown[];
}
type Document = { openapi: string; info: { version: string }; paths: Record<string, Record<string, Operation>> };

const SAMPLE: Record<string, string> = { owner: 'acme', repo: 'gitops', number: '1', kind: 'component', namespace: 'default', name: 'x', team: 'platform' };

describe('GET /api/openapi.json', () => {
  it('describes every dispatched route with its parameters and the schema that validates its body', async () => {
    const served = await serve();
    const { status, body: doc } = await api<Document>(served, 'GET', '/openapi.json', { token: null });
    expect(status).toBe(200);
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
    expect(operations).toHaveLength(apiRoutes.length);
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(apiRoutes.length);
    for (const route of apiRoutes) {
      const operation = doc.paths[openApiPath(route.path)]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation!.operationId).toBe(route.id);
      expect(operation!.parameters?.filter((p) => p.in === 'path').map((p) => p.name) ?? []).toEqual(route.params);
      expect(operation!.parameters?.filter((p) => p.in === 'query').map((p) => p.name) ?? []).toEqual(Object.keys(route.query?.shape ?? {}));
      expect(operation!.requestBody?.content['application/json'].schema).toEqual(route.body ? jsonSchema(route.body) : undefined);
      expect(operation!.security, route.id).toEqual(route.access === 'open' ? [] : expect.arrayContaining([{ bearer: [] }]));
    }
    const create = doc.paths['/api/components']!.post!.requestBody!.content['application/json'].schema;
    expect(create).toMatchObject({ type: 'object', required: ['template', 'name', 'team'], additionalProperties: false, properties: { name: { pattern: expect.any(String) } } });
  });

  it('lists only paths the server answers, with exactly their methods', async () => {
    const served = await serve();
    const { body: doc } = await api<Document>(served, 'GET', '/openapi.json');
    for (const [path, methods] of Object.entries(doc.paths)) {
      const concrete = path.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE[name]!);
      // No route takes PUT: the answer lists the methods the dispatcher has for the path.
      const response = await fetch(`${served.url}${concrete}`, { method: 'PUT' });
      expect(response.status, path).toBe(400);
      expect(response.headers.get('allow')?.split(', ').sort(), path).toEqual(Object.keys(methods).map((m) => m.toUpperCase()).sort());
    }
  });
});
