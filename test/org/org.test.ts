/**
 * `paved org` on the local forge: the plan for a fresh workspace with two component repositories,
 * apply, an empty plan after it, and protected default branches that refuse direct pushes — from
 * `forge.push` and from a real `git push` over HTTP — while a merged pull request still gets in.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { issueToken } from '../../src/forge/local/users.js';
import type { Forge, RepoRef } from '../../src/forge/types.js';
import { describeChange } from '../../src/org/index.js';
import { DEFAULT_CONFIG, initWorkspace } from '../../src/platform/init.js';
import { applyOrganisation, openOrgTarget, planOrganisation, type OrgTarget } from '../../src/platform/org.js';
import { openPlatform, type Platform } from '../../src/platform/platform.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { exec, gitAsync, PAVED } from '../support/exec.js';
import { commitAll, git, initRepo, tempDir, writeFiles } from '../support/fixtures.js';

/** `dev` is a member of payments, not an admin. */
const CONFIG = DEFAULT_CONFIG.replace('    admin: true\n', '    admin: true\n  - login: dev\n    name: Dev Eloper\n    email: dev@acme.example\n').replace(
  '    idpGroup: acme-payments\n    members: [admin]',
  '    idpGroup: acme-payments\n    members: [admin, dev]',
);

const CI = `name: ci
on:
  pull_request:
jobs:
  node:
    uses: acme/workflows/.github/workflows/node-ci.yml@v1
    with:
      node-version: "20"
`;

