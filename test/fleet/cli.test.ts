/**
 * `paved fleet status | sync` through the real CLI on the ten-component fleet of fleet-fixture.ts:
 * filters, a dry run that changes nothing, a run killed right after its first push and finished
 * by the next, shards that split the fleet, and the exit code a broken component gives. The
 * tests run in order on one fleet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BEHIND, COMPONENTS, Fleet, outcomes } from './fleet-fixture.js';

/** Every update branch of the organisation, as `repo branch`. */
async function updateBranches(fleet: Fleet): Promise<string[]> {
  const found: string[] = [];
  for (const repo of await fleet.platform.forge.listRepositories('acme')) {
    for (const b of await fleet.platform.forge.listBranches(repo)) if (b.name.startsWith('paved/template-update')) found.push(`${repo.name} ${b.name}`);
  }
  return found;
}

describe('paved fleet (real CLI)', () => {
  let fleet: Fleet;
  beforeAll(async () => {
    fleet = await Fleet.build();
  });
  afterAll(() => fleet?.close());

  it('fleet status shows every component and filters by --team and --template', async () => {
    const all = await fleet.cliStatus();
    expect(all.map((c) => c.component).sort()).toEqual([...COMPONENTS].sort());
    expect(Object.fromEntries(all.map((c) => [c.component, c.state]))).toMatchObject({ 'lib-a': 'behind', 'lib-current': 'current', 'lib-broken': 'broken', 'jobs-worker': 'current' });
    expect((await fleet.cliStatus(['--team', 'platform'])).map((c) => c.component)).toEqual(['jobs-worker']);
    expect((await fleet.cliStatus(['--template', 'worker-template'])).map((c) => c.component)).toEqual(['jobs-worker']);
    const library = await fleet.cliStatus(['--template', 'library-template']);
    expect(library.map((c) => c.component).sort()).toEqual([...BEHIND, 'lib-current'].sort());
    expect(library.every((c) => c.latest === '1.1.0')).toBe(true);
    // By its source as recorded, too.
    expect((await fleet.cliStatus(['--template', fleet.worker.dir])).map((c) => c.component)).toEqual(['jobs-worker']);
  });

  it('--dry-run says what it would do and pushes and opens nothing', async () => {
    const run = await fleet.cliSync(['--dry-run']);
    expect(run.code).toBe(1);
    // Worked out in memory: the conflicting update is known to conflict before anything is pushed.
    const expected = Object.fromEntries(BEHIND.map((c) => [c, c === 'lib-conflict' ? 'conflicted' : 'opened']));
    expect(outcomes(run.results)).toEqual({ ...expected, 'lib-current': 'current', 'jobs-worker': 'current', 'lib-broken': 'failed' });
    expect(await updateBranches(fleet)).toEqual([]);
    expect(await fleet.pullRequests()).toEqual([]);
  });

  it('a run killed right after its first push is finished by the next: one open pull request per behind component', async () => {
    const killed = await fleet.cliSync(['--concurrency', '1'], { PAVED_CRASH_AT: 'fleet:pushed' });
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const pushed = await updateBranches(fleet);
    expect(pushed).toHaveLength(1);
    expect(await fleet.pullRequests()).toEqual([]);
    const [repo, branch] = pushed[0]!.split(' ') as [string, string];
    const head = await fleet.branchHead(repo, branch);

    const rerun = await fleet.cliSync();
    expect(rerun.code, rerun.stderr).toBe(1);
    expect(rerun.results.filter((r) => r.outcome === 'failed').map((r) => r.component)).toEqual(['lib-broken']);
    const open = await fleet.pullRequests('open');
    expect(open.map((pr) => pr.head.replace('paved/template-update/', '')).sort()).toEqual(['lib-a', 'lib-b', 'lib-conflict', 'lib-edit', 'lib-pushed', 'services--api', 'services--web']);
    // The interrupted run's push was the right one: the pull request is opened on it, not on a second push.
    expect(open.find((pr) => pr.head === branch && pr.repo === `acme/${repo}`)?.headSha).toBe(head);
    expect(await fleet.branchHead(repo, branch)).toBe(head);
    expect((await updateBranches(fleet)).sort()).toEqual(open.map((pr) => `${pr.repo.split('/')[1]} ${pr.head}`).sort());

    const third = await fleet.cliSync();
    expect(third.results.filter((r) => r.outcome === 'opened' || r.outcome === 'updated')).toEqual([]);
    expect(await fleet.pullRequests('all')).toHaveLength(BEHIND.length);
  });

  it('--shard 1/2 and 2/2 together cover every component exactly once, a repository never split', async () => {
    // In turn, not at once: both runs work on the same workspace and forge.
    const one = (await fleet.cliSync(['--shard', '1/2'])).results;
    const two = (await fleet.cliSync(['--shard', '2/2'])).results;
    const names = [...one, ...two].map((r) => r.component);
    expect([...one, ...two].filter((r) => r.outcome === 'opened')).toEqual([]);
    expect(names.sort()).toEqual([...COMPONENTS].sort());
    expect(one.length).toBeGreaterThan(0);
    expect(two.length).toBeGreaterThan(0);
    const shardOfMono = [one, two].filter((results) => results.some((r) => r.repo === 'acme/mono'));
    expect(shardOfMono).toHaveLength(1);
    expect(shardOfMono[0]!.filter((r) => r.repo === 'acme/mono')).toHaveLength(2);
    // The same split on every run.
    expect((await fleet.cliSync(['--shard', '1/2'])).results.map((r) => r.component).sort()).toEqual(one.map((r) => r.component).sort());
  });

  it('refuses a malformed --shard before doing anything', async () => {
    const run = await fleet.cli(['fleet', 'sync', '--shard', '3/2']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^paved: --shard '3\/2': expected I\/N/);
  });

  it('exits 0 when nothing failed', async () => {
    const run = await fleet.cliSync(['--team', 'platform']);
    expect(run.code, run.stderr).toBe(0);
    expect(outcomes(run.results)).toEqual({ 'jobs-worker': 'current' });
  });
});
