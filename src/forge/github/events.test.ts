import { describe, expect, it } from 'vitest';
import type { ForgeEvent } from '../types.js';
import { eventsFromWebhook } from './events.js';
import { fakeOptions, gh, useFakeGitHub } from './fake-github-server.js';
import { createGitHubForge } from './index.js';

const ZERO = '0'.repeat(40);
const C1 = '1'.repeat(40);
const C2 = '2'.repeat(40);
const TAG_OBJECT = 't'.repeat(40);
const AT = '2024-05-01T12:00:00Z';

function activity(id: number, type: string, payload: Record<string, unknown>, actor = 'octo') {
  return { id: String(id), type, actor: { login: actor }, repo: { name: 'acme/web' }, payload, public: true, created_at: AT };
}

const pullPayload = (action: string, number: number, extra: Record<string, unknown> = {}) => ({ action, number, pull_request: { number, head: { ref: 'feature' }, base: { ref: 'main' }, ...extra } });

async function take(events: AsyncIterable<ForgeEvent>, count: number): Promise<ForgeEvent[]> {
  const taken: ForgeEvent[] = [];
  for await (const event of events) {
    taken.push(event);
    if (taken.length >= count) break;
  }
  return taken;
}

describe('events from webhook deliveries', () => {
  const repository = { full_name: 'acme/web', pushed_at: 1714564800 };

  it('translates a push of a branch, with before null for a new branch', () => {
    const events = eventsFromWebhook('push', { ref: 'refs/heads/feature', before: ZERO, after: C1, head_commit: { id: C1, timestamp: AT }, pusher: { name: 'octo' }, sender: { login: 'octo' }, repository }, 'delivery-1');
    expect(events).toEqual([{ type: 'push', ref: 'refs/heads/feature', before: null, after: C1, pusher: 'octo', id: 'delivery-1', repo: 'acme/web', at: AT }]);
  });

  it('translates a new annotated tag into a push and tag.created at the tagged commit', () => {
    const events = eventsFromWebhook('push', { ref: 'refs/tags/v1.0.0', before: ZERO, after: TAG_OBJECT, head_commit: { id: C1 }, sender: { login: 'octo' }, repository });
    expect(events.map((e) => e.type)).toEqual(['push', 'tag.created']);
    expect(events[0]).toMatchObject({ after: TAG_OBJECT, at: '2024-05-01T12:00:00.000Z' });
    expect(events[1]).toMatchObject({ tag: 'v1.0.0', commit: C1, actor: 'octo', repo: 'acme/web' });
  });

  it('translates a deleted branch with after null and no tag event', () => {
    expect(eventsFromWebhook('push', { ref: 'refs/heads/old', before: C1, after: ZERO, head_commit: null, pusher: { name: 'octo' }, repository })).toEqual([
      expect.objectContaining({ type: 'push', before: C1, after: null, pusher: 'octo' }),
    ]);
  });

  it('translates pull request actions', () => {
    const deliver = (action: string, extra: Record<string, unknown> = {}) =>
      eventsFromWebhook('pull_request', { ...pullPayload(action, 4, { merged: false, updated_at: AT, ...extra }), sender: { login: 'octo' }, repository }).map((e) => e.type);
    expect(deliver('opened')).toEqual(['pull_request.opened']);
    expect(deliver('reopened')).toEqual(['pull_request.opened']);
    expect(deliver('synchronize')).toEqual(['pull_request.updated']);
    expect(deliver('edited')).toEqual(['pull_request.updated']);
    expect(deliver('closed', { merged: true })).toEqual(['pull_request.merged']);
    expect(deliver('closed')).toEqual(['pull_request.closed']);
    expect(deliver('labeled')).toEqual([]);
    const [opened] = eventsFromWebhook('pull_request', { ...pullPayload('opened', 4, { updated_at: AT }), sender: { login: 'octo' }, repository }, 'd-2');
    expect(opened).toEqual({ type: 'pull_request.opened', number: 4, head: 'feature', base: 'main', actor: 'octo', id: 'd-2', repo: 'acme/web', at: AT });
  });

  it('yields nothing for create deliveries, other events and payloads of the wrong shape', () => {
    expect(eventsFromWebhook('create', { ref: 'v1.0.0', ref_type: 'tag', sender: { login: 'octo' }, repository })).toEqual([]);
    expect(eventsFromWebhook('issues', { action: 'opened' })).toEqual([]);
    expect(eventsFromWebhook('push', { ref: 42 })).toEqual([]);
    expect(eventsFromWebhook('pull_request', null)).toEqual([]);
  });
});

