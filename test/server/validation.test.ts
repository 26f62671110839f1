/** Every request body and query string goes through a schema; a 400 names the field at fault. */
import { describe, expect, it } from 'vitest';
import { api, serve } from './serve.js';

const VALID = { template: 'typescript-service', name: 'orders-api', team: 'platform' };

describe('API input validation', () => {
  it('names the field of a bad component request, before any work starts', async () => {
    const served = await serve();
    const cases: Array<[unknown, string]> = [
      [{ ...VALID, name: 'Orders_API' }, "name: expected 3-40 lowercase letters, digits or dashes, starting with a letter and not ending with a dash, got 'Orders_API'"],
      [{ template: VALID.template, nmae: 'orders-api', team: 'platform' }, "'name' is required; unknown key 'nmae' (expected: template, name, team, data)"],
      [{ ...VALID, data: { port: 'abc' } }, "data.port: expected a number, got 'abc'"],
      [{ ...VALID, data: { prot: 8080 } }, "data: unknown key 'prot'"],
      [{ ...VALID, data: 'port=1' }, "data: expected an object, got 'port=1'"],
      [{ ...VALID, template: 'no-such-template' }, "template: no template 'no-such-template'; use one of: "],
      [{ ...VALID, team: 'nobody' }, "team 'nobody' is not in paved.yaml; use one of: payments, platform"],
      ['{"template": ', 'the request body is not JSON; send a JSON object with "Content-Type: application/json"'],
      [[VALID], 'the request body must be a JSON object, got [{'],
    ];
    for (const [body, message] of cases) {
      const refused = await api(served, 'POST', '/components', { body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error?.code).toBe('input');
      expect(refused.body.error?.message.startsWith(message), `${refused.body.error?.message} should start with ${message}`).toBe(true);
    }
    expect((await api(served, 'POST', '/components', { body: { ...VALID, name: 'x' } })).body.error?.details).toMatchObject({ field: 'name', issues: [{ field: 'name' }] });
    expect(await served.platform.forge.getRepository({ owner: 'acme', name: 'orders-api' })).toBeUndefined();
  });

  it("reports the template's own validators on the data field", async () => {
    const served = await serve();
    const refused = await api(served, 'POST', '/components', { body: { ...VALID, data: { port: 80 } } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ message: 'data.port: 80 is invalid: choose a port between 1024 and 65535 (the container runs as non-root)', details: { field: 'data.port' } });
  });

  it('checks the bodies of the forge routes and every query string', async () => {
    const served = await serve();
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/repos/acme/gitops/pulls', { title: 'no head' }, "'head' is required"],
      ['POST', '/repos/acme/gitops/pulls', { head: 'x', title: 't', labels: 'bug' }, "labels: expected a list, got 'bug'"],
      ['POST', '/repos/acme/gitops/pulls/1/merge', { method: 'rebase' }, `method: expected one of "merge", "squash", got 'rebase'`],
      ['POST', '/repos/acme', { name: 'x', private: 'yes' }, "private: expected true or false, got 'yes'"],
      ['POST', '/teams/platform/namespaces', { env: 'dev' }, "unknown key 'env' (expected: environment)"],
      ['GET', '/catalog?limit=0', undefined, "limit: expected at least 1, got '0'"],
      ['GET', '/catalog?knd=component', undefined, "unknown query parameter 'knd'"],
      ['GET', '/repos/acme/gitops/pulls?state=weird', undefined, 'state: expected one of'],
      ['GET', '/repos/acme/gitops/file', undefined, "'path' is required"],
      ['GET', '/events/acme?since=x', undefined, "since: expected an event id (a number), got 'x'"],
    ];
    for (const [method, route, body, message] of cases) {
      const refused = await api(served, method, route, { body });
      expect(refused.status, `${method} ${route}`).toBe(400);
      expect(refused.body.error?.message.startsWith(message), `${refused.body.error?.message} should start with ${message}`).toBe(true);
    }
  });

  it('pages the catalog on the server', async () => {
    const served = await serve();
    const first = await api<{ items: Array<{ ref: string }>; nextCursor?: string; total: number }>(served, 'GET', '/catalog?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.total).toBeGreaterThan(2);
    const seen = first.body.items.map((i) => i.ref);
    let cursor = first.body.nextCursor;
    for (let page = 0; cursor && page < first.body.total; page++) {
      const next = await api<typeof first.body>(served, 'GET', `/catalog?limit=2&cursor=${cursor}`);
      seen.push(...next.body.items.map((i) => i.ref));
      cursor = next.body.nextCursor;
    }
    expect(seen).toHaveLength(first.body.total);
    expect(seen).toEqual([...seen].sort());
    expect((await api(served, 'GET', '/catalog?cursor=bogus')).status).toBe(400);
  });
});
