/**
 * The golden-path templates as a product developer gets them: rendered with defaults and with
 * other answers, every file the platform reads valid, every workflow clean under actionlint,
 * copyable as monorepo subprojects, and updatable from the previous release to the current one.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseCatalogFile } from '../../src/catalog/parse.js';
import { parseDeploySpec } from '../../src/deploy/spec.js';
import { goldenRepos } from '../../src/golden/content.js';
import { buildGoldenRepo } from '../../src/golden/seed.js';
import { parseObservabilityFile } from '../../src/observability/index.js';
import { copyTemplate, updateProject } from '../../src/template/index.js';
import { lintWorkflows } from '../support/actionlint.js';
import { commitProject, git, tempDir } from '../support/fixtures.js';
import { lintCallers } from './workflows-repo.js';
import { quiet } from '../support/templates.js';

/** Each golden template as a git repository with its release tags, as `paved init` seeds it. */
const repos: Record<string, string> = {};
const shared = mkdtempSync(path.join(os.tmpdir(), 'paved-golden-templates-'));
beforeAll(async () => {
  for (const golden of goldenRepos().filter((r) => r.kind === 'template')) {
    repos[golden.name] = path.join(shared, golden.name);
    mkdirSync(repos[golden.name]!);
    await buildGoldenRepo(repos[golden.name]!, golden, 'acme');
  }
});
afterAll(() => rmSync(shared, { recursive: true, force: true }));

function files(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.name === '.git' || e.name === 'node_modules') return [];
    return e.isDirectory() ? files(dir, rel) : [rel];
  });
}

async function render(template: string, data: Record<string, unknown>, dst = tempDir('paved-render-')): Promise<string> {
  await copyTemplate({ src: repos[template]!, dst, defaults: true, data, ...quiet });
  return dst;
}

/** Every YAML and JSON file parses; returns the workflows for linting. */
async function expectWellFormed(dir: string): Promise<void> {
  const workflows: Array<{ path: string; text: string }> = [];
  for (const rel of files(dir)) {
    const text = readFileSync(path.join(dir, rel), 'utf8');
    expect(text, `${rel} still holds Jinja`).not.toMatch(/\{%|\{\{ *[a-z_]+ *\}\}/);
    if (/\.ya?ml$/.test(rel)) expect(() => parseYaml(text, { strict: true }), rel).not.toThrow();
    if (rel.endsWith('.json')) expect(() => JSON.parse(text), rel).not.toThrow();
    if (rel.startsWith('.github/workflows/')) workflows.push({ path: rel, text });
  }
  expect(await lintWorkflows(workflows)).toEqual([]);
  // Against the platform's real reusable workflows: every input and secret passed exists and has its type.
  expect(await lintCallers(workflows)).toEqual([]);
}

describe('typescript-service', () => {
  test('with defaults: every file the platform reads is valid and the workflows call the platform', async () => {
    const dir = await render('typescript-service', { component_name: 'orders-api', team: 'payments' });
    await expectWellFormed(dir);
    const spec = parseDeploySpec(readFileSync(path.join(dir, 'deploy.yaml'), 'utf8'));
    expect(spec).toMatchObject({ component: 'orders-api', team: 'payments', ports: [{ name: 'http', port: 8080 }], ingress: { enabled: true, public: false } });
    expect(spec.probes).toEqual({ liveness: { path: '/healthz' }, readiness: { path: '/readyz' } });
    expect(parseObservabilityFile(readFileSync(path.join(dir, 'observability.yaml'), 'utf8')).environments.dev).toEqual({ enabled: false });
    const [entity] = parseCatalogFile(readFileSync(path.join(dir, 'catalog-info.yaml'), 'utf8'), 'catalog-info.yaml');
    expect(entity).toMatchObject({ kind: 'Component', metadata: { name: 'orders-api' }, spec: { type: 'service', owner: 'group:default/payments', lifecycle: 'experimental' } });
    const workflows = files(dir).filter((f) => f.startsWith('.github/workflows/')).sort();
    expect(workflows).toEqual(['.github/workflows/ci.yml', '.github/workflows/deploy.yml', '.github/workflows/release.yml', '.github/workflows/template-sync.yml']);
    for (const wf of workflows) {
      const jobs = Object.values((parseYaml(readFileSync(path.join(dir, wf), 'utf8')) as { jobs: Record<string, { uses?: string }> }).jobs);
      for (const job of jobs) expect(job.uses, wf).toMatch(/^acme\/workflows\/\.github\/workflows\/[a-z-]+\.yml@v1$/);
    }
    expect(parseYaml(readFileSync(path.join(dir, '.github/workflows/template-sync.yml'), 'utf8')).on.schedule).toHaveLength(1);
    const dockerfile = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER 1000:1000$/m);
    expect(readFileSync(path.join(dir, '.github/CODEOWNERS'), 'utf8')).toContain('* @acme/payments');
    expect(JSON.parse(readFileSync(path.join(dir, 'package-lock.json'), 'utf8'))).toMatchObject({ name: 'orders-api', packages: { '': { name: 'orders-api', engines: { node: '>=20' } } } });
    expect(JSON.parse(readFileSync(path.join(dir, '.release-please-manifest.json'), 'utf8'))).toEqual({ '.': '0.1.0' });
  });

  test('with other answers: no ingress, another port, organisation, Node version and system', async () => {
    const dir = await render('typescript-service', { component_name: 'ledger', team: 'platform', organisation: 'globex', port: 9090, ingress: false, node_version: '22', system: 'billing', lifecycle: 'production' });
    await expectWellFormed(dir);
    const spec = parseDeploySpec(readFileSync(path.join(dir, 'deploy.yaml'), 'utf8'));
    expect(spec.ingress).toBeUndefined();
    expect(spec.ports).toEqual([{ name: 'http', port: 9090, protocol: 'TCP' }]);
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toContain('ARG NODE_VERSION=22');
    expect(readFileSync(path.join(dir, '.github/workflows/ci.yml'), 'utf8')).toContain('globex/workflows/.github/workflows/node-ci.yml@v1');
    expect(parseCatalogFile(readFileSync(path.join(dir, 'catalog-info.yaml'), 'utf8'), 'catalog-info.yaml')[0]).toMatchObject({ spec: { system: 'billing', lifecycle: 'production' } });
  });

  test('refuses answers that would make a broken component, naming the question', async () => {
    await expect(render('typescript-service', { component_name: 'Orders_API' })).rejects.toThrow(/component_name/);
    await expect(render('typescript-service', { component_name: 'orders-api', port: 80 })).rejects.toThrow(/port/);
    await expect(render('typescript-service', { component_name: 'orders-api', subproject_path: '../outside' })).rejects.toThrow(/subproject_path/);
  });

  test('an update from the previous release to the current one applies cleanly and keeps the team edit', async () => {
    const dir = tempDir('paved-update-');
    await copyTemplate({ src: repos['typescript-service']!, dst: dir, defaults: true, vcsRef: 'v1.0.0', data: { component_name: 'orders-api', team: 'payments' }, ...quiet });
    expect(existsSync(path.join(dir, 'observability.yaml'))).toBe(false);
    commitProject(dir);
    writeFileSync(path.join(dir, 'README.md'), `${readFileSync(path.join(dir, 'README.md'), 'utf8')}\n## On call\n\nPage #payments-oncall.\n`);
    git(dir, 'commit', '-qam', 'docs: on-call');
    const result = await updateProject({ dst: dir, defaults: true, ...quiet });
    expect(result.conflicts).toEqual([]);
    expect(result.version).toBe('1.1.0');
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toContain('HEALTHCHECK');
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain('Page #payments-oncall.');
    expect(readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain('observability.yaml');
    expect(parseObservabilityFile(readFileSync(path.join(dir, 'observability.yaml'), 'utf8')).defaults).toEqual({ latencyP95Ms: 500, errorRatePercent: 2 });
  });
});

describe('typescript-library', () => {
  test('renders a library with no deployment: no Dockerfile, no deploy spec, a catalog entry of type library', async () => {
    const dir = await render('typescript-library', { component_name: 'money-utils', team: 'payments' });
    await expectWellFormed(dir);
    expect(existsSync(path.join(dir, 'deploy.yaml'))).toBe(false);
    expect(existsSync(path.join(dir, 'Dockerfile'))).toBe(false);
    expect(parseCatalogFile(readFileSync(path.join(dir, 'catalog-info.yaml'), 'utf8'), 'catalog-info.yaml')[0]).toMatchObject({ spec: { type: 'library', owner: 'group:default/payments' } });
    expect(files(dir).filter((f) => f.startsWith('.github/workflows/')).sort()).toEqual(['.github/workflows/ci.yml', '.github/workflows/release.yml', '.github/workflows/template-sync.yml']);
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name).toBe('@acme/money-utils');
  });
});