describe('events polled from a fake GitHub', () => {
  const fake = useFakeGitHub();
  const feed = 'GET /orgs/acme/events?per_page=100&page=1';

  it('translates Push, PullRequest and Create events in order, then polls with the ETag (304) for more', async () => {
    fake()
      .on(feed, {
        headers: { etag: '"v1"', 'x-poll-interval': '1' },
        body: [
          activity(105, 'PushEvent', { ref: 'refs/tags/v1.0.0', before: ZERO, head: TAG_OBJECT }),
          activity(104, 'CreateEvent', { ref: 'v1.0.0', ref_type: 'tag', master_branch: 'main' }),
          activity(103, 'PullRequestEvent', pullPayload('closed', 3)),
          activity(102, 'PullRequestEvent', pullPayload('opened', 3)),
          activity(101, 'PushEvent', { ref: 'refs/heads/feature', before: ZERO, head: C1 }),
          activity(100, 'PushEvent', { ref: 'refs/heads/main', before: C1, head: C2 }),
          activity(99, 'WatchEvent', { action: 'started' }),
        ],
      })
      .on('GET /repos/acme/web/pulls/3', { body: gh.pull(3, { state: 'closed', merged_at: AT }) })
      .on('GET /repos/acme/web/git/ref/tags/v1.0.0', { body: gh.ref('refs/tags/v1.0.0', TAG_OBJECT, 'tag') }, { times: 2 })
      .on('GET /repos/acme/web/git/tags/' + TAG_OBJECT, { body: { sha: TAG_OBJECT, tag: 'v1.0.0', object: { sha: C1, type: 'commit' } } }, { times: 2 })
      .on(feed, { status: 304, headers: { 'x-poll-interval': '1' } })
      .on(feed, { headers: { etag: '"v2"', 'x-poll-interval': '1' }, body: [activity(106, 'PullRequestEvent', pullPayload('synchronize', 3))] });
    const forge = await createGitHubForge(fakeOptions(fake()));
    const events = await take(forge.events('acme', { since: '100' }), 6);
    expect(events).toEqual([
      { id: '101', type: 'push', ref: 'refs/heads/feature', before: null, after: C1, pusher: 'octo', repo: 'acme/web', at: AT },
      { id: '102', type: 'pull_request.opened', number: 3, head: 'feature', base: 'main', actor: 'octo', repo: 'acme/web', at: AT },
      { id: '103', type: 'pull_request.merged', number: 3, head: 'feature', base: 'main', actor: 'octo', repo: 'acme/web', at: AT },
      { id: '104', type: 'tag.created', tag: 'v1.0.0', commit: C1, actor: 'octo', repo: 'acme/web', at: AT },
      // The tag's push event; its own tag.created (105.1) repeats 104 and is left out.
      { id: '105', type: 'push', ref: 'refs/tags/v1.0.0', before: null, after: TAG_OBJECT, pusher: 'octo', repo: 'acme/web', at: AT },
      { id: '106', type: 'pull_request.updated', number: 3, head: 'feature', base: 'main', actor: 'octo', repo: 'acme/web', at: AT },
    ]);
    const polls = fake().requests.filter((r) => r.path === '/orgs/acme/events');
    expect(polls.map((r) => r.headers['if-none-match'])).toEqual([undefined, '"v1"', '"v1"']);
  });

  it('resumes inside a GitHub event that made two events', async () => {
    fake()
      .on(feed, { body: [activity(105, 'PushEvent', { ref: 'refs/tags/v2', before: ZERO, head: C2 })] })
      .on('GET /repos/acme/web/git/ref/tags/v2', { body: gh.ref('refs/tags/v2', C2) });
    const forge = await createGitHubForge(fakeOptions(fake()));
    expect(await take(forge.events('acme', { since: '105' }), 1)).toEqual([{ id: '105.1', type: 'tag.created', tag: 'v2', commit: C2, actor: 'octo', repo: 'acme/web', at: AT }]);
  });

  it('starts from now without since, and gives the cursor of now', async () => {
    fake()
      .on(feed, { headers: { 'x-poll-interval': '1' }, body: [activity(201, 'PushEvent', { ref: 'refs/heads/main', before: C1, head: C2 })] }, { times: 2 })
      .on(feed, { headers: { etag: '"x"', 'x-poll-interval': '1' }, body: [activity(202, 'PushEvent', { ref: 'refs/heads/main', before: C2, head: C1 }), activity(201, 'PushEvent', { ref: 'refs/heads/main', before: C1, head: C2 })] });
    const forge = await createGitHubForge(fakeOptions(fake()));
    expect(await forge.eventCursor('acme')).toBe('201.1');
    expect((await take(forge.events('acme'), 1)).map((e) => e.id)).toEqual(['202']);
  });

  it('reads older pages while everything on the newer ones is unseen', async () => {
    const push = (id: number) => activity(id, 'PushEvent', { ref: 'refs/heads/main', before: C1, head: C2 });
    const ids = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => from - i);
    fake()
      .on(feed, { headers: { link: fake().link('/orgs/acme/events?per_page=100', 2, 3) }, body: ids(300, 201).map(push) })
      .on('GET /orgs/acme/events?per_page=100&page=2', { body: ids(200, 101).map(push) });
    const forge = await createGitHubForge(fakeOptions(fake()));
    const events = await take(forge.events('acme', { since: '180' }), 120);
    expect(events.map((e) => e.id)).toEqual(ids(300, 181).reverse().map(String));
  });

  it('falls back to the user feed when the owner is no organisation', async () => {
    fake()
      .on('GET /orgs/octo/events?per_page=100&page=1', { status: 404, body: { message: 'Not Found' } })
      .on('GET /users/octo/events?per_page=100&page=1', { body: [activity(7, 'PushEvent', { ref: 'refs/heads/main', before: C1, head: C2 })] });
    const forge = await createGitHubForge(fakeOptions(fake()));
    expect((await take(forge.events('octo', { since: '6' }), 1)).map((e) => e.type)).toEqual(['push']);
  });

  it('stops quietly when the signal aborts while waiting for the next poll', async () => {
    const controller = new AbortController();
    fake().on(feed, () => {
      setTimeout(() => controller.abort(), 0);
      return { headers: { 'x-poll-interval': '3600' }, body: [] };
    });
    const forge = await createGitHubForge(fakeOptions(fake()));
    const iterator = forge.events('acme', { since: '1', signal: controller.signal })[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });
});
