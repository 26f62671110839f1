import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/fixtures.js';
import { openSqliteStore, type Store } from '../store/index.js';
import { Catalog } from './catalog.js';
import { validateEntity } from './parse.js';
import type { Entity } from './schema.js';

const open: Store[] = [];
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
});

async function freshCatalog(): Promise<{ catalog: Catalog; store: Store }> {
  const store = await openSqliteStore(path.join(tempDir(), 'paved.db'));
  open.push(store);
  return { catalog: new Catalog(store), store };
}

function entity(kind: string, name: string, spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): Entity {
  const result = validateEntity({ apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, ...metadata }, spec });
  if (Array.isArray(result)) throw new Error(result.join('; '));
  return result;
}

const component = (name: string, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}) =>
  entity('Component', name, { type: 'service', lifecycle: 'production', owner: 'payments', ...spec }, metadata);

describe('the catalog store', () => {
  it('stores a source with its filter columns, and each relation from both ends', async () => {
    const { catalog } = await freshCatalog();
    const result = await catalog.replaceSource('acme/orders', [component('orders-api', { system: 'orders', providesApis: ['orders'] }, { title: 'Orders API', tags: ['java'] })], {
      'component:default/orders-api': { template: { name: 'node-service', src: 'gh:acme/node-service', answersFile: '.copier-answers.yml' }, environments: { prod: '1.2.0' } },
    });
    expect(result).toEqual({ source: 'acme/orders', entities: 1, relations: 6 });
    const entry = await catalog.get('component:orders-api');
    expect(entry).toMatchObject({
      ref: 'component:default/orders-api',
      kind: 'Component',
      source: 'acme/orders',
      location: 'acme/orders',
      title: 'Orders API',
      owner: 'group:default/payments',
      system: 'system:default/orders',
      lifecycle: 'production',
      type: 'service',
      template: 'node-service',
      tags: ['java'],
      enrichment: { environments: { prod: '1.2.0' } },
      relations: [
        { type: 'ownedBy', targetRef: 'group:default/payments' },
        { type: 'partOf', targetRef: 'system:default/orders' },
        { type: 'providesApi', targetRef: 'api:default/orders' },
      ],
    });
    expect(entry?.entity.metadata.name).toBe('orders-api');
    // The other ends know too, though nothing declared them yet.
    expect(await catalog.relations('group:default/payments')).toEqual([{ type: 'ownerOf', targetRef: 'component:default/orders-api' }]);
    expect(await catalog.relations('api:default/orders')).toEqual([{ type: 'apiProvidedBy', targetRef: 'component:default/orders-api' }]);
    expect(await catalog.get('component:default/missing')).toBeUndefined();
  });

  it('lists a relation declared from both ends once', async () => {
    const { catalog } = await freshCatalog();
    await catalog.replaceSource('platform', [entity('Group', 'payments', { type: 'team', children: [], members: ['jdoe'] }), entity('User', 'jdoe', { memberOf: ['payments'] })]);
    expect(await catalog.relations('user:default/jdoe')).toEqual([{ type: 'memberOf', targetRef: 'group:default/payments' }]);
    expect(await catalog.relations('group:default/payments')).toEqual([{ type: 'hasMember', targetRef: 'user:default/jdoe' }]);
  });

  it('replaces a source whole: what it no longer declares goes, with its relations at both ends', async () => {
    const { catalog, store } = await freshCatalog();
    await catalog.replaceSource('acme/orders', [component('orders-api'), component('orders-worker', { dependsOn: ['component:orders-api'] })]);
    await catalog.replaceSource('acme/search', [component('search-api')]);
    await catalog.recordSourceErrors('acme/orders', [{ location: 'catalog-info.yaml', message: 'broken' }]);
    await store.write((tx) => tx.updateTable('catalogEntities').set({ updatedAt: '2000-01-01T00:00:00.000Z' }).execute());

    await catalog.replaceSource('acme/orders', [component('orders-api'), component('orders-ui', { type: 'website' })]);
    expect((await catalog.list({})).items.map((i) => i.ref)).toEqual(['component:default/orders-api', 'component:default/orders-ui', 'component:default/search-api']);
    expect(await catalog.relations('component:default/orders-api')).toEqual([{ type: 'ownedBy', targetRef: 'group:default/payments' }]);
    expect((await catalog.relations('group:default/payments')).map((r) => r.targetRef)).toEqual(['component:default/orders-api', 'component:default/orders-ui', 'component:default/search-api']);
    expect(await catalog.sourceErrors()).toEqual([]);
    // An unchanged entity keeps the time it last changed; a new one gets now.
    expect((await catalog.get('component:default/orders-api'))?.updatedAt).toBe('2000-01-01T00:00:00.000Z');
    expect((await catalog.get('component:default/orders-ui'))?.updatedAt).not.toBe('2000-01-01T00:00:00.000Z');

    await catalog.replaceSource('acme/orders', []);
    expect((await catalog.list({})).items.map((i) => i.ref)).toEqual(['component:default/search-api']);
    expect(await catalog.sources()).toEqual(['acme/search']);
  });

  it('refuses a name another source already declares, or a source declaring one twice, changing nothing', async () => {
    const { catalog } = await freshCatalog();
    await catalog.replaceSource('acme/orders', [component('orders-api')]);
    await catalog.replaceSource('acme/fork', [component('fork-api')]);
    await expect(catalog.replaceSource('acme/fork', [component('other'), component('Orders-API')])).rejects.toMatchObject({
      code: 'conflict',
      message: 'component:default/orders-api is already declared by acme/orders, so acme/fork cannot declare it too; rename one of them, or remove it from acme/orders',
    });
    await expect(catalog.replaceSource('acme/fork', [component('twice'), component('twice')])).rejects.toMatchObject({ code: 'input', message: 'acme/fork declares component:default/twice twice; entity names must be unique' });
    expect((await catalog.list({})).items.map((i) => `${i.source} ${i.ref}`)).toEqual(['acme/fork component:default/fork-api', 'acme/orders component:default/orders-api']);
  });

  it('records and lists the errors of a source without touching its entities', async () => {
    const { catalog } = await freshCatalog();
    await catalog.replaceSource('acme/orders', [component('orders-api')]);
    await catalog.recordSourceErrors('acme/orders', [{ location: 'catalog-info.yaml', message: 'catalog-info.yaml: spec.owner: required' }]);
    await catalog.recordSourceErrors('acme/search', [{ location: '', message: 'forge unreachable' }]);
    expect((await catalog.sourceErrors()).map((e) => [e.source, e.location, e.message])).toEqual([
      ['acme/orders', 'catalog-info.yaml', 'catalog-info.yaml: spec.owner: required'],
      ['acme/search', '', 'forge unreachable'],
    ]);
    expect(await catalog.countSource('acme/orders')).toBe(1);
    await catalog.recordSourceErrors('acme/search', []);
    expect((await catalog.sourceErrors('acme/search')).length).toBe(0);
  });
});

