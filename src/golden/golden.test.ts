import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { initWorkspace } from '../platform/init.js';
import { openPlatform, type Platform } from '../platform/platform.js';
import { git, tempDir } from '../../test/support/fixtures.js';
import { goldenRepos, parseChangelog, GOLDEN_ROOT } from './content.js';
import { goldenHistory } from './history.js';
import { buildGoldenRepo, rewriteForOrganisation, seedGoldenRepo } from './seed.js';

describe('golden content', () => {
  test('ships both templates and the workflows repository, each with a version its CHANGELOG and manifest agree on', () => {
    const repos = goldenRepos();
    expect(repos.map((r) => `${r.kind}:${r.name}`)).toEqual(['template:typescript-library', 'template:typescript-service', 'workflows:workflows', 'terraform-module:terraform-addons', 'terraform-module:terraform-cluster', 'terraform-module:terraform-network', 'terraform-module:terraform-newrelic']);
    for (const repo of repos) expect(repo.releases[0]!.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('every released version of every repository can be rebuilt from the history patches', async () => {
    for (const repo of goldenRepos()) {
      const history = await goldenHistory(repo);
      expect(history.map((s) => s.version), repo.name).toEqual(repo.releases.map((r) => r.version).reverse());
    }
  });

  test('an older typescript-service lacks what its CHANGELOG says the newer one added', async () => {
    const service = goldenRepos().find((r) => r.name === 'typescript-service')!;
    const [v100, v110] = await goldenHistory(service);
    const paths = (s: typeof v100) => s!.files.map((f) => f.path);
    expect(v100!.version).toBe('1.0.0');
    expect(paths(v100)).not.toContain('template/observability.yaml.jinja');
    expect(paths(v110)).toContain('template/observability.yaml.jinja');
    expect(v110!.files.find((f) => f.path === 'template/Dockerfile.jinja')!.data.toString()).toContain('HEALTHCHECK');
  });

  test('a CHANGELOG out of order or without headings is refused with the file named', () => {
    expect(() => parseChangelog('# Changelog\n', 'X.md')).toThrow(/X\.md: no release headings/);
    expect(() => parseChangelog('## 1.0.0 (2026-01-01)\n\n## 1.1.0 (2026-02-01)\n', 'X.md')).toThrow(/keep the newest release first/);
    expect(parseChangelog('## [1.1.0](x) (2026-02-01)\n\n* b\n\n## 1.0.0 (2026-01-01)\n\n* a\n', 'X.md')).toEqual([
      { version: '1.1.0', date: '2026-02-01', notes: '* b' },
      { version: '1.0.0', date: '2026-01-01', notes: '* a' },
    ]);
  });

  test("the organisation's name replaces acme where workflows are called and as the template's default", () => {
    const copier = rewriteForOrganisation({ path: 'copier.yml', data: Buffer.from('organisation:\n  type: str\n  default: acme\nteam:\n  default: acme\n'), executable: false }, 'globex');
    expect(copier.data.toString()).toBe('organisation:\n  type: str\n  default: globex\nteam:\n  default: acme\n');
    const workflow = rewriteForOrganisation({ path: 'x.yml', data: Buffer.from('uses: acme/workflows/actions/paved@v1\n'), executable: false }, 'globex');
    expect(workflow.data.toString()).toBe('uses: globex/workflows/actions/paved@v1\n');
  });
});

describe('seeding into the organisation (local forge)', () => {
  const open: Platform[] = [];
  afterEach(async () => {
    for (const platform of open.splice(0)) await platform.close();
  });
  async function platform(): Promise<Platform> {
    const dir = path.join(tempDir('paved-golden-'), 'ws');
    await initWorkspace(dir);
    const p = await openPlatform(dir);
    open.push(p);
    return p;
  }

  test('init seeds every release as a tagged commit; the workflows repository also gets its major tag', async () => {
    const { forge } = await platform();
    const service = await forge.listTags({ owner: 'acme', name: 'typescript-service' });
    expect(service.map((t) => t.name).sort()).toEqual(['v1.0.0', 'v1.1.0']);
    const workflows = await forge.listTags({ owner: 'acme', name: 'workflows' });
    const v1 = workflows.find((t) => t.name === 'v1');
    expect(v1).toBeDefined();
    expect(v1?.commit).toBe((await forge.getBranch({ owner: 'acme', name: 'workflows' }, 'main'))?.commit);
    expect((await forge.readFile({ owner: 'acme', name: 'typescript-service' }, 'copier.yml'))?.data.toString()).toContain('_subdirectory: template');
  });

  test('seeding is deterministic: a second seed changes nothing', async () => {
    const { forge } = await platform();
    for (const repo of goldenRepos()) expect((await seedGoldenRepo(forge, 'acme', repo)).outcome).toBe('unchanged');
  });

  test('a newer golden release fast-forwards the repository and tags it', async () => {
    const { forge } = await platform();
    const root = tempDir('paved-golden-root-');
    cpSync(GOLDEN_ROOT, root, { recursive: true });
    const dir = path.join(root, 'templates/typescript-library');
    const changelog = readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8');
    // The history patch for 1.0.0 is what a platform engineer commits with the release.
    const before = tempDir('paved-golden-before-');
    cpSync(dir, before, { recursive: true });
    writeFileSync(path.join(dir, 'CHANGELOG.md'), changelog.replace('# Changelog\n', '# Changelog\n\n## 1.1.0 (2026-11-27)\n\n### Features\n\n* more\n'));
    writeFileSync(path.join(dir, '.release-please-manifest.json'), '{ ".": "1.1.0" }\n');
    git(before, 'init', '-q');
    git(before, 'add', '-A');
    git(before, 'commit', '-qm', 'v1.0.0');
    cpSync(dir, before, { recursive: true });
    git(before, 'add', '-A');
    mkdirSync(path.join(root, 'history/typescript-library'), { recursive: true });
    writeFileSync(path.join(root, 'history/typescript-library/1.0.0.patch'), `${git(before, 'diff', '--cached')}\n`);
    const library = goldenRepos(root).find((r) => r.name === 'typescript-library')!;
    const result = await seedGoldenRepo(forge, 'acme', library);
    expect(result).toMatchObject({ outcome: 'updated', versions: ['1.0.0', '1.1.0'] });
    expect((await forge.listTags({ owner: 'acme', name: 'typescript-library' })).map((t) => t.name).sort()).toEqual(['v1.0.0', 'v1.1.0']);
  });

  test('a repository whose main the platform team changed is skipped with the reason, not overwritten', async () => {
    const { forge } = await platform();
    const ref = { owner: 'acme', name: 'typescript-library' };
    const work = tempDir('paved-golden-work-');
    await buildGoldenRepo(work, goldenRepos().find((r) => r.name === 'typescript-library')!, 'acme');
    writeFileSync(path.join(work, 'LOCAL.md'), 'ours\n');
    git(work, 'add', '-A');
    git(work, 'commit', '-qm', 'docs: ours');
    const head = git(work, 'rev-parse', 'HEAD').trim();
    await forge.push(ref, work, [{ src: head, dst: 'main' }]);
    const result = await seedGoldenRepo(forge, 'acme', goldenRepos().find((r) => r.name === 'typescript-library')!);
    expect(result.outcome).toBe('skipped');
    expect(result.reason).toMatch(/commits the platform did not make/);
    expect((await forge.getBranch(ref, 'main'))?.commit).toBe(head);
  });
});
