/**
 * The real `paved release pr | tag` CLI on a workspace's local forge: by --repo, and from a clone
 * whose origin is on the forge; and the bundled CLI against the engine run from source.
 */
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

  it('refuses a --date that is not a calendar day written YYYY-MM-DD, before reading anything', async () => {
    for (const date of ['2026-02-30', '2026-13-01', '2026-1-5', 'tomorrow']) {
      const ran = await env.cli(['release', 'plan', '--date', date]);
      expect(ran.code, date).toBe(1);
      expect(ran.json, date).toMatchObject({ error: { code: 'input', message: `--date '${date}' is not a date written YYYY-MM-DD` } });
    }
    // A leap day is a day: this run gets as far as looking for the repository.
    expect((await env.cli(['release', 'plan', '--date', '2024-02-29'])).json).toMatchObject({ error: { message: expect.stringMatching(/not inside a git repository/) } });
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

  it('proposes, as the bundled CLI, exactly what the engine run from source proposes: every file updater (XML, TOML, YAML, JSONPath, Helm, node, python)', async () => {
    // The bundle gives release-please stand-ins for its XML, YAML, TOML and JSONPath libraries
    // (scripts/bundle-cli.mjs); each updater below loads one of them through its stand-in.
    const local = env.local();
    local.setup(
      {
        packages: {
          java: { component: 'java', 'release-type': 'simple', 'extra-files': [{ type: 'xml', path: 'pom.xml', xpath: '//project/version' }] },
          py: { component: 'py', 'release-type': 'python' },
          chart: { component: 'chart', 'release-type': 'helm' },
          web: { component: 'web', 'release-type': 'node' },
          cfg: {
            component: 'cfg',
            'release-type': 'simple',
            'extra-files': [
              { type: 'yaml', path: 'config.yaml', jsonpath: '$.app.version' },
              { type: 'json', path: 'meta.json', jsonpath: '$.release.version' },
              { type: 'toml', path: 'Cargo.toml', jsonpath: '$.package.version' },
            ],
          },
        },
      },
      { java: '1.0.0', py: '1.0.0', chart: '1.0.0', web: '1.0.0', cfg: '1.0.0' },
      {
        'java/pom.xml': '<project>\n  <artifactId>app</artifactId>\n  <version>1.0.0</version>\n</project>\n',
        'java/version.txt': '1.0.0\n',
        'py/pyproject.toml': '[project]\nname = "app"\nversion = "1.0.0"\n',
        'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 1.0.0\n',
        'web/package.json': '{\n  "name": "web",\n  "version": "1.0.0"\n}\n',
        'cfg/version.txt': '1.0.0\n',
        'cfg/config.yaml': 'app:\n  name: cfg # the service\n  version: 1.0.0\n',
        'cfg/meta.json': '{\n  "release": { "version": "1.0.0" }\n}\n',
        'cfg/Cargo.toml': '[package]\nname = "cfg"\nversion = "1.0.0" # kept in step\n',
      },
      ['java-v1.0.0', 'py-v1.0.0', 'chart-v1.0.0', 'web-v1.0.0', 'cfg-v1.0.0'],
    );
    for (const dir of ['java', 'py', 'chart', 'web', 'cfg']) local.commit(`feat(${dir}): something new`, `${dir}/src/new.txt`);
    // The same history (same commits) as two repositories: one for the CLI, one for the engine.
    const bundled = await env.publish('bundled', local);
    local.git('remote', 'remove', 'origin');
    const source = await env.publish('source', local);

    const cli = await env.cli(['release', 'pr', '--repo', 'acme/bundled', '--date', DATE]);
    expect(cli.code, cli.stderr).toBe(0);
    const [fromCli] = (cli.json as unknown as PrJson).pullRequests;
    const [fromSource] = (await env.pr(source)).pullRequests;
    expect(fromCli).toMatchObject({ outcome: 'created', branch: fromSource!.branch });

    const files = ['java/pom.xml', 'py/pyproject.toml', 'chart/Chart.yaml', 'web/package.json', 'cfg/config.yaml', 'cfg/meta.json', 'cfg/Cargo.toml', '.release-please-manifest.json', 'cfg/CHANGELOG.md'];
    for (const file of files) {
      const [a, b] = await Promise.all([env.file(bundled, file, fromCli!.branch), env.file(source, file, fromSource!.branch)]);
      expect(a, file).toBe(b!.replaceAll('acme/source', 'acme/bundled'));
      expect(a, file).toContain('1.1.0');
    }
    expect(await env.file(bundled, 'cfg/Cargo.toml', fromCli!.branch)).toBe('[package]\nname = "cfg"\nversion = "1.1.0" # kept in step\n');
    const [cliPr, sourcePr] = await Promise.all([env.pullRequest(bundled, fromCli!.number), env.pullRequest(source, fromSource!.number!)]);
    expect(cliPr.title).toBe(sourcePr.title);
    expect(cliPr.body).toBe(sourcePr.body.replaceAll('acme/source', 'acme/bundled'));

    // A rerun reads the open pull request's body back (release-please's HTML parser, also a stand-in).
    const rerun = await env.cli(['release', 'pr', '--repo', 'acme/bundled', '--date', DATE]);
    expect((rerun.json as unknown as PrJson).pullRequests).toMatchObject([{ outcome: 'unchanged', number: fromCli!.number }]);
  });
});
