/**
 * `fleet sync --grouped`: one update pull request per repository on `paved/template-update-grouped`,
 * holding every subproject of a monorepo, on the ten-component fleet of fleet-fixture.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncResult } from '../../src/fleet/types.js';
import { platformFleetStatus, platformFleetSync } from '../../src/platform/fleet.js';
import { git } from '../support/fixtures.js';
import { Fleet, outcomes, resultOf } from './fleet-fixture.js';

describe('fleet sync --grouped', () => {
  let fleet: Fleet;
  let results: SyncResult[];
  beforeAll(async () => {
    fleet = await Fleet.build();
    results = await platformFleetSync(fleet.platform, { grouped: true, team: 'payments' });
  });
  afterAll(() => fleet?.close());

  it("opens one pull request for both of the monorepo's subprojects, with both updates in it", async () => {
    const api = resultOf(results, 'mono-api');
    const web = resultOf(results, 'mono-web');
    expect(api).toMatchObject({ outcome: 'opened', path: 'services/api' });
    expect(web).toMatchObject({ outcome: 'opened', path: 'services/web' });
    expect(api.pullRequest).toEqual(web.pullRequest);
    const prs = await fleet.platform.forge.listPullRequests(await fleet.repo('mono'), { state: 'all' });
    expect(prs).toHaveLength(1);
    const [pr] = prs;
    expect(pr).toMatchObject({ head: 'paved/template-update-grouped', title: "chore(template): update 2 components to their templates' newest versions" });
    expect(pr!.body).toContain('## mono-api (`services/api`): library-template 1.0.0 → 1.1.0');
    expect(pr!.body).toContain('## mono-web (`services/web`): library-template 1.0.0 → 1.1.0');
    for (const sub of ['services/api', 'services/web']) expect(await fleet.file('mono', `${sub}/README.md`, pr!.head), sub).toContain('v2 text');
    // One commit for the whole pull request, on main, and no per-component branches.
    expect(git(fleet.platform.forge.repoDir(await fleet.repo('mono')), 'rev-list', `main..${pr!.head}`).split('\n')).toEqual([pr!.headSha]);
    expect(await fleet.branchHead('mono', 'paved/template-update/services--api')).toBeUndefined();
  });

  it('gives a single-component repository its one pull request on the same branch name', async () => {
    expect(resultOf(results, 'lib-a')).toMatchObject({ outcome: 'opened' });
    expect(await fleet.platform.forge.findOpenPullRequest(await fleet.repo('lib-a'), 'paved/template-update-grouped')).toBeDefined();
    expect(outcomes(results)['lib-conflict']).toBe('conflicted');
  });

  it('finds the grouped pull requests in fleet status --grouped, and reruns without duplicates', async () => {
    const status = await platformFleetStatus(fleet.platform, { team: 'payments' }, { grouped: true });
    const number = resultOf(results, 'mono-api').pullRequest!.number;
    expect(status.filter((s) => s.repo === 'acme/mono').map((s) => s.pullRequest?.number)).toEqual([number, number]);
    // Without --grouped, status looks for per-component branches, which this run did not make.
    expect((await platformFleetStatus(fleet.platform, { team: 'payments' })).some((s) => s.pullRequest)).toBe(false);
    const again = await platformFleetSync(fleet.platform, { grouped: true, team: 'payments' });
    expect(resultOf(again, 'mono-api')).toMatchObject({ outcome: 'unchanged', pullRequest: { number } });
    expect(resultOf(again, 'mono-web')).toMatchObject({ outcome: 'unchanged', pullRequest: { number } });
    expect(await fleet.platform.forge.listPullRequests(await fleet.repo('mono'), { state: 'all' })).toHaveLength(1);
  });

  it('runs per component after a grouped run: both kinds of branch live side by side in one repository', async () => {
    // A branch named as grouped updates were before they had their own name stands in the way of lib-edit's.
    const libEdit = await fleet.repo('lib-edit');
    await fleet.platform.forge.createBranch(libEdit, 'paved/template-update', (await fleet.branchHead('lib-edit', 'main'))!);
    const single = await platformFleetSync(fleet.platform, { team: 'payments' });
    expect(resultOf(single, 'lib-edit')).toMatchObject({
      outcome: 'failed',
      error: expect.stringMatching(/branch paved\/template-update is in the way of paved\/template-update\/lib-edit .*delete or rename paved\/template-update$/),
    });
    expect(resultOf(single, 'mono-api')).toMatchObject({ outcome: 'opened' });
    expect(await fleet.branchHead('mono', 'paved/template-update/services--api')).toBeDefined();
    expect(await fleet.branchHead('mono', 'paved/template-update-grouped')).toBeDefined();
  });
});
