/** The catalog and the templates, read-only: what exists and what can be made. */
import { z } from 'zod';
import { Catalog, MAX_LIMIT } from '../catalog/index.js';
import { NotFoundError } from '../errors.js';
import { listCatalog } from '../platform/catalog.js';
import { listTemplates } from '../platform/templates.js';
import { route } from './route.js';

const filter = z.string().optional();

export const CatalogQuery = z.strictObject({
  kind: filter.describe('any case: component, Component'),
  owner: filter.describe('an entity ref; a bare name is a group'),
  system: filter.describe('an entity ref; a bare name is a system'),
  lifecycle: filter,
  type: filter,
  template: filter.describe("the template's name"),
  q: filter.describe('case-insensitive substring of the name, title, description or a tag'),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).optional().describe(`page size, 1 to ${MAX_LIMIT}; default 50`),
  cursor: filter.describe('nextCursor of the previous page'),
});

export const catalogRoutes = [
  route({
    id: 'listTemplates', method: 'GET', path: '/templates', tag: 'templates', summary: 'The templates the platform offers, with their questions',
    handle: async ({ platform }) => listTemplates(platform),
  }),
  route({
    id: 'getTemplate', method: 'GET', path: '/templates/:name', tag: 'templates', summary: 'One template with its questions and versions',
    handle: async ({ platform, params }) => {
      const offered = await listTemplates(platform);
      const found = offered.find((t) => t.name === params.name);
      if (!found) throw new NotFoundError(`no template '${params.name}'; use one of: ${offered.map((t) => t.name).join(', ') || '(none yet)'}`, { template: params.name });
      return found;
    },
  }),
  route({
    id: 'listCatalog', method: 'GET', path: '/catalog', tag: 'catalog', summary: 'A page of catalog entities in ref order; follow nextCursor for the next',
    query: CatalogQuery,
    handle: async ({ service, query }) => listCatalog(service, query),
  }),
  route({
    id: 'getEntity', method: 'GET', path: '/catalog/:kind/:namespace/:name', tag: 'catalog', summary: 'One entity with its relations',
    handle: async ({ service, params }) => {
      const ref = `${params.kind}:${params.namespace}/${params.name}`;
      // A workspace never listed has an empty catalog; listing fills it the way the CLI does.
      await listCatalog(service, { limit: 1 });
      const entry = await new Catalog(service.store).get(ref);
      if (!entry) throw new NotFoundError(`no entity ${ref.toLowerCase()} in the catalog; GET /api/catalog lists them`, { ref });
      return entry;
    },
  }),
];
