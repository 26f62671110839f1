/** `paved deploy render | diff` through the real CLI, against a workspace whose local forge holds a component. */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { initWorkspace } from '../../src/platform/init.js';
import { openPlatform } from '../../src/platform/platform.js';
import { paved as pavedCli } from '../support/exec.js';
import { commitAll, git, initRepo, tempDir, writeFiles } from '../support/fixtures.js';

const paved = (args: string[], workspace: string) => pavedCli(args, { workspace });

const SPEC = `apiVersion: paved/v1
kind: Deploy
team: payments
image: { repository: registry.acme.example/orders-api }
secrets: [{ env: DB_PASSWORD, key: payments/orders-api/db }]
ingress: { public: false }
`;

/** A workspace whose forge holds acme/orders-api with a deploy.yaml, tagged v1.4.2. */
async function workspaceWithComponent(spec = SPEC) {
  const workspace = path.join(tempDir('paved-ws-'), 'ws');
  await initWorkspace(workspace);
  const platform = await openPlatform(workspace);
  try {
    const repo = { owner: 'acme', name: 'orders-api' };
    await platform.forge.createRepository({ ...repo, defaultBranch: 'main' });
    const work = initRepo(tempDir());
    writeFiles(work, { 'deploy.yaml': spec, 'README.md': '# orders-api\n' });
    commitAll(work, 'feat: orders-api');
    git(work, 'tag', 'v1.4.2');
    await platform.forge.push(repo, work, [{ src: 'HEAD', dst: 'main', expected: null }, { src: 'v1.4.2', dst: 'refs/tags/v1.4.2', expected: null }]);
    return { workspace, work, platform, repo };
  } finally {
    await platform.close();
  }
}

