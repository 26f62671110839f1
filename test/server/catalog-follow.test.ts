/** `paved start` keeps the catalog current: a push to a default branch shows up without a manual refresh. */
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/catalog/index.js';
import { git, tempDir, writeFiles } from '../support/fixtures.js';
import { api, serve, type Served } from './serve.js';
import { gitAsync } from '../support/exec.js';

/** git over HTTP against the in-process server, so never a blocking execFileSync. */
async function remote(token: string, cwd: string, args: string[]): Promise<void> {
  const ran = await gitAsync(cwd, ['-c', `http.extraHeader=Authorization: Bearer ${token}`, ...args]);
  if (ran.code !== 0) throw new Error(`git ${args.join(' ')}: ${ran.output}`);
}

const catalogInfo = (name: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  description: Sends the invoices
spec:
  type: service
  lifecycle: experimental
  owner: platform
`;

/** A new repository with a catalog-info.yaml declaring a component of its name, pushed over HTTP. */
async function pushComponent(served: Served, token: string, name: string, options: { private?: boolean } = {}): Promise<void> {
  expect((await api(served, 'POST', '/repos/acme', { body: { name, ...options }, token })).status).toBe(201);
  const dir = path.join(tempDir(), name);
  await remote(token, path.dirname(dir), ['clone', '-q', `${served.url}/acme/${name}.git`, dir]);
  writeFiles(dir, { 'catalog-info.yaml': catalogInfo(name) });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'feat: catalog entry');
  await remote(token, dir, ['push', '-q', 'origin', 'HEAD:main']);
}

describe('catalog refresh on push', () => {
  it('shows a pushed catalog-info.yaml in /api/catalog', async () => {
    const served = await serve();
    // Seen once before the push, so the catalog is not filled for the first time by the listing below.
    expect((await api<{ total: number }>(served, 'GET', '/catalog?q=invoice-mailer')).body.total).toBe(0);
    await pushComponent(served, served.dev, 'invoice-mailer');

    let found: { status: number; body: unknown } = { status: 0, body: undefined };
    for (let attempt = 0; attempt < 50 && found.status !== 200; attempt++) {
      if (attempt > 0) await sleep(100);
      found = await api(served, 'GET', '/catalog/component/default/invoice-mailer');
    }
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ ref: 'component:default/invoice-mailer', entity: { metadata: { description: 'Sends the invoices' } } });
    const listed = await api<{ items: Array<{ ref: string }> }>(served, 'GET', '/catalog?owner=platform&kind=Component');
    expect(listed.body.items.map((i) => i.ref)).toContain('component:default/invoice-mailer');
  });

  it("keeps a private repository's entities when someone who cannot see it lists the catalog first", async () => {
    const served = await serve();
    await pushComponent(served, served.admin, 'vault-keeper', { private: true });
    const catalog = new Catalog(served.platform.store);
    for (let attempt = 0; attempt < 50 && !(await catalog.get('component:default/vault-keeper')); attempt++) await sleep(100);
    // The first listing of a workspace refreshes the whole catalog, here for an anonymous reader.
    expect((await api(served, 'GET', '/catalog', { token: null })).status).toBe(200);
    expect((await api(served, 'GET', '/catalog/component/default/vault-keeper')).status).toBe(200);
  });

  it('closes while it follows pushes and while a long poll waits', async () => {
    const served = await serve();
    const latest = await served.platform.forge.eventCursor('acme');
    const received = new Promise((resolve) => served.server.server.once('request', resolve));
    const waiting = fetch(`${served.url}/api/events/acme?since=${latest}&wait=30`).then(
      (r) => r.status,
      () => 'cut off',
    );
    await received;
    await served.server.close();
    expect(await waiting).toBe('cut off');
  });
});
