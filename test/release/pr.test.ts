/** `paved release pr` on the local forge: the release pull request opened, kept current in place, and a person's branch left alone. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planReleases } from '../../src/release/plan.js';
import { DATE, ReleaseForge } from './forge-fixture.js';

let env: ReleaseForge;
beforeAll(async () => {
  env = await ReleaseForge.build();
});
afterAll(async () => {
  await env.close();
});

const PACKAGE = '{\n  "name": "@acme/shop",\n  "version": "1.4.0"\n}\n';

/** A node package at 1.4.0 (tag shop-v1.4.0) with a fix and a feature since, on the forge as `name`. */
async function nodeRepository(name: string) {
  const local = env.local();
  local.setup({ packages: { '.': { 'release-type': 'node' } } }, { '.': '1.4.0' }, { 'package.json': PACKAGE, 'CHANGELOG.md': '# Changelog\n\n## 1.4.0 (2025-01-01)\n\n* first\n' }, ['shop-v1.4.0']);
  local.commit('fix: handle empty carts', 'src/cart.ts');
  local.commit('feat: gift cards (#7)', 'src/gift.ts');
  const repo = await env.publish(name, local);
  return { local, repo };
}

describe('paved release pr', () => {
  it("opens release-please's pull request with its title, body, label and files, on the default branch's head", async () => {
    const { local, repo } = await nodeRepository('shop');
    const head = local.git('rev-parse', 'HEAD');
    const plan = await planReleases({ dir: local.dir, date: DATE, repository: { host: repo.webUrl.replace(/\/acme\/shop$/, ''), owner: 'acme', repo: 'shop' } });
    const [planned] = plan.pullRequests;

    const report = await env.pr(repo);
    expect(report).toMatchObject({ repo: 'acme/shop', base: 'main', head, dryRun: false });
    expect(report.pullRequests).toHaveLength(1);
    const [result] = report.pullRequests;
    expect(result).toMatchObject({ branch: planned!.branch, title: planned!.title, outcome: 'created', releases: [{ path: '.', component: 'shop', version: '1.5.0', tag: 'shop-v1.5.0' }] });
    expect(result!.files.sort()).toEqual(['.release-please-manifest.json', 'CHANGELOG.md', 'package.json']);

    const pr = await env.pullRequest(repo, result!.number!);
    expect(pr).toMatchObject({ state: 'open', head: planned!.branch, base: 'main', title: 'chore(main): release shop 1.5.0', body: planned!.body, labels: ['autorelease: pending'] });
    expect(result!.url).toBe(pr.url);
    const branch = planned!.branch;
    expect(await env.file(repo, 'package.json', branch)).toBe('{\n  "name": "@acme/shop",\n  "version": "1.5.0"\n}\n');
    expect(JSON.parse((await env.file(repo, '.release-please-manifest.json', branch))!)).toEqual({ '.': '1.5.0' });
    expect(await env.file(repo, 'CHANGELOG.md', branch)).toBe(`# Changelog\n\n${plan.releases[0]!.changelog}\n\n## 1.4.0 (2025-01-01)\n\n* first\n`);
    // One commit on main's head, with release-please's message and the bot's trailer.
    env.pull(local);
    local.git('fetch', '-q', 'origin', `+refs/heads/${branch}:refs/remotes/origin/release`);
    expect(local.git('rev-parse', 'refs/remotes/origin/release^')).toBe(head);
    expect(local.git('log', '-1', '--format=%B', 'refs/remotes/origin/release')).toBe(`chore(main): release shop 1.5.0\n\nPaved-Release: ${branch}`);
  });

  it('changes nothing on a rerun, and updates the same pull request in place after a new commit', async () => {
    const { local, repo } = await nodeRepository('cart');
    const first = (await env.pr(repo)).pullRequests[0]!;
    const before = await env.pullRequest(repo, first.number!);

    const again = await env.pr(repo);
    expect(again.pullRequests).toEqual([{ ...first, outcome: 'unchanged' }]);
    expect(await env.branchHead(repo, first.branch)).toBe(first.commit);
    expect((await env.pullRequest(repo, first.number!)).updatedAt).toBe(before.updatedAt);

    const dry = await env.pr(repo, { dryRun: true });
    expect(dry.pullRequests[0]!.outcome).toBe('unchanged');

    const feat = local.commit('feat: wish lists', 'src/wish.ts');
    await env.push(repo, local);
    const preview = await env.pr(repo, { dryRun: true });
    expect(preview).toMatchObject({ dryRun: true, pullRequests: [{ outcome: 'updated', number: first.number }] });
    expect(await env.branchHead(repo, first.branch)).toBe(first.commit);

    const updated = (await env.pr(repo)).pullRequests[0]!;
    expect(updated).toMatchObject({ outcome: 'updated', number: first.number, branch: first.branch });
    expect(updated.commit).not.toBe(first.commit);
    const pr = await env.pullRequest(repo, first.number!);
    expect(pr.body).toContain('wish lists');
    expect(pr.headSha).toBe(updated.commit);
    expect((await env.forge.listPullRequests(repo, { state: 'all' })).map((p) => p.number)).toEqual([first.number]);
    expect(await env.file(repo, 'CHANGELOG.md', first.branch)).toContain(`wish lists ([${feat.slice(0, 7)}]`);

    // A commit with nothing to release leaves the pull request and its branch as they are (release-please does too).
    local.commit('chore: tidy', 'src/tidy.ts');
    await env.push(repo, local);
    expect((await env.pr(repo)).pullRequests[0]).toMatchObject({ outcome: 'unchanged', commit: updated.commit });
  });

  it("leaves a branch a person pushed to alone and says so on the pull request, once per pushed commit", async () => {
    const { local, repo } = await nodeRepository('till');
    const first = (await env.pr(repo)).pullRequests[0]!;
    const pushed = await env.personPush(repo, first.branch, 'CHANGELOG.md', '# Changelog\n\nhand-written\n');
    local.commit('feat: receipts', 'src/receipts.ts');
    await env.push(repo, local);

    const report = await env.pr(repo);
    expect(report.pullRequests[0]).toMatchObject({ outcome: 'skipped', number: first.number, commit: pushed });
    expect(report.pullRequests[0]!.reason).toBe(`someone pushed to ${first.branch} (${pushed.slice(0, 12)}); not overwritten (the pull request got a comment)`);
    expect(await env.branchHead(repo, first.branch)).toBe(pushed);
    await env.pr(repo);
    const comments = await env.forge.listComments(repo, first.number!);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(pushed.slice(0, 12));
    expect((await env.pullRequest(repo, first.number!)).body).not.toContain('receipts');
  });

  it("leaves a release commit a person amended alone: the trailer alone does not make a commit the bot's", async () => {
    const { local, repo } = await nodeRepository('kiosk');
    const first = (await env.pr(repo)).pullRequests[0]!;
    const person = env.local();
    person.git('fetch', '-q', env.forge.repoDir(repo), `+refs/heads/${first.branch}:refs/heads/work`);
    person.git('checkout', '-q', 'work');
    person.write({ 'CHANGELOG.md': '# Changelog\n\nedited by hand\n' });
    person.git('commit', '-q', '-a', '--amend', '--no-edit');
    const amended = person.git('rev-parse', 'HEAD');
    expect(person.git('log', '-1', '--format=%an|%(trailers:key=Paved-Release,valueonly)')).toBe(`Paved release|${first.branch}`);
    await env.forge.push(repo, person.dir, [{ src: 'HEAD', dst: first.branch, expected: first.commit! }]);
    local.commit('feat: loyalty points', 'src/points.ts');
    await env.push(repo, local);

    const report = await env.pr(repo);
    expect(report.pullRequests[0]).toMatchObject({ outcome: 'skipped', number: first.number, commit: amended, reason: `someone pushed to ${first.branch} (${amended.slice(0, 12)}); not overwritten (the pull request got a comment)` });
    expect(await env.branchHead(repo, first.branch)).toBe(amended);
    expect(await env.file(repo, 'CHANGELOG.md', first.branch)).toBe('# Changelog\n\nedited by hand\n');
    expect((await env.forge.listComments(repo, first.number!)).map((c) => c.body)).toEqual([expect.stringContaining(amended.slice(0, 12))]);
  });

  it('reports nothing to release when no commit is user-facing', async () => {
    const local = env.local();
    local.setup({ packages: { '.': { 'release-type': 'simple' } } }, { '.': '2.0.0' }, { 'version.txt': '2.0.0\n' }, ['v2.0.0']);
    local.commit('chore: tidy', 'x.txt');
    const repo = await env.publish('quiet', local);
    const report = await env.pr(repo);
    expect(report.pullRequests).toEqual([]);
    expect(report.unchanged).toEqual([{ path: '.', component: '', current: '2.0.0', commits: 1 }]);
    expect(await env.forge.listPullRequests(repo, { state: 'all' })).toEqual([]);
  });
});
