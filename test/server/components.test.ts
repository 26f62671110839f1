/** POST /api/components end to end over loopback: who may create what, and what exists afterwards. */
import { describe, expect, it } from 'vitest';
import type { ListPage } from '../../src/catalog/index.js';
import type { NewReport } from '../../src/platform/new.js';
import { paved } from '../support/exec.js';
import { api, serve } from './serve.js';

const ORDERS = { template: 'typescript-service', name: 'orders-api', team: 'platform', data: { description: 'Takes orders', port: 8081 } };

describe('POST /api/components', () => {
  it("creates a component as the token's user: 201, the repository on the forge, the entity in the catalog", async () => {
    const served = await serve();
    const created = await api<NewReport>(served, 'POST', '/components', { body: ORDERS, token: served.dev });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ component: 'orders-api', team: 'platform', template: 'typescript-service', repo: 'acme/orders-api', cloneUrl: `${served.url}/acme/orders-api.git` });
    expect(await served.platform.forge.getRepository({ owner: 'acme', name: 'orders-api' })).toMatchObject({ fullName: 'acme/orders-api', description: 'Takes orders' });
    // The first commit is the creator's.
    const events = await served.platform.forge.readEvents('acme', 0);
    expect(events).toContainEqual(expect.objectContaining({ type: 'push', repo: 'acme/orders-api', pusher: 'dev' }));

    const listed = await api<ListPage>(served, 'GET', '/catalog?kind=component&q=orders');
    expect(listed.body.items.map((i) => i.ref)).toEqual(['component:default/orders-api']);
    const entity = await api<{ ref: string; relations: Array<{ type: string; targetRef: string }> }>(served, 'GET', '/catalog/component/default/orders-api');
    expect(entity.status).toBe(200);
    expect(entity.body.relations).toContainEqual({ type: 'ownedBy', targetRef: 'group:default/platform' });
    expect((await api(served, 'GET', '/catalog/component/default/no-such')).status).toBe(404);

    const again = await api(served, 'POST', '/components', { body: ORDERS, token: served.dev });
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toMatch(/the name 'orders-api' is taken/);
  });

  it('refuses without a token (401 with a challenge) and with an unknown one', async () => {
    const served = await serve();
    const anonymous = await api(served, 'POST', '/components', { body: ORDERS, token: null });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(anonymous.body.error).toMatchObject({ code: 'unauthenticated', message: expect.stringMatching(/POST \/api\/components needs a token; send a platform token as "Authorization: Bearer <token>"/) });
    const wrong = await api(served, 'POST', '/components', { body: ORDERS, token: 'pvd_not-a-token' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error?.message).toMatch(/the token was not accepted/);
    expect(await served.platform.forge.getRepository({ owner: 'acme', name: 'orders-api' })).toBeUndefined();
  });

  it("refuses (403) a component for a team the caller is not in; admins may create for any team", async () => {
    const served = await serve();
    const foreign = await api(served, 'POST', '/components', { body: { ...ORDERS, team: 'payments' }, token: served.dev });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error).toMatchObject({ code: 'permission', details: { team: 'payments', login: 'dev' } });
    expect(foreign.body.error?.message).toBe("dev may not create components for team 'payments': only its members (admin) and platform admins may; ask a member or an admin");
    const byAdmin = await api(served, 'POST', '/components', { body: { template: 'typescript-library', name: 'money', team: 'payments' } });
    expect(byAdmin.status, JSON.stringify(byAdmin.body)).toBe(201);
  });

  it('reads anonymously only when paved.yaml allows it; health and the OpenAPI document are always open', async () => {
    const closed = await serve({ anonymousRead: false });
    const templates = await api(closed, 'GET', '/templates', { token: null });
    expect(templates.status).toBe(401);
    expect(templates.body.error?.message).toMatch(/forge\.anonymousRead: false/);
    expect((await api(closed, 'GET', '/templates', { token: closed.dev })).status).toBe(200);
    expect((await api(closed, 'GET', '/health', { token: null })).body).toEqual({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/), organisation: 'acme' });
    expect((await api(closed, 'GET', '/openapi.json', { token: 'pvd_ignored' })).status).toBe(200);

    const open = await serve();
    const listed = await api<Array<{ name: string; questions: Array<{ name: string }> }>>(open, 'GET', '/templates', { token: null });
    expect(listed.body.map((t) => t.name)).toEqual(expect.arrayContaining(['typescript-library', 'typescript-service']));
    const one = await api<{ name: string; questions: Array<{ name: string }> }>(open, 'GET', '/templates/typescript-service', { token: null });
    expect(one.body.questions.map((q) => q.name)).toContain('port');
    expect((await api(open, 'GET', '/templates/nope', { token: null })).status).toBe(404);
    expect((await api(open, 'POST', '/teams/platform/namespaces', { body: {}, token: null })).status).toBe(401);
  });

  it('GET /api/creations/:name follows a creation started by paved new in a shell (the same journal), and 404s one never started', async () => {
    const served = await serve();
    const made = await paved(['new', 'typescript-library', '--name', 'ledger-utils', '--team', 'platform', '--defaults'], { workspace: served.platform.workspace.dir });
    expect(made.code, made.stderr).toBe(0);
    const creation = await api(served, 'GET', '/creations/ledger-utils', { token: served.dev });
    expect(creation.status).toBe(200);
    expect(creation.body).toMatchObject({ component: 'ledger-utils', team: 'platform', template: 'typescript-library', state: 'done', step: 'catalog', actor: 'admin' });
    const none = await api(served, 'GET', '/creations/never-made', { token: served.dev });
    expect(none.status).toBe(404);
    expect(none.body.error?.message).toMatch(/POST \/api\/components/);
  });
});
