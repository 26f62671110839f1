/** `paved release tag` after a release pull request was merged, and the errors that say how to get unstuck. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Repository } from '../../src/forge/types.js';
import { DATE, ReleaseForge } from './forge-fixture.js';

let env: ReleaseForge;
beforeAll(async () => {
  env = await ReleaseForge.build();
});
afterAll(async () => {
  await env.close();
});

/** web (1.0.0) and api (2.0.0) in one repository, each with user-facing commits since. */
async function monorepo(name: string, options: Record<string, unknown> = {}) {
  const local = env.local();
  local.setup(
    { ...options, packages: { web: { 'release-type': 'simple', component: 'web' }, api: { 'release-type': 'simple', component: 'api' } } },
    { web: '1.0.0', api: '2.0.0' },
    { 'web/version.txt': '1.0.0\n', 'api/version.txt': '2.0.0\n' },
    ['web-v1.0.0', 'api-v2.0.0'],
  );
  local.commit('feat(web): dark mode', 'web/src/theme.ts');
  local.commit('fix(api): timeouts', 'api/src/server.ts');
  return { local, repo: await env.publish(name, local) };
}

/** A single package released as v1.1.0 by a merged release pull request; returns its number and merge commit. */
async function mergedRelease(name: string) {
  const local = env.local();
  local.setup({ packages: { '.': { 'release-type': 'simple' } } }, { '.': '1.0.0' }, { 'version.txt': '1.0.0\n' }, ['v1.0.0']);
  local.commit('feat: search', 'src/search.ts');
  const repo = await env.publish(name, local);
  const [opened] = (await env.pr(repo)).pullRequests;
  const merged = await env.forge.mergePullRequest(repo, opened!.number!);
  return { local, repo, number: opened!.number!, mergeCommit: merged.mergeCommit!, opened: opened! };
}

async function tagsOf(repo: Repository) {
  return Object.fromEntries((await env.forge.listTags(repo)).map((t) => [t.name, t.commit]));
}

describe('paved release tag', () => {
  it('tags the merge commit, creates a release with the changelog entry as notes, swaps the label, and is idempotent', async () => {
    const { local, repo, number, mergeCommit } = await mergedRelease('search');
    const pr = await env.pullRequest(repo, number);
    const report = await env.tag(repo);
    expect(report.tags).toEqual(['v1.1.0']);
    expect(report.releases).toEqual([
      {
        pullRequest: number,
        component: '',
        path: '.',
        version: '1.1.0',
        tag: 'v1.1.0',
        commit: mergeCommit,
        tagOutcome: 'created',
        release: { name: 'v1.1.0', url: expect.stringContaining('/acme/search/releases/v1.1.0'), outcome: 'created' },
      },
    ]);
    expect((await tagsOf(repo))['v1.1.0']).toBe(mergeCommit);
    const release = await env.forge.getRelease(repo, 'v1.1.0');
    expect(release!.body).toMatch(new RegExp(`^## \\[1\\.1\\.0\\]\\(.*/acme/search/compare/v1\\.0\\.0\\.\\.\\.v1\\.1\\.0\\) \\(${DATE}\\)\n\n\n### Features\n\n\\* search `));
    expect(pr.body).toContain(release!.body);
    expect((await env.pullRequest(repo, number)).labels).toEqual(['autorelease: tagged']);
    expect((await env.forge.listComments(repo, number)).map((c) => c.body)).toEqual([`🤖 Created releases:\n\n- [v1.1.0](${release!.url})\n\n:sunflower:`]);

    const rerun = await env.tag(repo);
    expect(rerun).toEqual({ repo: 'acme/search', tags: [], releases: [], pullRequests: [] });
    expect(await env.forge.listReleases(repo)).toHaveLength(1);
    expect(await env.forge.listComments(repo, number)).toHaveLength(1);

    // The next release pull request starts from the new tag, on the same branch, as a new pull request.
    expect((await env.pr(repo)).pullRequests).toEqual([]);
    env.pull(local);
    local.commit('fix: typo in results', 'src/search.ts');
    await env.push(repo, local);
    const next = (await env.pr(repo)).pullRequests[0]!;
    expect(next).toMatchObject({ outcome: 'created', title: 'chore(main): release 1.1.1', releases: [{ version: '1.1.1', tag: 'v1.1.1' }] });
    expect(next.number).not.toBe(number);
  });

  it('finishes a run cut short: a tag made already is kept, the missing release is created', async () => {
    const { repo, number, mergeCommit } = await mergedRelease('resume');
    await env.forge.createTag(repo, { name: 'v1.1.0', commit: mergeCommit });
    const report = await env.tag(repo);
    expect(report.tags).toEqual([]);
    expect(report.releases[0]).toMatchObject({ tag: 'v1.1.0', tagOutcome: 'existing', release: { outcome: 'created' } });
    expect((await env.pullRequest(repo, number)).labels).toEqual(['autorelease: tagged']);
  });

  it('tags both components of a monorepo release pull request with their component in the tag', async () => {
    const { repo } = await monorepo('mono');
    const pr = await env.pr(repo);
    expect(pr.pullRequests).toHaveLength(1);
    expect(pr.pullRequests[0]).toMatchObject({ branch: 'release-please--branches--main', title: 'chore: release main' });
    expect(pr.pullRequests[0]!.releases.map((r) => r.tag).sort()).toEqual(['api-v2.0.1', 'web-v1.1.0']);
    expect(pr.pullRequests[0]!.files.sort()).toEqual(['.release-please-manifest.json', 'api/CHANGELOG.md', 'api/version.txt', 'web/CHANGELOG.md', 'web/version.txt']);
    expect(JSON.parse((await env.file(repo, '.release-please-manifest.json', 'release-please--branches--main'))!)).toEqual({ web: '1.1.0', api: '2.0.1' });
    const merged = await env.forge.mergePullRequest(repo, pr.pullRequests[0]!.number!, { method: 'squash' });

    const report = await env.tag(repo);
    expect(report.tags.sort()).toEqual(['api-v2.0.1', 'web-v1.1.0']);
    const tags = await tagsOf(repo);
    expect([tags['web-v1.1.0'], tags['api-v2.0.1']]).toEqual([merged.mergeCommit, merged.mergeCommit]);
    const releases = Object.fromEntries((await env.forge.listReleases(repo)).map((r) => [r.tag, r]));
    expect(releases['web-v1.1.0']).toMatchObject({ name: 'web: v1.1.0' });
    expect(releases['web-v1.1.0']!.body).toContain('dark mode');
    expect(releases['web-v1.1.0']!.body).not.toContain('timeouts');
    expect(releases['api-v2.0.1']!.body).toContain('timeouts');
    expect(await env.tag(repo)).toMatchObject({ tags: [], releases: [] });
  });

  it('with separate-pull-requests: one pull request per component, each tagged on its own', async () => {
    const { repo } = await monorepo('split', { 'separate-pull-requests': true });
    const report = await env.pr(repo);
    expect(report.pullRequests.map((p) => [p.branch, p.title]).sort()).toEqual([
      ['release-please--branches--main--components--api', 'chore(main): release api 2.0.1'],
      ['release-please--branches--main--components--web', 'chore(main): release web 1.1.0'],
    ]);
    const web = report.pullRequests.find((p) => p.branch.endsWith('--web'))!;
    await env.forge.mergePullRequest(repo, web.number!);
    expect((await env.tag(repo)).tags).toEqual(['web-v1.1.0']);
    // api's pull request stays open; the next run rebuilds it on the new main without touching web.
    const after = await env.pr(repo);
    expect(after.pullRequests.map((p) => [p.branch.split('--').pop(), p.outcome])).toEqual([['api', 'updated']]);
  });
});

