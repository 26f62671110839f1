import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { commitAll, git, initRepo, tempDir, writeFiles } from '../../test/support/fixtures.js';
import { parseConfig } from '../config/index.js';
import { LocalForge } from '../forge/local/forge.js';
import { upsertUser } from '../forge/local/users.js';
import { now, openSqliteStore, type Store } from '../store/index.js';
import { Catalog } from './catalog.js';
import { refreshAll, refreshRepository } from './refresh.js';

const open: Store[] = [];
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
});

interface Fixture {
  forge: LocalForge;
  store: Store;
  catalog: Catalog;
  /** Commits `files` (null deletes) to `acme/<name>`, creating it on first use, and pushes; returns the commit. */
  push(name: string, files: Record<string, string | null>): Promise<string>;
}

/** A local forge over a fresh store, with the organisation `acme` and an admin acting on it. */
async function localForge(): Promise<Fixture> {
  const dir = tempDir('paved-catalog-');
  const store = await openSqliteStore(path.join(dir, 'paved.db'));
  open.push(store);
  await store.write(async (tx) => {
    await upsertUser(tx, { login: 'admin', name: 'Admin', email: '', admin: true });
    await tx.insertInto('owners').values({ login: 'acme', kind: 'organization', createdAt: now() }).execute();
  });
  mkdirSync(path.join(dir, 'repos'));
  const forge = new LocalForge({ store, reposDir: path.join(dir, 'repos'), baseUrl: 'http://127.0.0.1:7070', actor: 'admin' });
  const workTrees = new Map<string, string>();
  const push = async (name: string, files: Record<string, string | null>) => {
    let work = workTrees.get(name);
    if (!work) {
      await forge.createRepository({ owner: 'acme', name });
      work = initRepo(path.join(dir, 'work', name));
      workTrees.set(name, work);
    }
    writeFiles(work, files);
    commitAll(work, 'change');
    await forge.push({ owner: 'acme', name }, work, [{ src: 'HEAD', dst: 'main' }]);
    return git(work, 'rev-parse', 'HEAD');
  };
  return { forge, store, catalog: new Catalog(store), push };
}

