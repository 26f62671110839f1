/**
 * `paved infra render` for two accounts × two regions, against golden files under
 * test/infra/golden/ (UPDATE_GOLDEN=1 rewrites them). Every rendered .tf parses and follows the
 * root-module conventions, and every module call matches the shipped module's variables, outputs
 * and providers.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { infraRender } from '../../src/cli/commands/infra.js';
import { TERRAFORM_MODULES, TERRAFORM_ROOT, type ModuleVersions } from '../../src/infra/index.js';
import { tempDir } from '../support/fixtures.js';
import { checkTerraform, moduleInterface, parseTf } from './conventions.js';

const HERE = import.meta.dirname;
const FIXTURE = path.join(HERE, 'fixtures/paved.yaml');
const GOLDEN = path.join(HERE, 'golden');
// Fixed so a module release does not churn the golden files; sources are tested for the shipped versions elsewhere.
const VERSIONS: ModuleVersions = { network: '1.0.0', cluster: '1.0.0', addons: '1.0.0', newrelic: '1.0.0' };

function tree(dir: string, rel = ''): Record<string, string> {
  const files: Record<string, string> = {};
  if (!existsSync(path.join(dir, rel))) return files;
  for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = path.posix.join(rel, entry.name);
    if (entry.isDirectory()) Object.assign(files, tree(dir, child));
    else files[child] = readFileSync(path.join(dir, child), 'utf8');
  }
  return files;
}

interface Fixture {
  clusters: Array<{ name: string }>;
  teams: unknown[];
  infra: { accounts: Array<{ name: string; regions: Array<{ name: string }> }>; clusters: Array<{ name: string; caData?: string }> };
}

const fixture = () => parseYaml(readFileSync(FIXTURE, 'utf8')) as Fixture;

/** A changed copy of the fixture, as JSON (which YAML reads too). */
function writeConfig(doc: Fixture): string {
  const file = path.join(tempDir(), 'paved.yaml');
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

async function render(out: string, config = FIXTURE) {
  return infraRender({ config, out, versions: VERSIONS });
}

describe('paved infra render: two accounts × two regions', () => {
  it('writes exactly the golden files', async () => {
    const out = tempDir();
    const report = await render(out);
    if (process.env.UPDATE_GOLDEN === '1') {
      rmSync(GOLDEN, { recursive: true, force: true });
      mkdirSync(GOLDEN, { recursive: true });
      cpSync(out, GOLDEN, { recursive: true });
    }
    expect(tree(out)).toEqual(tree(GOLDEN));
    expect(report.roots.map((r) => `${r.dir}: ${r.clusters.join(',')}`)).toEqual([
      'terraform/nonprod/eu-west-1: dev-euw1',
      'terraform/nonprod/us-east-1: staging-use1',
      'terraform/prod/eu-west-1: prod-euw1',
      'terraform/prod/us-east-1: prod-use1',
    ]);
    expect(report.hub).toBe('prod-euw1');
    expect(report.registered).toEqual(['dev-euw1', 'prod-euw1', 'prod-use1']);
    expect(report.warnings).toEqual([expect.stringMatching(/^cluster 'staging-use1' is not registered with ArgoCD yet: it has no CA/)]);
    expect(report.files.every((f) => f.action === 'create')).toBe(true);
  });

  it('is deterministic: a second render changes nothing, and reordering paved.yaml changes no byte', async () => {
    const out = tempDir();
    await render(out);
    const first = tree(out);
    expect((await render(out)).files.every((f) => f.action === 'unchanged')).toBe(true);
    const doc = fixture();
    doc.infra.accounts.reverse().forEach((a) => a.regions.reverse());
    doc.infra.clusters.reverse();
    doc.clusters.reverse();
    doc.teams.reverse();
    const shuffled = writeConfig(doc);
    const other = tempDir();
    await render(other, shuffled);
    expect(tree(other)).toEqual(first);
  });

  it('every rendered .tf parses and follows the root-module conventions', async () => {
    const out = tempDir();
    const report = await render(out);
    const dirs = [...new Set(report.files.filter((f) => f.path.endsWith('.tf')).map((f) => path.posix.dirname(f.path)))];
    expect(dirs).toHaveLength(5);
    for (const dir of dirs) {
      const files = Object.fromEntries(Object.entries(tree(path.join(out, dir))).filter(([f]) => f.endsWith('.tf')));
      expect(await checkTerraform(files, { kind: 'root' }), dir).toEqual([]);
    }
  });

  it("every module call gives the shipped module's inputs, providers and reads only its outputs", async () => {
    const out = tempDir();
    await render(out);
    const shipped = Object.fromEntries(
      await Promise.all(
        TERRAFORM_MODULES.map(async (m) => {
          const dir = path.join(TERRAFORM_ROOT, m);
          return [m, await moduleInterface(Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.tf')).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')])))] as const;
        }),
      ),
    );
    let calls = 0;
    for (const [file, text] of Object.entries(tree(out)).filter(([f]) => f.endsWith('.tf'))) {
      const dirText = Object.values(tree(path.join(out, path.posix.dirname(file)))).join('\n');
      const json = await parseTf(file, text);
      for (const [name, [call]] of Object.entries((json.module ?? {}) as Record<string, Array<Record<string, unknown>>>)) {
        calls++;
        const module = /\/terraform-([a-z]+)\.git\?ref=v1\.0\.0$/.exec(String(call!.source))?.[1] as keyof typeof shipped;
        const api = shipped[module]!;
        expect(api, `${file}: module ${name}`).toBeDefined();
        const inputs = Object.keys(call!).filter((k) => k !== 'source' && k !== 'providers');
        expect(inputs.filter((k) => !api.variables.has(k)), `${file}: ${name}: unknown inputs`).toEqual([]);
        expect([...api.variables].filter(([v, spec]) => spec.required && !inputs.includes(v)).map(([v]) => v), `${file}: ${name}: required inputs`).toEqual([]);
        expect(Object.keys((call!.providers as object | undefined) ?? {}).filter((p) => !api.providers.has(p)), `${file}: ${name}: providers`).toEqual([]);
        for (const [, output] of dirText.matchAll(new RegExp(`module\\.${name}\\.([a-z_]+)`, 'g'))) expect(api.outputs.has(output!), `${file}: module.${name}.${output}`).toBe(true);
      }
    }
    // network + 4 × (cluster + addons) + newrelic
    expect(calls).toBe(4 + 8 + 1);
  });

  it('registers clusters with ArgoCD as cluster Secrets labelled by environment and region', async () => {
    const out = tempDir();
    await render(out);
    const secret = parseYaml(readFileSync(path.join(out, 'argocd/clusters/prod-use1.yaml'), 'utf8')) as { metadata: { labels: Record<string, string> }; stringData: Record<string, string> };
    expect(secret.metadata.labels).toMatchObject({ 'argocd.argoproj.io/secret-type': 'cluster', 'paved.dev/environment': 'prod', 'paved.dev/region': 'us-east-1', 'paved.dev/cluster': 'prod-use1' });
    expect(secret.stringData.server).toBe('https://CDEF01.gr7.us-east-1.eks.amazonaws.com');
    expect(JSON.parse(secret.stringData.config!)).toEqual({
      awsAuthConfig: { clusterName: 'prod-use1', roleARN: 'arn:aws:iam::222222222222:role/prod-use1-argocd-manager' },
      tlsClientConfig: { insecure: false, caData: 'TFMwdExTMUNSVWRKVGlCRFJWSlVTVVpKUTBGVVJTMHRMUzB0Q2c9PQ==' },
    });
  });

  it('prunes what it rendered before and no longer renders, and nothing else', async () => {
    const out = tempDir();
    await render(out);
    const root = path.join(out, 'terraform/nonprod/us-east-1');
    writeFileSync(path.join(root, '.terraform.lock.hcl'), '# lock\n');
    writeFileSync(path.join(root, 'extra.tf'), 'locals {}\n');
    mkdirSync(path.join(root, '.terraform/modules/x'), { recursive: true });
    writeFileSync(path.join(root, '.terraform/modules/x/main.tf'), readFileSync(path.join(root, 'main.tf')));
    const doc = fixture();
    doc.clusters = doc.clusters.filter((c) => c.name !== 'staging-use1');
    const nonprod = doc.infra.accounts.find((a) => a.name === 'nonprod')!;
    nonprod.regions = nonprod.regions.filter((r) => r.name !== 'us-east-1');
    delete doc.infra.clusters.find((c) => c.name === 'prod-use1')!.caData;
    const changed = writeConfig(doc);
    const report = await render(out, changed);
    const actions = (a: string) => report.files.filter((f) => f.action === a).map((f) => f.path);
    expect(actions('delete')).toEqual(['argocd/clusters/prod-use1.yaml', ...['backend', 'main', 'outputs', 'providers', 'versions'].map((f) => `terraform/nonprod/us-east-1/${f}.tf`)]);
    expect(actions('update')).toEqual(['terraform/prod/eu-west-1/main.tf']);
    expect(readdirSync(root).sort()).toEqual(['.terraform', '.terraform.lock.hcl', 'extra.tf']);
    expect(existsSync(path.join(root, '.terraform/modules/x/main.tf'))).toBe(true);
  });

  it('--dry-run reports the same changes and writes nothing', async () => {
    const out = tempDir();
    const report = await infraRender({ config: FIXTURE, out, versions: VERSIONS, dryRun: true });
    expect(report.files.filter((f) => f.action === 'create')).toHaveLength(29);
    expect(readdirSync(out)).toEqual([]);
  });
});
