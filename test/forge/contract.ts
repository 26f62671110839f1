/**
 * The forge contract: what every Forge adapter does, written once against the interface only.
 * contract.test.ts runs it on the local forge always, and on real GitHub when a token and an
 * owner to work in are given.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Forge, ForgeEvent, RepoRef } from '../../src/forge/types.js';
import { commitAll, git, initRepo, tempDir, writeFiles } from '../support/fixtures.js';

export interface ContractTarget {
  forge: Forge;
  /** An organisation (or user) the forge's actor may create repositories in. */
  owner: string;
}

/** A local clone-less repo with one commit per call, for pushing. */
function workRepo(files: Record<string, string>): string {
  const dir = initRepo(tempDir('paved-contract-'));
  writeFiles(dir, files);
  commitAll(dir, 'initial commit');
  return dir;
}

function commitOn(dir: string, files: Record<string, string | null>, message: string): string {
  writeFiles(dir, files);
  commitAll(dir, message);
  return git(dir, 'rev-parse', 'HEAD');
}

async function collect(forge: Forge, owner: string, since: string | undefined, until: (events: ForgeEvent[]) => boolean): Promise<ForgeEvent[]> {
  const controller = new AbortController();
  const events: ForgeEvent[] = [];
  const stop = setTimeout(() => controller.abort(), 30_000);
  try {
    for await (const event of forge.events(owner, { since, signal: controller.signal })) {
      events.push(event);
      if (until(events)) break;
    }
  } finally {
    clearTimeout(stop);
  }
  return events;
}

