/**
 * A template that reads `_external_data` from the project cannot be updated from the repository's
 * objects alone: the fleet checks the repository out for it, and the pull request is the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformFleetSync } from '../../src/platform/fleet.js';
import { Fleet, resultOf } from './fleet-fixture.js';

describe('fleet sync of templates that need a checkout', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await Fleet.build();
    fleet.worker.version('v1.1.0', {
      'copier.yml': '_subdirectory: template\n_external_data:\n  shared: shared.yml\nname:\n  type: str\n  default: x\nteam:\n  type: str\n  default: payments\n',
      'template/README.md.jinja': '# {{ name }} worker\n\nOn call: {{ _external_data.shared.oncall }}\n',
    });
    await fleet.personPush('jobs-worker', 'main', { 'shared.yml': 'oncall: platform-pager\n' });
  });
  afterAll(() => fleet?.close());
  const jobsWorker = () => fleet.repo('jobs-worker');

  it('renders the new version with the data read from the checked-out project and opens the pull request', async () => {
    const results = await platformFleetSync(fleet.platform, { repos: [await jobsWorker()] });
    expect(resultOf(results, 'jobs-worker')).toMatchObject({ outcome: 'opened', from: '1.0.0', to: '1.1.0' });
    const branch = 'paved/template-update/jobs-worker';
    expect(await fleet.file('jobs-worker', 'README.md', branch)).toBe('# jobs-worker worker\n\nOn call: platform-pager\n');
    expect(await fleet.file('jobs-worker', '.copier-answers.yml', branch)).toContain('_commit: v1.1.0');
    // The project's own file is still there, and main did not move.
    expect(await fleet.file('jobs-worker', 'shared.yml', branch)).toBe('oncall: platform-pager\n');
    expect(await fleet.file('jobs-worker', 'README.md')).toBe('# jobs-worker worker\n');

    const again = await platformFleetSync(fleet.platform, { repos: [await jobsWorker()] });
    expect(resultOf(again, 'jobs-worker').outcome).toBe('unchanged');
  });

  it('runs a template\'s _tasks only with --trust, and commits what they made', async () => {
    fleet.worker.version('v1.2.0', {
      'copier.yml': '_subdirectory: template\n_external_data:\n  shared: shared.yml\n_tasks:\n  - "echo made by a task > TASKED.txt"\nname:\n  type: str\n  default: x\nteam:\n  type: str\n  default: payments\n',
    });
    const refused = await platformFleetSync(fleet.platform, { repos: [await jobsWorker()] });
    expect(resultOf(refused, 'jobs-worker')).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/_tasks.*--trust/) });
    const branch = 'paved/template-update/jobs-worker';
    expect(await fleet.file('jobs-worker', 'TASKED.txt', branch)).toBeUndefined();

    const trusted = await platformFleetSync(fleet.platform, { repos: [await jobsWorker()], trust: true });
    expect(resultOf(trusted, 'jobs-worker'), resultOf(trusted, 'jobs-worker').error).toMatchObject({ outcome: 'updated', to: '1.2.0' });
    expect(await fleet.file('jobs-worker', 'TASKED.txt', branch)).toBe('made by a task\n');
  });
});
