/**
 * The paved road end to end through the real CLI and the real server on loopback: `paved init`,
 * `paved start`, `paved new`, then `git clone` over HTTP and the new repository's own tests
 * (npm registry), the GitOps repository's objects for every environment, refusals, and runs cut
 * short by a crash and finished by a rerun.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateObjects, type K8sObject } from '../../src/deploy/k8s.js';
import { DEFAULT_CONFIG } from '../../src/platform/init.js';
import { exec, PAVED, paved as pavedCli } from '../support/exec.js';
import { git } from '../support/fixtures.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'paved-new-e2e-'));
const workspace = path.join(root, 'ws');
let server: ChildProcess | undefined;
let serverUrl = '';

const paved = (args: string[], env: Record<string, string> = {}) => pavedCli(args, { workspace, env });

/** A second user, `dev`, who belongs to the platform team only. */
const CONFIG = DEFAULT_CONFIG.replace(
  '    admin: true\n',
  '    admin: true\n  - login: dev\n    name: Dev Eloper\n    email: dev@acme.example\n',
).replace('    idpGroup: acme-platform\n    members: [admin]', '    idpGroup: acme-platform\n    members: [admin, dev]');

beforeAll(async () => {
  mkdirSync(workspace, { recursive: true });
  writeFileSync(path.join(workspace, 'paved.yaml'), CONFIG);
  const init = await paved(['init', workspace]);
  expect(init.code, init.stderr).toBe(0);
  server = spawn(PAVED, ['start', '--port', '0', '--json', '--workspace', workspace], { stdio: ['ignore', 'pipe', 'pipe'] });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server!.stdout! }).once('line', resolve);
    server!.once('exit', (code) => reject(new Error(`paved start exited with ${code}`)));
  });
  serverUrl = (JSON.parse(first) as { url: string }).url;
});

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(root, { recursive: true, force: true });
});

interface NewJson {
  component: string;
  team: string;
  template: string;
  version: string;
  repo: string;
  cloneUrl: string;
  gitops: string[];
  deploys: boolean;
  resumed: boolean;
}

function readObjects(dir: string): Array<{ file: string; object: K8sObject }> {
  const found: Array<{ file: string; object: K8sObject }> = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.name === '.git') continue;
      if (entry.isDirectory()) walk(child);
      else if (/\.ya?ml$/.test(entry.name)) {
        for (const doc of parseAllDocuments(readFileSync(path.join(dir, child), 'utf8'))) {
          expect(doc.errors, child).toEqual([]);
          const object = doc.toJS() as K8sObject | null;
          if (object?.kind) found.push({ file: child, object });
        }
      }
    }
  };
  walk('');
  return found;
}

