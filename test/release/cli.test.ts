/** The real `paved release pr | tag` CLI on a workspace's local forge: by --repo, and from a clone whose origin is on the forge. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATE, ReleaseForge } from './forge-fixture.js';

let env: ReleaseForge;
beforeAll(async () => {
  env = await ReleaseForge.build();
});
afterAll(async () => {
  await env.close();
});

interface PrJson {
  repo: string;
  pullRequests: Array<{ outcome: string; number: number; url: string; branch: string; releases: Array<{ tag: string }> }>;
}

describe('paved release pr | tag (CLI)', () => {
  it('opens the release pull request, refuses to go on while it is merged but untagged, tags it, and reruns as no-ops', async () => {
    const local = env.local();
    local.setup({ packages: { '.': { 'release-type': 'simple' } } }, { '.': '0.3.0' }, { 'version.txt': '0.3.0\n' }, ['v0.3.0']);
    local.commit('feat: first feature', 'src/a.ts');
    const repo = await env.publish('cli-app', local);

    const opened = await env.cli(['release', 'pr', '--repo', 'acme/cli-app', '--date', DATE]);
    expect(opened.code, opened.stderr).toBe(0);
    const report = opened.json as unknown as PrJson;
    expect(report).toMatchObject({ repo: 'acme/cli-app', pullRequests: [{ outcome: 'created', branch: 'release-please--branches--main', releases: [{ tag: 'v0.4.0' }] }] });

    // From the clone: its origin names the repository; the forge's branch is what counts, not the clone.
    local.write({ 'uncommitted.txt': 'ignored\n' });
    const rerun = await env.cli(['release', 'pr', '--date', DATE], local.dir);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect((rerun.json as unknown as PrJson).pullRequests).toMatchObject([{ outcome: 'unchanged', number: report.pullRequests[0]!.number }]);

    await env.forge.mergePullRequest(repo, report.pullRequests[0]!.number);
    env.pull(local);
    local.commit('fix: after the release', 'src/a.ts');
    await env.push(repo, local);
    const blocked = await env.cli(['release', 'pr', '--dir', local.dir, '--date', DATE]);
    expect(blocked.code).toBe(1);
    expect(blocked.json).toMatchObject({ error: { code: 'conflict', details: { reason: 'untagged-release' } } });
    expect(blocked.stderr).toMatch(/^paved: release pull request #\d+ was merged \(\w{12}\) but is not tagged yet; run 'paved release tag --repo acme\/cli-app' first/);

    const tagged = await env.cli(['release', 'tag', '--dir', local.dir]);
    expect(tagged.code, tagged.stderr).toBe(0);
    expect(tagged.json).toMatchObject({ repo: 'acme/cli-app', tags: ['v0.4.0'], releases: [{ tag: 'v0.4.0', tagOutcome: 'created', release: { outcome: 'created' } }] });
    expect((await env.cli(['release', 'tag', '--repo', 'acme/cli-app'])).json).toEqual({ repo: 'acme/cli-app', tags: [], releases: [], pullRequests: [] });

    const next = await env.cli(['release', 'pr', '--repo', 'acme/cli-app', '--date', DATE, '--dry-run']);
    expect(next.json).toMatchObject({ dryRun: true, pullRequests: [{ outcome: 'created', releases: [{ tag: 'v0.4.1' }] }] });
    expect(await env.forge.listPullRequests(repo, { state: 'open' })).toEqual([]);
  });

  it('says how to name the repository when neither --repo nor the clone does', async () => {
    const local = env.local();
    local.commit('chore: init');
    const noOrigin = await env.cli(['release', 'pr', '--dir', local.dir]);
    expect(noOrigin.code).toBe(1);
    expect(noOrigin.json).toMatchObject({ error: { code: 'input', message: expect.stringMatching(/has no origin remote; pass --repo OWNER\/NAME, or run in a clone of a repository on this forge/) } });
    local.git('remote', 'add', 'origin', 'https://github.com/acme/elsewhere.git');
    expect((await env.cli(['release', 'tag', '--dir', local.dir])).json).toMatchObject({ error: { code: 'input', message: expect.stringMatching(/origin remote .* \(https:\/\/github\.com\/acme\/elsewhere\.git\) is not a repository on this workspace's forge/) } });
    expect((await env.cli(['release', 'pr', '--repo', 'acme/missing'])).json).toMatchObject({ error: { code: 'not-found', message: expect.stringMatching(/no repository acme\/missing/) } });
    expect((await env.cli(['release', 'pr', '--repo', 'acme'])).json).toMatchObject({ error: { code: 'input', message: "--repo 'acme' is not OWNER/NAME" } });
    await env.forge.createRepository({ owner: 'acme', name: 'empty' });
    expect((await env.cli(['release', 'tag', '--repo', 'acme/empty'])).json).toMatchObject({ error: { code: 'not-found', message: expect.stringMatching(/^acme\/empty has no commits on main yet; push its first commit/) } });
  });
});