const catalogInfo = (name: string, owner: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: production
  owner: ${owner}
`;

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function workspace(config = CONFIG): Promise<{ dir: string; platform: Platform }> {
  const dir = path.join(tempDir('paved-org-'), 'ws');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'paved.yaml'), config);
  await initWorkspace(dir);
  const platform = await openPlatform(dir);
  open.push(platform);
  return { dir, platform };
}

async function componentRepo(forge: Forge, name: string, files: Record<string, string>): Promise<{ repo: RepoRef; work: string }> {
  const repo = { owner: 'acme', name };
  await forge.createRepository({ ...repo, defaultBranch: 'main' });
  const work = initRepo(tempDir('paved-org-work-'));
  writeFiles(work, files);
  commitAll(work, `feat: ${name}`);
  await forge.push(repo, work, [{ src: 'HEAD', dst: 'main', expected: null }]);
  return { repo, work };
}

async function target(dir: string): Promise<OrgTarget> {
  const opened = await openOrgTarget({ workspace: dir });
  open.push(opened);
  return opened;
}

function commitOn(work: string, file: string, text: string): string {
  writeFiles(work, { [file]: text });
  commitAll(work, `feat: ${file}`);
  return git(work, 'rev-parse', 'HEAD');
}

describe('paved org on the local forge', () => {
  it('plans teams, permissions, protection and labels, applies them, and then plans nothing', async () => {
    const { dir, platform } = await workspace();
    await componentRepo(platform.forge, 'orders', { 'catalog-info.yaml': catalogInfo('orders', 'payments'), '.github/workflows/ci.yml': CI });
    await componentRepo(platform.forge, 'ledger', { 'catalog-info.yaml': catalogInfo('ledger', 'group:default/finance'), 'README.md': '# ledger\n' });
    await platform.forge.createTeam('acme', { name: 'legacy', description: 'made by hand' });

    const plan = await planOrganisation(await target(dir));
    expect(plan.managed).toEqual({ teams: ['payments', 'platform'], repositories: ['acme/ledger', 'acme/orders'] });
    expect(plan.unmanagedTeams).toEqual(['legacy']);
    expect(plan.changes.map(describeChange)).toEqual([
      '+ team payments',
      '+ team platform',
      '+ member payments/admin',
      '+ member payments/dev',
      '+ member platform/admin',
      '+ permission payments → acme/orders: push',
      '+ permission platform → acme/ledger: admin',
      '+ permission platform → acme/orders: admin',
      '+ protection acme/ledger:main: 1 review(s), checks [], no force-push, no deletion',
      '+ protection acme/orders:main: 1 review(s), checks [node / lint, test, build (.)], no force-push, no deletion',
      ...['acme/ledger', 'acme/orders'].flatMap((repo) => [
        `+ label ${repo} autorelease: pending (#fbca04)`,
        `+ label ${repo} autorelease: tagged (#0e8a16)`,
        `+ label ${repo} template-update (#1d76db)`,
        `+ label ${repo} template-update-conflicts (#d93f0b)`,
      ]),
    ]);
    expect(plan.warnings).toEqual([
      "acme/ledger: component ledger is owned by 'finance', not a team in paved.yaml; no team gets push for it",
      'acme/ledger: no status check to require (no pull-request job in .github/workflows/ci.yml); set org.requiredChecks to require some',
    ]);

    const applied = await applyOrganisation(await target(dir));
    expect(applied.failed).toBe(0);
    expect(applied.results.every((r) => r.outcome === 'done')).toBe(true);
    expect((await planOrganisation(await target(dir))).changes).toEqual([]);
    expect(await platform.forge.getBranchProtection({ owner: 'acme', name: 'orders' }, 'main')).toEqual({
      branch: 'main',
      requiredReviews: 1,
      requiredChecks: ['node / lint, test, build (.)'],
      enforceAdmins: false,
      allowForcePushes: false,
      allowDeletions: false,
    });
    expect(await platform.forge.listTeamMembers('acme', 'legacy')).toEqual([]);
  });

  it('refuses direct pushes to a protected branch through forge.push; admins may fast-forward, nobody may force-push; a merged pull request gets in', async () => {
    const { dir, platform } = await workspace();
    const { repo, work } = await componentRepo(platform.forge, 'orders', { 'catalog-info.yaml': catalogInfo('orders', 'payments'), '.github/workflows/ci.yml': CI });
    await applyOrganisation(await target(dir));
    const dev = platform.forge.as('dev');
    const main = git(work, 'rev-parse', 'HEAD');

    const change = commitOn(work, 'a.txt', 'a\n');
    await expect(dev.push(repo, work, [{ src: 'HEAD', dst: 'main' }])).rejects.toMatchObject({
      code: 'permission',
      details: { reason: 'protected-branch' },
      message: expect.stringContaining("branch 'main' is protected: changes reach it through pull requests"),
    });
    expect((await platform.forge.getBranch(repo, 'main'))?.commit).toBe(main);
    await expect(dev.push(repo, work, [{ src: 'HEAD', dst: 'main', expected: null }])).rejects.toMatchObject({ code: 'conflict' });

    // The way in: a branch, a pull request, a merge through the forge.
    await dev.push(repo, work, [{ src: 'HEAD', dst: 'feature/a', expected: null }]);
    const pr = await dev.openPullRequest(repo, { head: 'feature/a', title: 'feat: a' });
    const merged = await dev.mergePullRequest(repo, pr.number);
    expect(merged.state).toBe('merged');
    expect((await platform.forge.getBranch(repo, 'main'))?.commit).toBe(merged.mergeCommit);

    // The platform's own admin bypasses the review rule (enforceAdmins off), as GitHub admins do...
    git(work, 'fetch', '-q', platform.forge.repoDir(repo), 'main');
    git(work, 'reset', '-q', '--hard', merged.mergeCommit!);
    const byAdmin = commitOn(work, 'b.txt', 'b\n');
    await platform.forge.push(repo, work, [{ src: 'HEAD', dst: 'main' }]);
    expect((await platform.forge.getBranch(repo, 'main'))?.commit).toBe(byAdmin);
    // ...but may neither rewrite its history nor delete it.
    git(work, 'reset', '-q', '--hard', change);
    await expect(platform.forge.push(repo, work, [{ src: 'HEAD', dst: 'main', expected: byAdmin }])).rejects.toMatchObject({
      code: 'permission',
      message: expect.stringContaining('force-pushes are refused'),
    });
    await expect(platform.forge.push(repo, work, [{ src: '', dst: 'main', expected: byAdmin }])).rejects.toMatchObject({ code: 'permission', message: expect.stringContaining('may not be deleted') });
    expect((await platform.forge.getBranch(repo, 'main'))?.commit).toBe(byAdmin);
  });

  it('holds admins to the rules too with org.enforceAdmins', async () => {
    const { dir, platform } = await workspace(`${CONFIG}org:\n  enforceAdmins: true\n  requiredReviews: 2\n`);
    const { repo, work } = await componentRepo(platform.forge, 'orders', { 'catalog-info.yaml': catalogInfo('orders', 'payments') });
    await applyOrganisation(await target(dir));
    expect((await platform.forge.getBranchProtection(repo, 'main'))?.requiredReviews).toBe(2);
    commitOn(work, 'a.txt', 'a\n');
    await expect(platform.forge.push(repo, work, [{ src: 'HEAD', dst: 'main' }])).rejects.toMatchObject({ code: 'permission', message: expect.stringContaining('2 approving review(s)') });
  });

  it('keeps members it does not know unless org.prune is on', async () => {
    const { dir, platform } = await workspace();
    await componentRepo(platform.forge, 'orders', { 'catalog-info.yaml': catalogInfo('orders', 'payments') });
    await applyOrganisation(await target(dir));
    await platform.forge.setTeamMember('acme', 'platform', 'dev');
    await platform.forge.setTeamPermission('acme', 'payments', { owner: 'acme', name: 'gitops' }, 'push');
    expect((await planOrganisation(await target(dir))).changes).toEqual([]);
    writeFileSync(path.join(dir, 'paved.yaml'), `${CONFIG}org:\n  prune: true\n`);
    // gitops is not a managed repository: its permissions stay even when pruning.
    expect((await planOrganisation(await target(dir))).changes.map(describeChange)).toEqual(['- member platform/dev']);
  });

  it('refuses a real git push over HTTP to a protected branch and accepts one to another branch', async () => {
    const { dir, platform } = await workspace();
    const { repo } = await componentRepo(platform.forge, 'orders', { 'catalog-info.yaml': catalogInfo('orders', 'payments') });
    await applyOrganisation(await target(dir));
    const server: RunningServer = await startServer(platform, { port: 0 });
    open.push(server);
    const token = await issueToken(platform.store, 'dev', 'org test');
    const clone = path.join(tempDir('paved-org-clone-'), 'orders');
    const auth = ['-c', `http.extraHeader=Authorization: Bearer ${token}`];
    // Asynchronously: the server answering it runs in this process.
    const cloned = await gitAsync(path.dirname(clone), [...auth, 'clone', '-q', `${server.url}/acme/orders.git`, clone]);
    expect(cloned.code, cloned.output).toBe(0);
    commitOn(clone, 'c.txt', 'c\n');
    const refused = await gitAsync(clone, [...auth, 'push', 'origin', 'HEAD:main']);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain("remote: paved: branch 'main' is protected: changes reach it through pull requests");
    expect(refused.output).toContain('dev may not push to it directly');
    expect(refused.output).toMatch(/\[remote rejected\] +HEAD -> main \(pre-receive hook declined\)/);
    const accepted = await gitAsync(clone, [...auth, 'push', 'origin', 'HEAD:refs/heads/feature/c']);
    expect(accepted.code, accepted.output).toBe(0);
    const pr = await platform.forge.as('dev').openPullRequest(repo, { head: 'feature/c', title: 'feat: c' });
    expect((await platform.forge.as('dev').mergePullRequest(repo, pr.number)).state).toBe('merged');
  });

  it('exits 2 from org plan while changes are pending and 0 once applied', async () => {
    const dir = path.join(tempDir('paved-org-cli-'), 'ws');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'paved.yaml'), CONFIG);
    const paved = (...args: string[]) => exec(PAVED, [...args, '--workspace', dir]);
    expect((await exec(PAVED, ['init', dir])).code).toBe(0);
    const plan = await paved('org', 'plan', '--json');
    expect(plan.code, plan.stderr).toBe(2);
    const planned = JSON.parse(plan.stdout) as { forge: string; changes: Array<{ kind: string }> };
    expect(planned.forge).toBe('local');
    expect(planned.changes.map((c) => c.kind)).toEqual(['team', 'team', 'team-member', 'team-member', 'team-member']);
    const apply = await paved('org', 'apply');
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toContain('5 change(s) made.');
    const after = await paved('org', 'plan');
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toContain('Nothing to change: the organisation matches paved.yaml.');
  });
});

