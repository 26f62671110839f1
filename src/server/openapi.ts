/**
 * The OpenAPI 3.1 document of /api/, generated from the route table the server dispatches on and
 * from the zod schemas that validate each request: a route or a field cannot exist in one and
 * not the other.
 */
import { z } from 'zod';
import { STATUS } from './http.js';
import { openApiPath, type Route } from './route.js';

type Schema = Record<string, unknown>;

/** Request input as JSON Schema 2020-12 (OpenAPI 3.1's dialect): what a client sends, before defaults. */
export function jsonSchema(schema: z.ZodType): Schema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  return rest;
}

function parameters(route: Route): Schema[] {
  const path = route.params.map((name) => ({ name, in: 'path', required: true, schema: { type: name === 'number' ? 'integer' : 'string' } }));
  if (!route.query) return path;
  const query = jsonSchema(route.query) as { properties?: Record<string, Schema>; required?: string[] };
  return [...path, ...Object.entries(query.properties ?? {}).map(([name, schema]) => ({ name, in: 'query', required: query.required?.includes(name) ?? false, schema }))];
}

const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });

function operation(route: Route, anonymousRead: boolean): Schema {
  const params = parameters(route);
  const token = [{ bearer: [] }, { basic: [] }];
  const security = route.access === 'open' ? [] : route.access === 'read' && anonymousRead ? [...token, {}] : token;
  return {
    operationId: route.id,
    summary: route.summary,
    tags: [route.tag],
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body) } } } } : {}),
    security,
    responses: {
      [route.status]: { description: 'success', content: { 'application/json': { schema: {} } } },
      ...(route.access === 'open' ? {} : { [STATUS.unauthenticated]: ref('Unauthenticated') }),
      default: ref('Error'),
    },
  };
}

const ErrorBody = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: [...Object.keys(STATUS), 'internal'], description: 'stable; scripts match on it' },
        message: { type: 'string', description: 'what is wrong and what to do; for people' },
        details: { type: 'object', description: 'machine-readable facts: field, issues, …' },
      },
    },
  },
};

export function openApiDocument(routes: readonly Route[], info: { version: string; anonymousRead: boolean }): Schema {
  const paths: Record<string, Record<string, Schema>> = {};
  for (const route of routes) (paths[openApiPath(route.path)] ??= {})[route.method.toLowerCase()] = operation(route, info.anonymousRead);
  const error = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  return {
    openapi: '3.1.0',
    info: { title: 'Paved API', version: info.version, description: 'The API of `paved start`: templates, components, the catalog, teams and the local forge. See docs/api.md.' },
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'a platform token (pvd_…)' },
        basic: { type: 'http', scheme: 'basic', description: 'any user name, the platform token as the password (what git sends)' },
      },
      schemas: { Error: ErrorBody },
      responses: {
        Error: { description: `an error; the status says its family (${Object.entries(STATUS).map(([code, status]) => `${status} ${code}`).join(', ')})`, ...error },
        Unauthenticated: { description: 'no token, or one the platform does not know', headers: { 'WWW-Authenticate': { schema: { type: 'string' } } }, ...error },
      },
    },
  };
}
