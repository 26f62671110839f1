/** GET /api/fleet: drift per component with its update pull request, and the totals. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFLICT_LABEL, UPDATE_LABEL } from '../../src/fleet/sync-unit.js';
import type { ComponentStatus } from '../../src/fleet/types.js';
import { platformFleetSync } from '../../src/platform/fleet.js';
import { git, tempDir } from '../support/fixtures.js';
import { api, serve } from './serve.js';

interface FleetView {
  summary: { total: number; states: Record<string, number>; pullRequests: { open: number; conflicted: number }; byTemplate: Array<{ template: string; latest: string | null; total: number; behind: number }> };
  components: ComponentStatus[];
}

describe('the fleet through the API', () => {
  it('shows a new component current, behind after a template release, then with its update pull request', async () => {
    const served = await serve();
    const made = await api(served, 'POST', '/components', { body: { template: 'typescript-library', name: 'money-utils', team: 'payments' }, token: served.admin });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const before = await api<FleetView>(served, 'GET', '/fleet', { token: served.dev });
    expect(before.body.components).toEqual([expect.objectContaining({ component: 'money-utils', repo: 'acme/money-utils', template: 'typescript-library', version: '1.0.0', latest: '1.0.0', state: 'current' })]);

    // The platform team releases typescript-library 1.1.0.
    const work = tempDir('paved-fleet-api-');
    git(work, 'clone', '-q', served.platform.forge.repoDir({ owner: 'acme', name: 'typescript-library' }), 'tpl');
    const tpl = path.join(work, 'tpl');
    writeFileSync(path.join(tpl, 'template/NOTICE.md'), 'Made on the paved road.\n');
    git(tpl, 'add', '-A');
    git(tpl, 'commit', '-qm', 'feat: a notice');
    git(tpl, 'tag', 'v1.1.0');
    await served.platform.forge.push({ owner: 'acme', name: 'typescript-library' }, tpl, [{ src: 'HEAD', dst: 'main' }, { src: 'v1.1.0', dst: 'refs/tags/v1.1.0', expected: null }]);

    const behind = await api<FleetView>(served, 'GET', '/fleet?team=payments', { token: served.dev });
    expect(behind.body.components[0]).toMatchObject({ state: 'behind', behindBy: 1, latest: '1.1.0' });
    expect(behind.body.summary).toMatchObject({ total: 1, states: { behind: 1 }, pullRequests: { open: 0 }, byTemplate: [{ template: 'typescript-library', latest: '1.1.0', total: 1, behind: 1 }] });

    const [result] = await platformFleetSync(served.platform);
    expect(result).toMatchObject({ component: 'money-utils', outcome: 'opened' });
    const after = await api<FleetView>(served, 'GET', '/fleet', { token: served.dev });
    expect(after.body.components[0]!.pullRequest).toMatchObject({ number: result!.pullRequest!.number, state: 'open', conflicted: false });
    expect(after.body.summary.pullRequests.open).toBe(1);
    expect((await api<FleetView>(served, 'GET', '/fleet?team=platform', { token: served.dev })).body.components).toEqual([]);

    // The list of update pull requests, by state; both views read conflicts by the same rule.
    const pulls = (state: string) => api<Array<{ repo: string; number: number; state: string; conflicted: boolean }>>(served, 'GET', `/fleet/pulls?state=${state}`, { token: served.dev });
    expect((await pulls('open')).body).toEqual([expect.objectContaining({ repo: 'acme/money-utils', number: result!.pullRequest!.number, state: 'open', conflicted: false })]);
    expect((await pulls('closed')).body).toEqual([]);
    expect((await pulls('sometimes')).status).toBe(400);
    await served.platform.forge.updatePullRequest({ owner: 'acme', name: 'money-utils' }, result!.pullRequest!.number, { labels: [UPDATE_LABEL, CONFLICT_LABEL] });
    expect((await pulls('open')).body[0]!.conflicted).toBe(true);
    const conflicted = await api<FleetView>(served, 'GET', '/fleet', { token: served.dev });
    expect(conflicted.body.components[0]!.pullRequest!.conflicted).toBe(true);
    expect(conflicted.body.summary.pullRequests.conflicted).toBe(1);
  });

  it('refuses filters it does not know, naming them', async () => {
    const served = await serve();
    const refused = await api(served, 'GET', '/fleet?teem=payments', { token: served.dev });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toMatch(/teem/);
  });
});