describe('paved release errors', () => {
  it('refuses a new release pull request while a merged one is untagged, and says to run tag', async () => {
    const { local, repo, number } = await mergedRelease('untagged');
    env.pull(local);
    local.commit('feat: more', 'src/more.ts');
    await env.push(repo, local);
    const error = await env.pr(repo).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'conflict', details: { reason: 'untagged-release', pullRequest: number } });
    expect((error as Error).message).toMatch(new RegExp(`^release pull request #${number} was merged \\(\\w{12}\\) but is not tagged yet; run 'paved release tag --repo acme/untagged' first`));
    await env.tag(repo);
    expect((await env.pr(repo)).pullRequests[0]).toMatchObject({ outcome: 'created', releases: [{ version: '1.2.0' }] });
  });

  it('names a merged release pull request that lost its label as the reason a baseline tag is missing, with both ways out', async () => {
    const { repo, number, mergeCommit } = await mergedRelease('unlabelled');
    await env.forge.updatePullRequest(repo, number, { labels: [] });
    const error = (await env.pr(repo).catch((e: unknown) => e)) as Error & { code: string; details: Record<string, unknown> };
    expect(error).toMatchObject({ code: 'conflict', details: { reason: 'untagged-release', pullRequest: number, expectedTag: 'v1.1.0' } });
    expect(error.message).toContain(`release pull request #${number} (merged as ${mergeCommit.slice(0, 12)}) was never tagged, so tag 'v1.1.0' is missing: label it 'autorelease: pending' and run 'paved release tag --repo acme/unlabelled', or tag the merge yourself (git tag v1.1.0 ${mergeCommit}`);
    await env.forge.updatePullRequest(repo, number, { labels: ['autorelease: pending'] });
    expect((await env.tag(repo)).tags).toEqual(['v1.1.0']);
  });

  it('refuses a tag that exists on another commit, tagging nothing', async () => {
    const { local, repo, number, mergeCommit } = await mergedRelease('taken');
    const other = local.git('rev-parse', 'HEAD');
    await env.forge.createTag(repo, { name: 'v1.1.0', commit: other });
    const error = (await env.tag(repo).catch((e: unknown) => e)) as Error & { details: Record<string, unknown> };
    expect(error).toMatchObject({ code: 'conflict', details: { reason: 'tag-elsewhere', tag: 'v1.1.0', commit: other, expected: mergeCommit } });
    expect(error.message).toContain(`tag 'v1.1.0' already exists on ${other.slice(0, 12)}, not on ${mergeCommit.slice(0, 12)} (the merge of release pull request #${number})`);
    expect(error.message).toContain('git push origin :refs/tags/v1.1.0');
    expect(await env.forge.listReleases(repo)).toEqual([]);
    expect((await env.pullRequest(repo, number)).labels).toEqual(['autorelease: pending']);
  });

  it('calls out a pending label stuck on a merged pull request that names no release', async () => {
    const { repo, number } = await mergedRelease('stuck');
    await env.forge.updatePullRequest(repo, number, { title: 'Release things', body: 'edited by hand' });
    const error = (await env.tag(repo).catch((e: unknown) => e)) as Error & { details: Record<string, unknown> };
    expect(error).toMatchObject({ code: 'conflict', details: { reason: 'stuck-label', pullRequest: number } });
    expect(error.message).toMatch(/its title and body name no release \(were they edited\?\).*replace the label with 'autorelease: tagged'/);
  });
});