describe('paved deploy', () => {
  it('renders into a folder, and a second render changes nothing', async () => {
    const { workspace } = await workspaceWithComponent();
    const out = tempDir();
    writeFileSync(path.join(out, 'README.md'), 'hand-written, never touched\n');
    const first = await paved(['deploy', 'render', '--out', out, '--json'], workspace);
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as { components: string[]; plan: { create: string[] } };
    expect(report.components).toEqual(['orders-api']);
    // 4 clusters × (manifests + Application), the bootstrap, and the team's namespace on 4 clusters + its AppProject.
    expect(report.plan.create).toHaveLength(14);
    expect(report.plan.create).toEqual(expect.arrayContaining(['clusters/dev-euw1/namespaces/payments.yaml', 'argocd/projects/payments.yaml']));
    // Applied once by hand: the platform's AppProject and the Applications that sync the projects, namespaces and apps of every cluster.
    const bootstrap = readFileSync(path.join(out, 'argocd/bootstrap/applications.yaml'), 'utf8');
    expect(bootstrap.match(/^kind: Application$/gm)).toHaveLength(9);
    expect(bootstrap.match(/^kind: AppProject$/gm)).toHaveLength(1);
    expect(bootstrap).not.toMatch(/project: default/);
    expect(bootstrap).toContain('path: argocd/applications/prod-use1');
    const manifest = readFileSync(path.join(out, 'clusters/prod-euw1/apps/payments/orders-api/manifests.yaml'), 'utf8');
    expect(manifest).toContain('image: registry.acme.example/orders-api:1.4.2');
    expect(readdirSync(path.join(out, 'argocd/applications')).sort()).toEqual(['dev-euw1', 'prod-euw1', 'prod-use1', 'staging-euw1']);
    const second = await paved(['deploy', 'render', '--out', out], workspace);
    expect(second.stdout).toMatch(/0 to create, 0 to update, 0 to delete, 14 unchanged\nNothing to write/);
    expect(readFileSync(path.join(out, 'README.md'), 'utf8')).toBe('hand-written, never touched\n');
  });

  it('commits to the GitOps repo; diff then shows nothing, and shows a change once the spec changes', async () => {
    const { workspace, work, repo } = await workspaceWithComponent();
    const rendered = await paved(['deploy', 'render', '--json'], workspace);
    expect(rendered.code, rendered.stderr).toBe(0);
    const commit = (JSON.parse(rendered.stdout) as { commit: string }).commit;
    expect(commit).toMatch(/^[0-9a-f]{40}$/);
    const bare = path.join(workspace, '.paved/repos/acme/gitops.git');
    expect(git(bare, 'log', '-1', '--format=%s', 'main')).toBe('chore(deploy): render 1 component(s)');
    expect(git(bare, 'show', 'main:clusters/dev-euw1/apps/payments/orders-api/manifests.yaml')).toContain('kind: ExternalSecret');
    expect((await paved(['deploy', 'diff'], workspace)).stdout).toMatch(/Nothing to change/);

    writeFiles(work, { 'deploy.yaml': SPEC.replace('ingress: { public: false }', 'ingress: { public: false }\nenvironments: { prod: { replicas: 5 } }') });
    commitAll(work, 'feat: five replicas in prod');
    const platform = await openPlatform(workspace);
    await platform.forge.push(repo, work, [{ src: 'HEAD', dst: 'main' }]);
    await platform.close();
    const diff = await paved(['deploy', 'diff'], workspace);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('2 to update');
    expect(diff.stdout).toMatch(/-\s+replicas: 3\n\+\s+replicas: 5/);
    expect(git(bare, 'rev-parse', 'main')).toBe(commit);
  });

  it('stops at a bad deploy.yaml, naming the repository and the field, and writes nothing', async () => {
    const { workspace } = await workspaceWithComponent(SPEC.replace('ingress: { public: false }', 'environments: { prod: { replicas: many } }'));
    const out = path.join(tempDir(), 'out');
    const result = await paved(['deploy', 'render', '--out', out], workspace);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("paved: acme/orders-api:deploy.yaml: environments.prod.replicas: expected an integer, got 'many'\n");
    expect(existsSync(out)).toBe(false);
  });

  it('creates team namespaces once (a second run changes nothing) and deploy render leaves them alone', async () => {
    const { workspace } = await workspaceWithComponent();
    const first = await paved(['namespace', 'create', '--team', 'payments', '--json'], workspace);
    expect(first.code, first.stderr).toBe(0);
    expect([...(JSON.parse(first.stdout) as { plan: { create: string[] } }).plan.create].sort()).toEqual([
      'argocd/projects/payments.yaml',
      'clusters/dev-euw1/namespaces/payments.yaml',
      'clusters/prod-euw1/namespaces/payments.yaml',
      'clusters/prod-use1/namespaces/payments.yaml',
      'clusters/staging-euw1/namespaces/payments.yaml',
    ]);
    const bare = path.join(workspace, '.paved/repos/acme/gitops.git');
    const after = git(bare, 'rev-parse', 'main');
    expect((await paved(['namespace', 'create', '--team', 'payments'], workspace)).stdout).toMatch(/Nothing to write/);
    expect(git(bare, 'rev-parse', 'main')).toBe(after);
    expect((await paved(['deploy', 'render'], workspace)).code).toBe(0);
    expect(git(bare, 'ls-tree', '-r', '--name-only', 'main')).toContain('clusters/prod-euw1/namespaces/payments.yaml');
    const refused = await paved(['namespace', 'create', '--team', 'kube-system'], workspace);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^paved: unknown team 'kube-system'/);
  });

  it('renders dashboards and alerts when paved.yaml names a NewRelic account, and applies them only with an API key', async () => {
    const { workspace } = await workspaceWithComponent(`${SPEC}observability: { errorRatePercent: 2 }\n`);
    const configFile = path.join(workspace, 'paved.yaml');
    writeFileSync(configFile, readFileSync(configFile, 'utf8').replace('# observability:\n#   newrelic: { accountId: 1234567, region: us }', 'observability:\n  newrelic: { accountId: 1234567, region: us }'));
    const out = tempDir();
    const rendered = await paved(['deploy', 'render', '--out', out], workspace);
    expect(rendered.code, rendered.stderr).toBe(0);
    const dir = path.join(out, 'observability/payments/orders-api/prod');
    expect(readdirSync(dir).sort()).toEqual(['alerts.json', 'dashboard.json', 'main.tf']);
    expect(readFileSync(path.join(dir, 'alerts.json'), 'utf8')).toContain("WHERE appName = 'orders-api-prod'");
    const refused = await pavedCli(['observability', 'apply', '--from', out], { workspace, env: { NEW_RELIC_API_KEY: '' } });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('paved: no NewRelic API key: set NEW_RELIC_API_KEY to a User key (NRAK-…); nothing was sent\n');
  });

  it('promotes a version through a pull request, pins it, and refreshes the same pull request when run again', async () => {
    const { workspace, work, repo } = await workspaceWithComponent();
    expect((await paved(['deploy', 'render'], workspace)).code).toBe(0);
    const first = await paved(['deploy', 'promote', 'orders-api', '--from', 'dev', '--to', 'prod', '--json'], workspace);
    expect(first.code, first.stderr).toBe(0);
    const opened = JSON.parse(first.stdout) as { outcome: string; version: string; pullRequest: { number: number } };
    expect(opened).toMatchObject({ outcome: 'opened', version: '1.4.2' });
    const platform = await openPlatform(workspace);
    const gitops = { owner: 'acme', name: 'gitops' };
    try {
      const pr = (await platform.forge.getPullRequest(gitops, opened.pullRequest.number))!;
      expect(pr).toMatchObject({ title: 'deploy(orders-api): promote 1.4.2 to prod', labels: ['promotion'], head: 'paved/promote/orders-api-prod' });
      await platform.forge.mergePullRequest(gitops, pr.number, { deleteBranch: true });
      // A new release reaches dev; prod stays pinned at what was promoted.
      writeFiles(work, { 'CHANGELOG.md': '## 1.5.0\n' });
      commitAll(work, 'feat: 1.5.0');
      git(work, 'tag', 'v1.5.0');
      await platform.forge.push(repo, work, [{ src: 'HEAD', dst: 'main' }, { src: 'v1.5.0', dst: 'refs/tags/v1.5.0', expected: null }]);
    } finally {
      await platform.close();
    }
    const out = tempDir();
    expect((await paved(['deploy', 'render', '--out', out], workspace)).code).toBe(0);
    expect(readFileSync(path.join(out, 'clusters/dev-euw1/apps/payments/orders-api/manifests.yaml'), 'utf8')).toContain('orders-api:1.5.0');
    expect(readFileSync(path.join(out, 'clusters/prod-euw1/apps/payments/orders-api/manifests.yaml'), 'utf8')).toContain('orders-api:1.4.2');
    const second = JSON.parse((await paved(['deploy', 'promote', 'orders-api', '--from', 'dev', '--to', 'prod', '--json'], workspace)).stdout) as { outcome: string; version: string; previous: string };
    expect(second).toMatchObject({ outcome: 'opened', version: '1.5.0', previous: '1.4.2' });
    const again = JSON.parse((await paved(['deploy', 'promote', 'orders-api', '--from', 'dev', '--to', 'prod', '--json'], workspace)).stdout) as { outcome: string };
    expect(again.outcome).toBe('updated');
    const backwards = await paved(['deploy', 'promote', 'orders-api', '--from', 'prod', '--to', 'dev'], workspace);
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toBe('paved: promotion goes forward (dev → staging → prod): dev does not come after prod\n');
  });
});