export function forgeContract(name: string, setup: () => Promise<ContractTarget>): void {
  describe(`forge contract: ${name}`, () => {
    const unique = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex')}`;

    async function repoWithMain(target: ContractTarget, files: Record<string, string> = { 'README.md': '# hello\n' }) {
      const repo: RepoRef = { owner: target.owner, name: unique('contract') };
      const created = await target.forge.createRepository({ ...repo, defaultBranch: 'main', description: 'contract test' });
      const dir = workRepo(files);
      await target.forge.push(repo, dir, [{ src: 'HEAD', dst: 'main', expected: null }]);
      return { repo, created, dir, main: git(dir, 'rev-parse', 'HEAD') };
    }

    it('creates a repository with its default branch, finds it, refuses a duplicate and archives it', async () => {
      const target = await setup();
      const { repo, created, main } = await repoWithMain(target);
      expect(created).toMatchObject({ owner: repo.owner, name: repo.name, fullName: `${repo.owner}/${repo.name}`, defaultBranch: 'main', archived: false });
      expect(created.cloneUrl).toMatch(new RegExp(`${repo.name}\\.git$`));
      expect((await target.forge.getRepository(repo))?.defaultBranch).toBe('main');
      expect((await target.forge.getBranch(repo, 'main'))?.commit).toBe(main);
      expect((await target.forge.listRepositories(repo.owner)).map((r) => r.name)).toContain(repo.name);
      await expect(target.forge.createRepository({ ...repo })).rejects.toMatchObject({ code: 'conflict', details: { reason: 'exists' } });
      expect(await target.forge.getRepository({ owner: repo.owner, name: unique('missing') })).toBeUndefined();
      await target.forge.archiveRepository(repo);
      expect((await target.forge.getRepository(repo))?.archived).toBe(true);
      expect((await target.forge.listRepositories(repo.owner)).map((r) => r.name)).not.toContain(repo.name);
      expect((await target.forge.listRepositories(repo.owner, { includeArchived: true })).map((r) => r.name)).toContain(repo.name);
    });

    it('reads files and trees at a ref', async () => {
      const target = await setup();
      const { repo, dir } = await repoWithMain(target, { 'README.md': '# v1\n', 'src/app.ts': 'export {};\n', 'src/lib/util.ts': 'export const x = 1;\n' });
      const v1 = git(dir, 'rev-parse', 'HEAD');
      commitOn(dir, { 'README.md': '# v2\n' }, 'docs: v2');
      await target.forge.push(repo, dir, [{ src: 'HEAD', dst: 'main' }]);
      expect((await target.forge.readFile(repo, 'README.md'))?.data.toString()).toBe('# v2\n');
      expect((await target.forge.readFile(repo, 'README.md', v1))?.data.toString()).toBe('# v1\n');
      expect(await target.forge.readFile(repo, 'nope.txt')).toBeUndefined();
      const tree = await target.forge.readTree(repo);
      expect(tree.filter((t) => t.type === 'blob').map((t) => t.path).sort()).toEqual(['README.md', 'src/app.ts', 'src/lib/util.ts']);
      const under = await target.forge.readTree(repo, 'main', 'src/lib');
      expect(under.map((t) => t.path)).toEqual(['util.ts']);
    });

    it('moves branches only from the commit the caller expects', async () => {
      const target = await setup();
      const { repo, dir, main } = await repoWithMain(target);
      await target.forge.createBranch(repo, 'feature', main);
      await expect(target.forge.createBranch(repo, 'feature', main)).rejects.toMatchObject({ code: 'conflict' });
      const next = commitOn(dir, { 'a.txt': 'a\n' }, 'feat: a');
      await target.forge.push(repo, dir, [{ src: 'HEAD', dst: 'scratch', expected: null }]);
      await target.forge.updateBranch(repo, 'feature', next, main);
      expect((await target.forge.getBranch(repo, 'feature'))?.commit).toBe(next);
      // Someone else moved it in between: the stale update is refused, their commit stays.
      await expect(target.forge.updateBranch(repo, 'feature', main, main)).rejects.toMatchObject({ code: 'conflict', details: { reason: 'stale' } });
      expect((await target.forge.getBranch(repo, 'feature'))?.commit).toBe(next);
      await expect(target.forge.deleteBranch(repo, 'feature', main)).rejects.toMatchObject({ code: 'conflict' });
      await target.forge.deleteBranch(repo, 'feature', next);
      expect(await target.forge.getBranch(repo, 'feature')).toBeUndefined();
      expect((await target.forge.listBranches(repo)).map((b) => b.name).sort()).toEqual(['main', 'scratch']);
    });

    it('refuses a push whose expected commit is stale and keeps the other push', async () => {
      const target = await setup();
      const { repo, dir, main } = await repoWithMain(target);
      const theirs = commitOn(dir, { 'theirs.txt': '1\n' }, 'feat: theirs');
      await target.forge.push(repo, dir, [{ src: 'HEAD', dst: 'main', expected: main }]);
      git(dir, 'reset', '-q', '--hard', main);
      commitOn(dir, { 'ours.txt': '1\n' }, 'feat: ours');
      await expect(target.forge.push(repo, dir, [{ src: 'HEAD', dst: 'main', expected: main }])).rejects.toMatchObject({ code: 'conflict', details: { reason: 'stale' } });
      expect((await target.forge.getBranch(repo, 'main'))?.commit).toBe(theirs);
    });

    it('names the branch in the way when a push would put a branch beside branches named under it', async () => {
      const target = await setup();
      const { repo, dir } = await repoWithMain(target);
      await target.forge.push(repo, dir, [{ src: 'HEAD', dst: 'updates', expected: null }]);
      await expect(target.forge.push(repo, dir, [{ src: 'HEAD', dst: 'updates/orders-api', expected: null }])).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(/branch updates is in the way of updates\/orders-api.*delete or rename updates/),
        details: { reason: 'ref-in-the-way', blocking: 'updates' },
      });
      expect((await target.forge.listBranches(repo)).map((b) => b.name).sort()).toEqual(['main', 'updates']);
    });

    it('opens, finds, updates, comments on and merges a pull request; the branch goes away', async () => {
      const target = await setup();
      const { repo, dir } = await repoWithMain(target);
      const head = commitOn(dir, { 'feature.txt': 'new\n' }, 'feat: add feature');
      await target.forge.push(repo, dir, [{ src: 'HEAD', dst: 'paved/feature', expected: null }]);
      const pr = await target.forge.openPullRequest(repo, { head: 'paved/feature', base: 'main', title: 'Add feature', body: 'why', labels: ['template-update'] });
      expect(pr).toMatchObject({ head: 'paved/feature', base: 'main', state: 'open', title: 'Add feature', labels: ['template-update'], headSha: head });
      await expect(target.forge.openPullRequest(repo, { head: 'paved/feature', title: 'again' })).rejects.toMatchObject({ code: 'conflict', details: { reason: 'exists' } });
      expect((await target.forge.findOpenPullRequest(repo, 'paved/feature'))?.number).toBe(pr.number);
      expect(await target.forge.findOpenPullRequest(repo, 'other')).toBeUndefined();
      const updated = await target.forge.updatePullRequest(repo, pr.number, { title: 'Add the feature', labels: ['template-update', 'conflicts'] });
      expect(updated.title).toBe('Add the feature');
      expect([...updated.labels].sort()).toEqual(['conflicts', 'template-update']);
      expect((await target.forge.listPullRequests(repo, { label: 'conflicts' })).map((p) => p.number)).toEqual([pr.number]);
      expect(await target.forge.listPullRequests(repo, { label: 'nothing-has-this' })).toEqual([]);
      const comment = await target.forge.comment(repo, pr.number, 'looks good');
      expect((await target.forge.listComments(repo, pr.number)).map((c) => c.body)).toEqual([comment.body]);
      const merged = await target.forge.mergePullRequest(repo, pr.number, { method: 'merge', deleteBranch: true, expectedHeadSha: head });
      expect(merged.state).toBe('merged');
      expect(merged.mergeCommit).toMatch(/^[0-9a-f]{40}$/);
      expect((await target.forge.getBranch(repo, 'main'))?.commit).toBe(merged.mergeCommit);
      expect((await target.forge.readFile(repo, 'feature.txt'))?.data.toString()).toBe('new\n');
      expect(await target.forge.getBranch(repo, 'paved/feature')).toBeUndefined();
      expect((await target.forge.listPullRequests(repo, { state: 'merged' })).map((p) => p.number)).toEqual([pr.number]);
      await expect(target.forge.mergePullRequest(repo, pr.number)).rejects.toMatchObject({ code: 'conflict' });
    });

    it('squash-merges into one commit on the base', async () => {
      const target = await setup();
      const { repo, dir, main } = await repoWithMain(target);
      commitOn(dir, { 'a.txt': 'a\n' }, 'feat: a');
      commitOn(dir, { 'b.txt': 'b\n' }, 'feat: b');
      await target.forge.push(repo, dir, [{ src: 'HEAD', dst: 'squash-me', expected: null }]);
      const pr = await target.forge.openPullRequest(repo, { head: 'squash-me', title: 'feat: a and b' });
      const merged = await target.forge.mergePullRequest(repo, pr.number, { method: 'squash' });
      expect(merged.state).toBe('merged');
      const tree = await target.forge.readTree(repo, 'main');
      expect(tree.map((t) => t.path).sort()).toEqual(['README.md', 'a.txt', 'b.txt']);
      expect(merged.mergeCommit).not.toBe(main);
    });

    it('refuses to merge a conflicting pull request and changes nothing', async () => {
      const target = await setup();
      const { repo, dir, main } = await repoWithMain(target, { 'config.yml': 'replicas: 1\n' });
      const ours = commitOn(dir, { 'config.yml': 'replicas: 2\n' }, 'chore: two');
      await target.forge.push(repo, dir, [{ src: 'HEAD', dst: 'main', expected: main }]);
      git(dir, 'reset', '-q', '--hard', main);
      commitOn(dir, { 'config.yml': 'replicas: 3\n' }, 'chore: three');
      await target.forge.push(repo, dir, [{ src: 'HEAD', dst: 'three', expected: null }]);
      const pr = await target.forge.openPullRequest(repo, { head: 'three', title: 'Three replicas' });
      await expect(target.forge.mergePullRequest(repo, pr.number)).rejects.toMatchObject({ code: 'conflict', details: { reason: 'merge-conflict' } });
      expect((await target.forge.getBranch(repo, 'main'))?.commit).toBe(ours);
      expect((await target.forge.getPullRequest(repo, pr.number))?.state).toBe('open');
      const closed = await target.forge.closePullRequest(repo, pr.number);
      expect(closed.state).toBe('closed');
      expect(await target.forge.findOpenPullRequest(repo, 'three')).toBeUndefined();
    });

    it('keeps labels, tags and releases', async () => {
      const target = await setup();
      const { repo, main } = await repoWithMain(target);
      const label = await target.forge.ensureLabel(repo, { name: 'release', color: '0e8a16', description: 'release PRs' });
      expect(label).toEqual({ name: 'release', color: '0e8a16', description: 'release PRs' });
      expect((await target.forge.ensureLabel(repo, { name: 'release' })).color).toBe('0e8a16');
      expect((await target.forge.listLabels(repo)).map((l) => l.name)).toContain('release');
      await target.forge.createTag(repo, { name: 'v1.0.0', commit: main, message: 'v1.0.0' });
      await target.forge.createTag(repo, { name: 'light', commit: main });
      await expect(target.forge.createTag(repo, { name: 'v1.0.0', commit: main })).rejects.toMatchObject({ code: 'conflict' });
      expect((await target.forge.listTags(repo)).map((t) => [t.name, t.commit]).sort()).toEqual([['light', main], ['v1.0.0', main]]);
      const release = await target.forge.createRelease(repo, { tag: 'v1.0.0', name: 'v1.0.0', body: '## Features\n' });
      expect(release).toMatchObject({ tag: 'v1.0.0', name: 'v1.0.0', body: '## Features\n', prerelease: false });
      await target.forge.createRelease(repo, { tag: 'v1.1.0-rc.1', commit: main, prerelease: true });
      expect((await target.forge.getRelease(repo, 'v1.1.0-rc.1'))?.prerelease).toBe(true);
      expect((await target.forge.listTags(repo)).map((t) => t.name)).toContain('v1.1.0-rc.1');
      expect((await target.forge.listReleases(repo)).map((r) => r.tag).sort()).toEqual(['v1.0.0', 'v1.1.0-rc.1']);
      await expect(target.forge.createRelease(repo, { tag: 'v9.9.9' })).rejects.toMatchObject({ code: 'not-found' });
    });

    it('streams push, pull request and tag events in order, resumable from a cursor', async () => {
      const target = await setup();
      const { repo, dir } = await repoWithMain(target);
      const first = await collectAfterAction(target, async () => {
        commitOn(dir, { 'e.txt': 'e\n' }, 'feat: e');
        await target.forge.push(repo, dir, [{ src: 'HEAD', dst: 'events', expected: null }]);
        const pr = await target.forge.openPullRequest(repo, { head: 'events', title: 'Events' });
        await target.forge.mergePullRequest(repo, pr.number);
        await target.forge.createTag(repo, { name: 'v0.1.0', commit: git(dir, 'rev-parse', 'HEAD') });
      }, (events) => events.some((e) => e.type === 'tag.created' && e.repo === `${repo.owner}/${repo.name}`));
      const mine = first.filter((e) => e.repo === `${repo.owner}/${repo.name}`);
      const types = mine.map((e) => e.type);
      expect(types).toContain('push');
      expect(types.indexOf('pull_request.opened')).toBeLessThan(types.indexOf('pull_request.merged'));
      expect(types.indexOf('pull_request.merged')).toBeLessThan(types.lastIndexOf('tag.created'));
      const pushed = mine.find((e) => e.type === 'push' && e.ref === 'refs/heads/events');
      expect(pushed).toMatchObject({ before: null, after: expect.stringMatching(/^[0-9a-f]{40}$/) });
      // Resuming after the first event replays exactly the rest.
      const resumed = await collect(target.forge, repo.owner, first[0]!.id, (events) => events.length >= first.length - 1);
      expect(resumed.map((e) => e.id)).toEqual(first.slice(1).map((e) => e.id));
    });

    async function collectAfterAction(target: ContractTarget, action: () => Promise<void>, until: (events: ForgeEvent[]) => boolean): Promise<ForgeEvent[]> {
      const since = await target.forge.eventCursor(target.owner);
      await action();
      return collect(target.forge, target.owner, since, until);
    }
  });
}