describe('listing the catalog', () => {
  async function seeded(): Promise<Catalog> {
    const { catalog } = await freshCatalog();
    const teams = ['payments', 'search', 'identity'];
    for (let s = 0; s < 12; s++) {
      const owner = teams[s % 3]!;
      await catalog.replaceSource(
        `acme/repo-${s}`,
        [
          component(`svc-${s}`, { owner, system: `sys-${s % 2}`, lifecycle: s % 4 === 0 ? 'experimental' : 'production' }, { description: s === 7 ? 'Service number 7, 100% rust' : `Service number ${s}`, tags: s === 5 ? ['rust'] : [] }),
          entity('API', `api-${s}`, { type: 'openapi', lifecycle: 'production', owner, definition: 'openapi: 3.0.0' }, { title: `API of Service ${s}` }),
          entity('Resource', `db-${s}`, { type: 'database', owner }),
        ],
        { [`component:default/svc-${s}`]: { template: { name: s % 2 ? 'node-service' : 'python-service', src: 'x', answersFile: '.copier-answers.yml' } } },
      );
    }
    return catalog;
  }

  it('filters on kind, owner, system, lifecycle, type and template, counting every match', async () => {
    const catalog = await seeded();
    const refs = async (query: Parameters<Catalog['list']>[0]) => {
      const page = await catalog.list(query);
      return { total: page.total, refs: page.items.map((i) => i.ref) };
    };
    expect(await refs({ kind: 'component', owner: 'search', limit: 2 })).toEqual({ total: 4, refs: ['component:default/svc-1', 'component:default/svc-10'] });
    expect((await refs({ owner: 'group:default/payments' })).total).toBe(12);
    expect((await refs({ system: 'sys-1' })).total).toBe(6);
    expect((await refs({ kind: 'Component', lifecycle: 'experimental' })).refs).toEqual(['component:default/svc-0', 'component:default/svc-4', 'component:default/svc-8']);
    expect((await refs({ type: 'database' })).total).toBe(12);
    expect((await refs({ template: 'node-service' })).total).toBe(6);
    expect((await refs({ kind: 'API', owner: 'nobody' })).total).toBe(0);
  });

  it('searches name, title, description and tags as case-insensitive substrings, wildcards taken literally', async () => {
    const catalog = await seeded();
    expect((await catalog.list({ q: 'SERVICE NUMBER 1' })).items.map((i) => i.ref)).toEqual(['component:default/svc-1', 'component:default/svc-10', 'component:default/svc-11']);
    expect((await catalog.list({ q: 'api of service 3' })).items.map((i) => i.ref)).toEqual(['api:default/api-3']);
    expect((await catalog.list({ q: '100% r' })).items.map((i) => i.ref)).toEqual(['component:default/svc-7']);
    expect((await catalog.list({ q: 'rust' })).items.map((i) => i.ref)).toEqual(['component:default/svc-5', 'component:default/svc-7']);
    expect((await catalog.list({ q: '%' })).total).toBe(1);
    expect((await catalog.list({ q: 'db_' })).total).toBe(0);
    expect((await catalog.list({ q: '  ' })).total).toBe(36);
  });

  it('pages in ref order with an opaque cursor, each entity exactly once', async () => {
    const catalog = await seeded();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await catalog.list({ limit: 5, cursor });
      expect(page.total).toBe(36);
      seen.push(...page.items.map((i) => i.ref));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(8);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(36);
    const last = await catalog.list({ kind: 'resource', limit: 12 });
    expect(last.nextCursor).toBeUndefined();
  });

  it('refuses a cursor it did not make, a limit out of range and an unknown kind', async () => {
    const catalog = await seeded();
    await expect(catalog.list({ cursor: 'nonsense' })).rejects.toMatchObject({ code: 'input', message: expect.stringContaining('is not a catalog cursor') });
    await expect(catalog.list({ limit: 0 })).rejects.toMatchObject({ code: 'input', message: 'limit must be a whole number from 1 to 500, got 0' });
    await expect(catalog.list({ kind: 'Template' })).rejects.toMatchObject({ code: 'input', message: "unknown kind 'Template'; expected one of: Component, API, System, Domain, Resource, Group, User, Location" });
  });
});
