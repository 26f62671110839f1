/**
 * `fleet sync` on a ten-component fleet (see fleet-fixture.ts), in process against the platform:
 * one update pull request per component that is behind, the team's edits kept, conflicts shown,
 * a person's push respected, and the life of those pull requests over later runs and releases.
 * The tests run in order on one fleet, each from the state the previous one left, as the runs
 * of a scheduled job do.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncResult } from '../../src/fleet/types.js';
import { platformFleetStatus, platformFleetSync } from '../../src/platform/fleet.js';
import { git, tempDir, writeFiles } from '../support/fixtures.js';
import { BEHIND, COMPONENTS, Fleet, outcomes, resultOf } from './fleet-fixture.js';

const branch = (component: string) => `paved/template-update/${component}`;

describe('fleet sync: one update pull request per component that is behind', () => {
  let fleet: Fleet;
  let first: SyncResult[];
  /** Pull request number of each component after the first run. */
  const numbers: Record<string, number> = {};

  beforeAll(async () => {
    fleet = await Fleet.build();
    first = await platformFleetSync(fleet.platform);
    for (const r of first) if (r.pullRequest) numbers[r.component] = r.pullRequest.number;
  });
  afterAll(() => fleet?.close());

  it('reports every component once, with the outcome its state calls for', () => {
    expect(outcomes(first)).toEqual({
      'jobs-worker': 'current',
      'lib-a': 'opened',
      'lib-b': 'opened',
      'lib-broken': 'failed',
      'lib-conflict': 'conflicted',
      'lib-current': 'current',
      'lib-edit': 'opened',
      'lib-pushed': 'opened',
      'mono-api': 'opened',
      'mono-web': 'opened',
    });
    for (const component of BEHIND) expect(resultOf(first, component), component).toMatchObject({ from: '1.0.0', to: '1.1.0' });
  });

  it('opens exactly one labelled pull request per behind component, on its own branch into main', async () => {
    const prs = await fleet.pullRequests();
    expect(prs).toHaveLength(BEHIND.length);
    expect(prs.map((pr) => `${pr.repo} ${pr.head}`).sort()).toEqual(
      [...BEHIND.filter((c) => !c.startsWith('mono')).map((c) => `acme/${c} ${branch(c)}`), `acme/mono ${branch('services--api')}`, `acme/mono ${branch('services--web')}`].sort(),
    );
    for (const pr of prs) {
      expect(pr, pr.head).toMatchObject({ state: 'open', base: 'main' });
      expect(pr.labels).toContain('template-update');
      // What the pull request shows is what the branch holds.
      expect(await fleet.branchHead(pr.repo.split('/')[1]!, pr.head)).toBe(pr.headSha);
    }
    expect(await fleet.branchHead('lib-current', branch('lib-current'))).toBeUndefined();
  });

  it("brings the template's changes into the branch and keeps the team's edits", async () => {
    const ref = branch('lib-edit');
    const readme = await fleet.file('lib-edit', 'README.md', ref);
    expect(readme).toContain('v2 text');
    expect(readme).not.toContain('v1 text');
    expect(readme).toContain('Payments team: call us before upgrading.');
    expect(await fleet.file('lib-edit', 'src/index.ts', ref)).toBe('export const answer = 42;\n');
    expect(await fleet.file('lib-edit', 'docs/guide.md', ref)).toBe('# Guide\n\nHow to use this library.\n');
    expect(await fleet.file('lib-edit', '.copier-answers.yml', ref)).toMatch(/^_commit: v1\.1\.0$/m);
    // The default branch is not touched.
    expect(await fleet.file('lib-edit', 'README.md')).toContain('v1 text');
  });

  it('updates each subproject of a monorepo in its own pull request, touching only its folder', async () => {
    const api = branch('services--api');
    expect(await fleet.file('mono', 'services/api/README.md', api)).toContain('v2 text');
    expect(await fleet.file('mono', 'services/web/README.md', api)).toContain('v1 text');
    expect(await fleet.file('mono', 'services/api/docs/guide.md', api)).toBeDefined();
    expect(await fleet.file('mono', 'services/web/docs/guide.md', api)).toBeUndefined();
    expect(await fleet.file('mono', 'services/web/README.md', branch('services--web'))).toContain('v2 text');
    expect(numbers['mono-api']).not.toBe(numbers['mono-web']);
  });

  it('labels a conflicting update, leaves the markers in the file and lists the file in the body', async () => {
    expect(resultOf(first, 'lib-conflict').conflicts).toEqual(['README.md']);
    const [pr] = await fleet.platform.forge.listPullRequests(await fleet.repo('lib-conflict'), { state: 'all' });
    expect(pr!.labels.sort()).toEqual(['template-update', 'template-update-conflicts']);
    expect(pr!.body).toMatch(/### Conflicts \(1\)\n[^#]*- `README\.md`/);
    const readme = await fleet.file('lib-conflict', 'README.md', branch('lib-conflict'));
    expect(readme).toMatch(/<<<<<<< [^\n]*\nour own text\n=======\nv2 text\n>>>>>>> /);
  });

  it('writes from → to, the changelog sections between them and the files changed into the body', async () => {
    const [pr] = await fleet.platform.forge.listPullRequests(await fleet.repo('lib-a'), { state: 'all' });
    expect(pr!.title).toBe('chore(template): update lib-a to library-template 1.1.0');
    expect(pr!.body).toContain('## lib-a: library-template 1.0.0 → 1.1.0');
    expect(pr!.body).toContain('- README says v2 text; adds docs/guide.md.');
    expect(pr!.body).not.toContain('First release.');
    expect(pr!.body).toContain('### Files (3)\n\n- `README.md` update\n- `docs/guide.md` create\n- `.copier-answers.yml` update\n');
  });

  it('fails a broken answers file as its own outcome; fleet status calls it broken', async () => {
    expect(resultOf(first, 'lib-broken').error).toMatch(/no _src_path/);
    const status = await platformFleetStatus(fleet.platform);
    expect(status.map((s) => s.component).sort()).toEqual([...COMPONENTS].sort());
    expect(status.find((s) => s.component === 'lib-broken')).toMatchObject({ state: 'broken', problem: expect.stringMatching(/\.copier-answers\.yml/) });
    // Status shows each behind component's open pull request.
    for (const c of BEHIND) expect(status.find((s) => s.component === c)?.pullRequest?.number, c).toBe(numbers[c]);
    expect(status.find((s) => s.component === 'lib-conflict')?.pullRequest?.conflicted).toBe(true);
  });

  it('opens no duplicates when it runs again: every pull request is unchanged, no branch moves', async () => {
    const heads = await Promise.all((await fleet.pullRequests()).map((pr) => pr.headSha));
    // A dry run works out the same answer without writing a single object.
    const objects = (name: string) => git(fleet.platform.forge.repoDir({ owner: 'acme', name }), 'count-objects', '-v');
    const before = objects('lib-a');
    const dry = await platformFleetSync(fleet.platform, { dryRun: true });
    for (const c of BEHIND) expect(resultOf(dry, c), c).toMatchObject({ outcome: 'unchanged', pullRequest: { number: numbers[c] } });
    expect(objects('lib-a')).toBe(before);
    const again = await platformFleetSync(fleet.platform);
    for (const c of BEHIND) expect(resultOf(again, c), c).toMatchObject({ outcome: 'unchanged', pullRequest: { number: numbers[c] } });
    const prs = await fleet.pullRequests();
    expect(prs).toHaveLength(BEHIND.length);
    expect(prs.map((pr) => pr.headSha)).toEqual(heads);
  });

  it("never overwrites a branch a person pushed to: skipped, head kept, one comment however often it runs", async () => {
    const head = await fleet.personPush('lib-pushed', branch('lib-pushed'), { 'NOTES.md': 'fixed by hand\n' });
    const repo = await fleet.repo('lib-pushed');
    for (let run = 0; run < 2; run += 1) {
      const results = await platformFleetSync(fleet.platform, { team: 'payments' });
      expect(resultOf(results, 'lib-pushed'), `run ${run}`).toMatchObject({ outcome: 'skipped', pullRequest: { number: numbers['lib-pushed'] } });
      expect(await fleet.branchHead('lib-pushed', branch('lib-pushed'))).toBe(head);
    }
    const comments = await fleet.platform.forge.listComments(repo, numbers['lib-pushed']!);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(head.slice(0, 12));
  });

  it('bases the next run on the default branch when it moved after the pull request was opened', async () => {
    const main = await fleet.personPush('lib-a', 'main', { 'src/feature.ts': 'export const feature = true;\n' });
    const results = await platformFleetSync(fleet.platform, { team: 'payments' });
    expect(resultOf(results, 'lib-a')).toMatchObject({ outcome: 'updated', pullRequest: { number: numbers['lib-a'] } });
    const head = (await fleet.branchHead('lib-a', branch('lib-a')))!;
    expect(git(fleet.platform.forge.repoDir(await fleet.repo('lib-a')), 'rev-parse', `${head}^`)).toBe(main);
    expect(await fleet.file('lib-a', 'src/feature.ts', head)).toBe('export const feature = true;\n');
    expect(await fleet.file('lib-a', 'README.md', head)).toContain('v2 text');
  });

  it('updates the same pull requests in place when a newer version is released while they are open', async () => {
    expect(fleet.release()).toBe('1.2.0');
    const results = await platformFleetSync(fleet.platform);
    const refreshed = BEHIND.filter((c) => c !== 'lib-pushed');
    for (const c of refreshed) {
      expect(resultOf(results, c), c).toMatchObject({ outcome: c === 'lib-conflict' ? 'conflicted' : 'updated', from: '1.0.0', to: '1.2.0', pullRequest: { number: numbers[c] } });
    }
    expect(resultOf(results, 'lib-current')).toMatchObject({ outcome: 'opened', from: '1.1.0', to: '1.2.0' });
    expect(resultOf(results, 'lib-pushed').outcome).toBe('skipped');
    expect(await fleet.platform.forge.listComments(await fleet.repo('lib-pushed'), numbers['lib-pushed']!)).toHaveLength(1);
    const [pr] = await fleet.platform.forge.listPullRequests(await fleet.repo('lib-edit'), { state: 'all' });
    expect(pr).toMatchObject({ number: numbers['lib-edit'], state: 'open', title: 'chore(template): update lib-edit to library-template 1.2.0' });
    expect(pr!.body).toContain('library-template 1.0.0 → 1.2.0');
    expect(pr!.body).toContain('- Adds .editorconfig.');
    expect(pr!.body).toContain('- README says v2 text; adds docs/guide.md.');
    expect(await fleet.file('lib-edit', '.editorconfig', branch('lib-edit'))).toBe('root = true\n');
    expect(await fleet.file('lib-edit', 'README.md', branch('lib-edit'))).toContain('Payments team: call us before upgrading.');
    expect((await fleet.pullRequests('open')).length).toBe(BEHIND.length + 1);
  });

  it('skips a version whose pull request was closed unmerged, and opens a new one for a newer version', async () => {
    const repo = await fleet.repo('lib-b');
    await fleet.platform.forge.closePullRequest(repo, numbers['lib-b']!);
    const skipped = await platformFleetSync(fleet.platform, { team: 'payments' });
    expect(resultOf(skipped, 'lib-b')).toMatchObject({ outcome: 'skipped', error: expect.stringMatching(/closed without merging/) });
    expect(await fleet.platform.forge.findOpenPullRequest(repo, branch('lib-b'))).toBeUndefined();
    expect(resultOf(skipped, 'lib-a').outcome).toBe('unchanged');

    expect(fleet.release()).toBe('1.3.0');
    const reopened = await platformFleetSync(fleet.platform, { team: 'payments' });
    const result = resultOf(reopened, 'lib-b');
    expect(result).toMatchObject({ outcome: 'opened', to: '1.3.0' });
    expect(result.pullRequest!.number).not.toBe(numbers['lib-b']);
    const open = await fleet.platform.forge.findOpenPullRequest(repo, branch('lib-b'));
    expect(open).toMatchObject({ number: result.pullRequest!.number });
    expect(open!.body).toContain('library-template 1.0.0 → 1.3.0');
    expect(await fleet.platform.forge.listPullRequests(repo, { state: 'all' })).toHaveLength(2);
  });

  it("leaves an update commit a person amended alone: its trailer alone does not make it the bot's", async () => {
    const repo = await fleet.repo('lib-edit');
    const ref = branch('lib-edit');
    const before = (await fleet.branchHead('lib-edit', ref))!;
    const work = path.join(tempDir('paved-person-'), 'lib-edit');
    git(path.dirname(work), 'clone', '-q', '--branch', ref, fleet.platform.forge.repoDir(repo), work);
    writeFiles(work, { 'NOTES.md': 'fixed by hand\n' });
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '--amend', '--no-edit');
    const amended = git(work, 'rev-parse', 'HEAD');
    expect(git(work, 'log', '-1', '--format=%an|%(trailers:key=Paved-Fleet,valueonly)')).toMatch(/^Paved fleet\|lib-edit@/);
    await fleet.platform.forge.push(repo, work, [{ src: 'HEAD', dst: ref, expected: before }]);

    for (let run = 0; run < 2; run += 1) {
      const results = await platformFleetSync(fleet.platform, { team: 'payments' });
      expect(resultOf(results, 'lib-edit'), `run ${run}`).toMatchObject({ outcome: 'skipped', pullRequest: { number: numbers['lib-edit'] } });
    }
    expect(await fleet.branchHead('lib-edit', ref)).toBe(amended);
    expect(await fleet.file('lib-edit', 'NOTES.md', ref)).toBe('fixed by hand\n');
    const comments = await fleet.platform.forge.listComments(repo, numbers['lib-edit']!);
    expect(comments.map((c) => c.body)).toEqual([expect.stringContaining(amended.slice(0, 12))]);
  });
});