describe('monorepo', () => {
  test('both templates copy into one repository as subprojects, each with its own answers file, and each updates on its own', async () => {
    const repo = tempDir('paved-mono-');
    git(repo, 'init', '-q', '-b', 'main');
    writeFileSync(path.join(repo, 'README.md'), '# mono\n');
    await copyTemplate({ src: repos['typescript-service']!, dst: path.join(repo, 'services/orders-api'), defaults: true, vcsRef: 'v1.0.0', data: { component_name: 'orders-api', team: 'payments', subproject_path: 'services/orders-api' }, ...quiet });
    await copyTemplate({ src: repos['typescript-library']!, dst: path.join(repo, 'libs/money-utils'), defaults: true, data: { component_name: 'money-utils', team: 'payments', subproject_path: 'libs/money-utils' }, ...quiet });
    expect(existsSync(path.join(repo, 'services/orders-api/.copier-answers.yml'))).toBe(true);
    expect(existsSync(path.join(repo, 'libs/money-utils/.copier-answers.yml'))).toBe(true);
    expect(files(repo).filter((f) => f.includes('.github'))).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(repo, 'services/orders-api/release-please-config.json'), 'utf8')).packages['services/orders-api']).toMatchObject({ 'include-component-in-tag': true });
    // The README's snippet is the root workflow to add: it must be a valid, clean workflow.
    const snippet = /```yaml\n([\s\S]*?)```/.exec(readFileSync(path.join(repo, 'services/orders-api/README.md'), 'utf8'))![1]!;
    expect(await lintCallers([{ path: '.github/workflows/orders-api.yml', text: snippet }])).toEqual([]);
    commitProject(repo);
    const result = await updateProject({ dst: path.join(repo, 'services/orders-api'), defaults: true, ...quiet });
    expect(result).toMatchObject({ conflicts: [], version: '1.1.0' });
    expect(existsSync(path.join(repo, 'services/orders-api/observability.yaml'))).toBe(true);
    expect(git(repo, 'status', '--porcelain', '--', 'libs')).toBe('');
  });
});