const component = (name: string, extra = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
${extra}spec:
  type: service
  lifecycle: production
  owner: payments
`;

const answers = (template: string, commit: string) => `# Changes here will be overwritten by Copier; NEVER EDIT MANUALLY\n_commit: ${commit}\n_src_path: http://127.0.0.1:7070/acme/${template}.git\nteam: payments\n`;

describe('refreshing the catalog from a forge', () => {
  it('reads a repository’s entities and enriches its component with template, release and environments', async () => {
    const { forge, store, catalog, push } = await localForge();
    const commit = await push('orders-api', {
      'catalog-info.yaml': `${component('orders-api', '  annotations:\n    paved.dev/template: node-service\n')}  providesApis: [orders]
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: orders }
spec: { type: openapi, lifecycle: production, owner: payments, definition: 'openapi: 3.0.0' }
`,
      '.copier-answers.yml': answers('templates-node', 'v2.1.0-4-gabc1234'),
    });
    await forge.createRelease({ owner: 'acme', name: 'orders-api' }, { tag: 'v1.0.0', commit });
    await forge.createRelease({ owner: 'acme', name: 'orders-api' }, { tag: 'v1.1.0-rc.1', commit, prerelease: true });

    const result = await refreshRepository(forge, store, { owner: 'acme', name: 'orders-api' }, { deployments: { 'orders-api': { dev: '1.1.0-rc.1', prod: '1.0.0' } } });
    expect(result).toEqual({ source: 'acme/orders-api', refreshed: true, entities: 2, errors: [] });
    const entry = await catalog.get('component:default/orders-api');
    expect(entry).toMatchObject({
      source: 'acme/orders-api',
      location: 'url:http://127.0.0.1:7070/acme/orders-api/blob/main/catalog-info.yaml',
      template: 'node-service',
      enrichment: {
        template: { name: 'node-service', src: 'http://127.0.0.1:7070/acme/templates-node.git', commit: 'v2.1.0-4-gabc1234', version: '2.1.0.post4.dev0+gabc1234', answersFile: '.copier-answers.yml' },
        latestRelease: { tag: 'v1.0.0', url: 'http://127.0.0.1:7070/acme/orders-api/releases/v1.0.0' },
        environments: { dev: '1.1.0-rc.1', prod: '1.0.0' },
      },
    });
    expect(entry?.relations).toContainEqual({ type: 'providesApi', targetRef: 'api:default/orders' });
    expect(await catalog.relations('api:default/orders')).toContainEqual({ type: 'apiProvidedBy', targetRef: 'component:default/orders-api' });
    expect((await catalog.get('api:default/orders'))?.enrichment).toBeUndefined();
  });

  it('follows the root Location into a monorepo, each component with the answers file of its folder', async () => {
    const { forge, store, catalog, push } = await localForge();
    const commit = await push('shop', {
      'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: { name: shop }\nspec:\n  targets: [./services/*/catalog-info.yaml, ./libs/shared/catalog-info.yaml]\n',
      'services/orders/catalog-info.yaml': component('orders'),
      'services/orders/.copier-answers.yml': answers('node-service', 'v1.0.0'),
      'services/search/catalog-info.yaml': component('search'),
      'services/search/.copier-answers.yml': answers('python-service', 'v3.0.0'),
      'services/readme.md': 'not a component',
      'libs/shared/catalog-info.yaml': component('shared').replace('type: service', 'type: library'),
    });
    await forge.createRelease({ owner: 'acme', name: 'shop' }, { tag: 'orders-v0.2.0', commit });

    expect((await refreshRepository(forge, store, { owner: 'acme', name: 'shop' })).entities).toBe(4);
    const items = (await catalog.list({ kind: 'Component' })).items;
    expect(items.map((i) => [i.name, i.template ?? null, i.enrichment?.latestRelease?.tag ?? null, i.location.replace(/^.*\/blob\/main\//, '')])).toEqual([
      ['orders', 'node-service', 'orders-v0.2.0', 'services/orders/catalog-info.yaml'],
      ['search', 'python-service', null, 'services/search/catalog-info.yaml'],
      ['shared', null, null, 'libs/shared/catalog-info.yaml'],
    ]);
    expect((await catalog.list({ template: 'python-service' })).items.map((i) => i.ref)).toEqual(['component:default/search']);
    expect((await catalog.get('location:default/shop'))?.entity.metadata.annotations?.['backstage.io/managed-by-origin-location']).toBe('url:http://127.0.0.1:7070/acme/shop/blob/main/catalog-info.yaml');
  });

  it('keeps a broken repository’s last good entities, records why, and leaves the other repositories alone', async () => {
    const { forge, store, catalog, push } = await localForge();
    await push('orders-api', { 'catalog-info.yaml': component('orders-api') });
    await push('search-api', { 'catalog-info.yaml': component('search-api') });
    expect(await refreshAll(forge, store, 'acme')).toEqual({ repos: 2, entities: 2, errors: [] });

    await push('orders-api', { 'catalog-info.yaml': component('orders-api').replace('  owner: payments\n', '') });
    await push('search-api', { 'catalog-info.yaml': `${component('search-api')}---\n${component('search-indexer')}` });
    const summary = await refreshAll(forge, store, 'acme');
    expect(summary.repos).toBe(2);
    expect(summary.entities).toBe(3);
    expect(summary.errors.map((e) => [e.source, e.location, e.message])).toEqual([['acme/orders-api', 'catalog-info.yaml', 'catalog-info.yaml: spec.owner: required']]);
    expect((await catalog.list({})).items.map((i) => i.ref)).toEqual(['component:default/orders-api', 'component:default/search-api', 'component:default/search-indexer']);
    expect(await catalog.sourceErrors()).toHaveLength(1);

    // Fixed: the error goes; the catalog file removed: so do the entities.
    await push('orders-api', { 'catalog-info.yaml': component('orders-api') });
    expect((await refreshRepository(forge, store, { owner: 'acme', name: 'orders-api' })).refreshed).toBe(true);
    expect(await catalog.sourceErrors()).toEqual([]);
    await push('orders-api', { 'catalog-info.yaml': null, 'README.md': 'no catalog here' });
    await refreshRepository(forge, store, { owner: 'acme', name: 'orders-api' });
    expect((await catalog.list({})).items.map((i) => i.ref)).toEqual(['component:default/search-api', 'component:default/search-indexer']);
  });

  it('records a missing Location target, a name taken by another repository and a broken answers file as that repository’s errors', async () => {
    const { forge, store, catalog, push } = await localForge();
    await push('a-first', { 'catalog-info.yaml': component('orders-api') });
    await push('b-copy', { 'catalog-info.yaml': component('orders-api') });
    await push('c-mono', { 'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: { name: mono }\nspec: { targets: [./gone/catalog-info.yaml, ../outside.yaml] }\n' });
    await push('d-answers', { 'catalog-info.yaml': component('d'), '.copier-answers.yml': '_src_path: [unclosed\n' });
    // One at a time, so the first repository in name order claims orders-api first.
    const summary = await refreshAll(forge, store, 'acme', { concurrency: 1 });
    expect(summary.errors.map((e) => [e.source, e.location, e.message])).toEqual([
      ['acme/b-copy', 'catalog-info.yaml', 'catalog-info.yaml: component:default/orders-api is already declared by acme/a-first, so acme/b-copy cannot declare it too; rename one of them, or remove it from acme/a-first'],
      ['acme/c-mono', 'catalog-info.yaml', "catalog-info.yaml: Location mono: target '../outside.yaml' points outside the repository; use a path inside it"],
      ['acme/c-mono', 'gone/catalog-info.yaml', 'gone/catalog-info.yaml: not found, but the Location in catalog-info.yaml points at it; add the file, fix the target, or mark it presence: optional'],
      ['acme/d-answers', '.copier-answers.yml', expect.stringMatching(/^\.copier-answers\.yml: not valid YAML/)],
    ]);
    expect((await catalog.list({})).items.map((i) => `${i.source} ${i.ref}`)).toEqual(['acme/a-first component:default/orders-api']);
  });

  it('adds the platform’s teams and users, and drops the entities of archived repositories', async () => {
    const { forge, store, catalog, push } = await localForge();
    await push('orders-api', { 'catalog-info.yaml': component('orders-api') });
    await push('legacy', { 'catalog-info.yaml': component('legacy') });
    const config = parseConfig('apiVersion: paved/v1\norganisation: acme\nusers: [{ login: jdoe }]\nteams: [{ name: payments, idpGroup: sso-pay, members: [jdoe] }]\n');
    expect(await refreshAll(forge, store, 'acme', { config })).toMatchObject({ repos: 2, entities: 5, errors: [] });
    expect((await catalog.relations('group:default/payments')).map((r) => `${r.type} ${r.targetRef}`)).toEqual([
      'childOf group:default/acme',
      'hasMember user:default/jdoe',
      'ownerOf component:default/legacy',
      'ownerOf component:default/orders-api',
    ]);

    await forge.archiveRepository({ owner: 'acme', name: 'legacy' });
    expect(await refreshAll(forge, store, 'acme', { config })).toMatchObject({ repos: 1, entities: 4, errors: [] });
    expect(await catalog.get('component:default/legacy')).toBeUndefined();
    expect(await catalog.sources()).toEqual(['acme/orders-api', 'platform']);
    // Refreshed on its own, an archived or unknown repository has no entities either.
    expect(await refreshRepository(forge, store, { owner: 'acme', name: 'legacy' })).toEqual({ source: 'acme/legacy', refreshed: true, entities: 0, errors: [] });
    expect((await refreshRepository(forge, store, { owner: 'acme', name: 'never-made' })).entities).toBe(0);
  });
});