describe('paved new against a running paved start', () => {
  it('creates orders-api: the clone over HTTP has everything wired and passes its own tests (npm registry)', async () => {
    const made = await paved(['new', 'typescript-service', '--name', 'orders-api', '--team', 'payments', '--defaults', '--json']);
    expect(made.code, made.stderr).toBe(0);
    const report = JSON.parse(made.stdout) as NewJson;
    expect(report).toMatchObject({ component: 'orders-api', team: 'payments', template: 'typescript-service', version: '1.1.0', repo: 'acme/orders-api', deploys: true, resumed: false });
    // The clone URL names the running server's port, recorded by paved start in the workspace.
    expect(report.cloneUrl).toBe(`${serverUrl}/acme/orders-api.git`);
    const clone = path.join(root, 'orders-api');
    git(root, 'clone', '-q', report.cloneUrl, clone);
    for (const file of ['catalog-info.yaml', '.copier-answers.yml', 'Dockerfile', 'deploy.yaml', 'observability.yaml', 'package-lock.json', '.github/workflows/ci.yml']) expect(existsSync(path.join(clone, file)), file).toBe(true);
    // Updates come from the forge, not from this machine's copy of the template.
    expect(readFileSync(path.join(clone, '.copier-answers.yml'), 'utf8')).toContain(`_src_path: "${serverUrl}/acme/typescript-service.git"`);
    expect(git(clone, 'log', '--format=%s')).toBe('feat: create orders-api from typescript-service 1.1.0');
    // The release manifest's starting version is tagged on the first commit, so releases have their baseline.
    expect(git(clone, 'tag', '--points-at', 'HEAD')).toBe('v0.1.0');
    const plan = await paved(['release', 'plan', '--dir', clone, '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({ releases: [], unchanged: [{ path: '.', current: '0.1.0' }] });
    const npm = (...args: string[]) => exec('npm', [...args, '--no-audit', '--no-fund'], { cwd: clone, env: { NODE_ENV: 'development' } });
    expect((await npm('ci', '--prefer-offline')).code).toBe(0);
    const tested = await npm('test');
    expect(tested.code, tested.stdout + tested.stderr).toBe(0);
    expect(tested.stdout).toMatch(/^# fail 0$/m);
  });

  it('leaves the GitOps repository with valid objects for the component in every environment, its team namespaced on every cluster', () => {
    const gitops = path.join(root, 'gitops');
    git(root, 'clone', '-q', `${serverUrl}/acme/gitops.git`, gitops);
    const found = readObjects(gitops);
    expect(validateObjects(found.map((f) => f.object))).toEqual([]);
    for (const cluster of ['dev-euw1', 'staging-euw1', 'prod-euw1', 'prod-use1']) {
      const inCluster = found.filter((f) => f.file.startsWith(`clusters/${cluster}/`)).map((f) => `${f.object.kind}/${f.object.metadata.name}`);
      expect(inCluster, cluster).toEqual(expect.arrayContaining(['Namespace/payments', 'ResourceQuota/paved-quota', 'Deployment/orders-api', 'Service/orders-api']));
      const app = found.find((f) => f.object.kind === 'Application' && f.object.metadata.name === `orders-api-${cluster}`);
      expect(app?.object.spec, cluster).toMatchObject({ project: 'payments', destination: { namespace: 'payments' } });
    }
    expect(found.some((f) => f.object.kind === 'AppProject' && f.object.metadata.name === 'payments')).toBe(true);
    expect(found.some((f) => f.object.kind === 'Secret')).toBe(false);
  });

  it('registers it in the catalog with its template and version', async () => {
    const listed = await paved(['catalog', 'list', '--kind', 'Component', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const page = JSON.parse(listed.stdout) as { items: Array<{ ref: string; owner: string; enrichment?: { template?: { name: string; version: string } } }> };
    const item = page.items.find((i) => i.ref === 'component:default/orders-api');
    expect(item).toMatchObject({ owner: 'group:default/payments', enrichment: { template: { name: 'typescript-service', version: '1.1.0' } } });
  });

  it('refuses a second component with a taken name, and changes nothing', async () => {
    const head = git(root, 'ls-remote', `${serverUrl}/acme/gitops.git`, 'refs/heads/main');
    const again = await paved(['new', 'typescript-service', '--name', 'orders-api', '--team', 'payments', '--defaults']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/the name 'orders-api' is taken/);
    expect(git(root, 'ls-remote', `${serverUrl}/acme/gitops.git`, 'refs/heads/main')).toBe(head);
  });

  it('refuses a user who is not in the team, before anything is made', async () => {
    const foreign = await paved(['new', 'typescript-service', '--name', 'refunds', '--team', 'payments', '--defaults'], { PAVED_USER: 'dev' });
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/dev may not create components for team 'payments'/);
    expect((await exec('git', ['ls-remote', `${serverUrl}/acme/refunds.git`])).code).not.toBe(0);
  });

  it('creates a library without any deployment objects', async () => {
    const made = await paved(['new', 'typescript-library', '--name', 'money-utils', '--team', 'platform', '--defaults', '--json'], { PAVED_USER: 'dev' });
    expect(made.code, made.stderr).toBe(0);
    const report = JSON.parse(made.stdout) as NewJson;
    expect(report.deploys).toBe(false);
    expect(report.gitops.filter((p) => p.includes('money-utils'))).toEqual([]);
  });

  it.each(['new:repository-created', 'new:repository-pushed', 'new:gitops-published'])('finishes a run killed at %s when it is run again', async (point) => {
    const name = `svc-${point.split(':')[1]}`;
    const killed = await paved(['new', 'typescript-service', '--name', name, '--team', 'payments', '--defaults'], { PAVED_CRASH_AT: point });
    expect(killed.signal).toBe('SIGKILL');
    const rerun = await paved(['new', 'typescript-service', '--name', name, '--team', 'payments', '--defaults', '--json']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ component: name, resumed: true, deploys: true });
    const clone = path.join(root, name);
    git(root, 'clone', '-q', `${serverUrl}/acme/${name}.git`, clone);
    expect(git(clone, 'rev-list', '--count', 'HEAD')).toBe('1');
    const gitops = path.join(root, `gitops-${name}`);
    git(root, 'clone', '-q', `${serverUrl}/acme/gitops.git`, gitops);
    expect(existsSync(path.join(gitops, `clusters/prod-use1/apps/payments/${name}/manifests.yaml`))).toBe(true);
    const listed = JSON.parse((await paved(['catalog', 'list', '--q', name, '--json'])).stdout) as { items: Array<{ ref: string }> };
    expect(listed.items.map((i) => i.ref)).toContain(`component:default/${name}`);
    expect((await paved(['new', 'typescript-service', '--name', name, '--team', 'payments', '--defaults'])).stderr).toMatch(/is taken/);
  });
});
