/**
 * Crash safety of the local forge: a process killed (SIGKILL) half way through an operation
 * leaves a state that the next attempt completes, never a pull request without its branch or a
 * half-written store.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { initWorkspace } from '../../src/platform/init.js';
import { openPlatform, type Platform } from '../../src/platform/platform.js';
import { commitAll, git, tempDir, writeFiles } from '../support/fixtures.js';
import { sql } from 'kysely';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crash-child.ts');
const repo = { owner: 'acme', name: 'gitops' };
const opened: Platform[] = [];
afterEach(async () => {
  for (const p of opened.splice(0)) await p.close();
});

function crashIn(workspace: string, scenario: string, crashAt: string, work = ''): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', child, workspace, scenario, work], { env: { ...process.env, PAVED_CRASH_AT: crashAt }, encoding: 'utf8' });
  expect(result.signal, `${scenario} should have been killed at ${crashAt}: ${result.stdout}${result.stderr}`).toBe('SIGKILL');
}

async function setup() {
  const workspace = path.join(tempDir('paved-ws-'), 'ws');
  await initWorkspace(workspace);
  const work = path.join(tempDir(), 'work');
  git(path.dirname(work), 'clone', '-q', path.join(workspace, '.paved/repos/acme/gitops.git'), work);
  writeFiles(work, { 'apps/orders.yaml': 'replicas: 2\n' });
  commitAll(work, 'chore: template update');
  return { workspace, work, head: git(work, 'rev-parse', 'HEAD') };
}

async function open(workspace: string): Promise<Platform> {
  const platform = await openPlatform(workspace);
  opened.push(platform);
  return platform;
}

/** The invariants every interruption must keep. */
async function assertConsistent(platform: Platform): Promise<void> {
  const integrity = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(platform.store.db);
  expect(integrity.rows.map((r) => Object.values(r)[0])).toEqual(['ok']);
  for (const pr of await platform.forge.listPullRequests(repo, { state: 'open' })) {
    expect(await platform.forge.getBranch(repo, pr.head), `open PR #${pr.number} points at a missing branch`).toBeDefined();
  }
}

describe('local forge crash safety (processes killed half way)', () => {
  it('a push killed before its bookkeeping is caught up, and the retried "push, then open the PR" makes one PR', async () => {
    const { workspace, work, head } = await setup();
    crashIn(workspace, 'push', 'push:before-sync', work);
    const platform = await open(workspace);
    await assertConsistent(platform);
    // The retry of the whole step: push again (already there), then open or refresh.
    await platform.forge.push(repo, work, [{ src: 'HEAD', dst: 'paved/update' }]);
    const existing = await platform.forge.findOpenPullRequest(repo, 'paved/update');
    const pr = existing ?? (await platform.forge.openPullRequest(repo, { head: 'paved/update', title: 'Template update' }));
    expect(pr).toMatchObject({ number: 1, headSha: head, state: 'open' });
    const events = await platform.forge.readEvents('acme', 0);
    expect(events.filter((e) => e.type === 'push' && e.ref === 'refs/heads/paved/update')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'pull_request.opened')).toHaveLength(1);
    await assertConsistent(platform);
  });

  it('a pull request killed inside its transaction leaves no trace, and the retry opens it', async () => {
    const { workspace, work } = await setup();
    const platform = await open(workspace);
    await platform.forge.push(repo, work, [{ src: 'HEAD', dst: 'paved/update' }]);
    crashIn(workspace, 'open', 'open-pr:in-transaction');
    await assertConsistent(platform);
    expect(await platform.forge.listPullRequests(repo, { state: 'all' })).toEqual([]);
    const pr = await platform.forge.openPullRequest(repo, { head: 'paved/update', title: 'Template update' });
    expect(pr.number).toBe(1);
    expect((await platform.forge.readEvents('acme', 0)).filter((e) => e.type === 'pull_request.opened')).toHaveLength(1);
  });

  it('a merge killed after the base branch moved is finished, not redone, by the retry', async () => {
    const { workspace, work, head } = await setup();
    const platform = await open(workspace);
    await platform.forge.push(repo, work, [{ src: 'HEAD', dst: 'paved/update' }]);
    await platform.forge.openPullRequest(repo, { head: 'paved/update', title: 'Template update' });
    crashIn(workspace, 'merge', 'merge:base-moved');
    const moved = (await platform.forge.getBranch(repo, 'main'))!.commit;
    expect(git(path.join(workspace, '.paved/repos/acme/gitops.git'), 'rev-list', '--parents', '-n', '1', moved).split(' ')).toContain(head);
    expect((await platform.forge.getPullRequest(repo, 1))?.state).toBe('open');
    await assertConsistent(platform);
    const merged = await platform.forge.mergePullRequest(repo, 1, { method: 'merge', deleteBranch: true });
    expect(merged).toMatchObject({ state: 'merged', mergeCommit: moved });
    expect((await platform.forge.getBranch(repo, 'main'))!.commit).toBe(moved);
    expect(await platform.forge.getBranch(repo, 'paved/update')).toBeUndefined();
    expect((await platform.forge.readEvents('acme', 0)).filter((e) => e.type === 'pull_request.merged')).toHaveLength(1);
    await assertConsistent(platform);
  });
});
