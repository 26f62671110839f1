/**
 * The release automation: a push to a default branch refreshes the release pull request, a
 * merged release pull request is tagged, repositories without a release config are left alone;
 * in-process through followReleases, and once through the running server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForgeEvent } from '../../src/forge/types.js';
import { followReleases, type AutomationOutcome } from '../../src/platform/releases.js';
import { startServer } from '../../src/server/server.js';
import { OWNER, ReleaseForge } from './forge-fixture.js';

let env: ReleaseForge;
beforeAll(async () => {
  env = await ReleaseForge.build();
});
afterAll(async () => {
  await env.close();
});

/** Outcomes as they come, awaited one at a time: no timers, the test waits for what it expects next. */
class Outcomes {
  private readonly queue: AutomationOutcome[] = [];
  private waiting: ((outcome: AutomationOutcome) => void) | undefined;

  push = (outcome: AutomationOutcome): void => {
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve(outcome);
    } else this.queue.push(outcome);
  };

  next(): Promise<AutomationOutcome> {
    const queued = this.queue.shift();
    return queued ? Promise.resolve(queued) : new Promise((resolve) => (this.waiting = resolve));
  }
}

function simpleRepository(version: string) {
  const local = env.local();
  local.setup({ packages: { '.': { 'release-type': 'simple' } } }, { '.': version }, { 'version.txt': `${version}\n` }, [`v${version}`]);
  local.commit('feat: automated', 'src/a.ts');
  return local;
}

describe('release automation', () => {
  it('opens the release pull request on a push, tags it when merged, and skips repositories without a release config', async () => {
    const outcomes = new Outcomes();
    const controller = new AbortController();
    const following = followReleases(env.platform, controller.signal, outcomes.push);
    try {
      const plain = env.local();
      plain.commit('feat: no release config here');
      await env.publish('plain', plain);
      const local = simpleRepository('1.0.0');
      const repo = await env.publish('auto', local);

      const opened = await outcomes.next();
      expect(opened).toMatchObject({ repo: `${OWNER}/auto`, event: 'push', command: 'pr', report: { pullRequests: [{ outcome: 'created', releases: [{ tag: 'v1.1.0' }] }] } });
      const number = ('report' in opened && opened.command === 'pr' ? opened.report.pullRequests[0]!.number : undefined)!;

      local.commit('fix: also automated', 'src/b.ts');
      await env.push(repo, local);
      expect(await outcomes.next()).toMatchObject({ command: 'pr', report: { pullRequests: [{ outcome: 'updated', number }] } });

      await env.forge.mergePullRequest(repo, number);
      expect(await outcomes.next()).toMatchObject({ event: 'pull_request.merged', command: 'tag', report: { tags: ['v1.1.0'] } });
      // The merge's push to main comes after its tags: nothing is left to release.
      expect(await outcomes.next()).toMatchObject({ event: 'push', command: 'pr', report: { pullRequests: [] } });
      expect((await env.pullRequest(repo, number)).labels).toEqual(['autorelease: tagged']);
      expect((await env.forge.getRelease(repo, 'v1.1.0'))?.body).toContain('also automated');
    } finally {
      controller.abort();
      await following;
    }
  });

  it('reports a failure for its repository and goes on', async () => {
    const outcomes = new Outcomes();
    const controller = new AbortController();
    const following = followReleases(env.platform, controller.signal, outcomes.push);
    try {
      const broken = env.local();
      broken.setup({ packages: { '.': { 'release-type': 'simple' } } }, { '.': '3.0.0' }, {}, []);
      broken.commit('feat: no baseline tag');
      await env.publish('no-tag', broken);
      const failed = await outcomes.next();
      expect(failed).toMatchObject({ repo: `${OWNER}/no-tag`, command: 'pr' });
      expect('error' in failed && failed.error.message).toMatch(/no tag 'v3\.0\.0' for the root package/);

      await env.publish('after-failure', simpleRepository('2.0.0'));
      expect(await outcomes.next()).toMatchObject({ repo: `${OWNER}/after-failure`, report: { pullRequests: [{ outcome: 'created' }] } });
    } finally {
      controller.abort();
      await following;
    }
  });

  it('runs beside the catalog in the server', async () => {
    const server = await startServer(env.platform, { port: 0 });
    const controller = new AbortController();
    try {
      const since = await env.forge.eventCursor(OWNER);
      await env.publish('served', simpleRepository('4.0.0'));
      let opened: ForgeEvent | undefined;
      for await (const event of env.forge.events(OWNER, { since, signal: controller.signal })) {
        if (event.type === 'pull_request.opened' && event.repo === `${OWNER}/served`) {
          opened = event;
          break;
        }
      }
      expect(opened).toMatchObject({ head: 'release-please--branches--main', base: 'main' });
    } finally {
      controller.abort();
      await server.close();
    }
  });
});
