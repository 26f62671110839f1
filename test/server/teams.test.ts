/** GET /api/teams and self-service namespaces: members and admins only. */
import { describe, expect, it } from 'vitest';
import { api, serve } from './serve.js';

interface TeamView {
  name: string;
  idpGroup: string | null;
  members: string[];
  environments: Array<{ environment: string; namespace: string; clusters: string[]; quota: Record<string, unknown> | null; quotaSource: string | null }>;
}

describe('teams and their namespaces', () => {
  it("lists teams with members, idpGroup, and per environment the namespace and the quota (the team's, else the environment's)", async () => {
    const served = await serve();
    const teams = await api<TeamView[]>(served, 'GET', '/teams', { token: served.dev });
    expect(teams.body.map((t) => t.name)).toEqual(['payments', 'platform']);
    const platform = await api<TeamView>(served, 'GET', '/teams/platform', { token: null });
    expect(platform.body).toMatchObject({ name: 'platform', idpGroup: 'acme-platform', members: ['admin', 'dev'] });
    expect(platform.body.environments.map((e) => [e.environment, e.namespace, e.quota?.cpu, e.quotaSource])).toEqual([
      ['dev', 'platform', '40', 'team'],
      ['staging', 'platform', '40', 'team'],
      ['prod', 'platform', '40', 'team'],
    ]);
    const payments = teams.body.find((t) => t.name === 'payments')!;
    expect(payments.environments.map((e) => [e.environment, e.quota?.cpu, e.quotaSource, e.clusters])).toEqual([
      ['dev', '8', 'environment', ['dev-euw1']],
      ['staging', '8', 'environment', ['staging-euw1']],
      ['prod', '20', 'environment', ['prod-euw1', 'prod-use1']],
    ]);
    const missing = await api(served, 'GET', '/teams/nobody');
    expect(missing.status).toBe(404);
    expect(missing.body.error?.message).toBe("no team 'nobody' in paved.yaml; use one of: payments, platform");
  });

  it("writes a team's namespaces to the GitOps repository for its members, refuses others with 403", async () => {
    const served = await serve();
    const created = await api<{ team: string; commit?: string; plan: unknown }>(served, 'POST', '/teams/platform/namespaces', { body: { environment: 'dev' }, token: served.dev });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.team).toBe('platform');
    const file = await served.platform.forge.readFile({ owner: 'acme', name: 'gitops' }, 'clusters/dev-euw1/namespaces/platform.yaml');
    expect(file?.data.toString('utf8')).toMatch(/kind: Namespace[\s\S]*name: platform/);
    expect(await served.platform.forge.readFile({ owner: 'acme', name: 'gitops' }, 'clusters/prod-euw1/namespaces/platform.yaml')).toBeUndefined();

    const foreign = await api(served, 'POST', '/teams/payments/namespaces', { body: {}, token: served.dev });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error?.message).toMatch(/^dev may not change namespaces for team 'payments'/);
    expect((await api(served, 'POST', '/teams/payments/namespaces', { body: {} })).status).toBe(200);
    expect((await api(served, 'POST', '/teams/platform/namespaces', { body: { environment: 'qa' } })).status).toBe(400);
    expect((await api(served, 'POST', '/teams/nobody/namespaces', { body: {} })).status).toBe(404);
  });
});
