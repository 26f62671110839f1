/**
 * The fleet as it runs against a forge whose repositories are not on this machine (GitHub):
 * discovery through the forge's API, the update written in a bare clone and pushed with git.
 * Here the forge is the local one, driven only through its API and git transport.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetSync } from '../../src/fleet/run.js';
import type { SyncResult } from '../../src/fleet/types.js';
import { GITOPS_REPOSITORY } from '../../src/platform/gitops.js';
import { Fleet, OWNER, resultOf } from './fleet-fixture.js';

describe('fleet sync through the forge API and a bare clone', () => {
  let fleet: Fleet;
  let results: SyncResult[];
  beforeAll(async () => {
    fleet = await Fleet.build();
    const { forge } = fleet.platform;
    results = await fleetSync(
      { forge, owner: OWNER, skip: [GITOPS_REPOSITORY], cloneFrom: (repo) => ({ url: forge.repoDir(repo), env: {} }), sourceFor: (src) => src },
      { repos: await Promise.all(['lib-edit', 'mono', 'lib-current'].map((name) => fleet.repo(name))) },
    );
  });
  afterAll(() => fleet?.close());

  it('opens the pull requests with the update and the team edits, as the local path does', async () => {
    expect(resultOf(results, 'lib-current').outcome).toBe('current');
    for (const name of ['lib-edit', 'mono-api', 'mono-web']) expect(resultOf(results, name).outcome, name).toBe('opened');
    const readme = await fleet.file('lib-edit', 'README.md', 'paved/template-update/lib-edit');
    expect(readme).toContain('v2 text');
    expect(readme).toContain('Payments team: call us before upgrading.');
    expect(await fleet.file('mono', 'services/web/docs/guide.md', 'paved/template-update/services--web')).toContain('How to use this library.');
    // The push went through the forge: it knows the branch and its pull request.
    const pr = await fleet.platform.forge.findOpenPullRequest(await fleet.repo('lib-edit'), 'paved/template-update/lib-edit');
    expect(pr?.headSha).toBe(await fleet.branchHead('lib-edit', 'paved/template-update/lib-edit'));
  });
});
