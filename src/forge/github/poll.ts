/**
 * `events()` on GitHub: polls the owner's Events API feed the way GitHub asks, with the ETag of
 * the last answer (a 304 costs no rate limit) and no faster than its X-Poll-Interval. The feed
 * is newest first and holds the last 300 events of 90 days. The feed lags pushes by seconds to
 * minutes, and shows an organisation's public activity only: use webhooks (eventsFromWebhook)
 * for private repositories.
 *
 * Ids: an event keeps GitHub's id (numeric, increasing). When one GitHub event becomes two (a
 * pushed tag: 'push' and 'tag.created'), the second is `<id>.1`, so resuming after either one
 * replays exactly what followed it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { NotFoundError } from '../../errors.js';
import type { EventSubscription, ForgeEvent } from '../types.js';
import type { GitHubClient } from './client.js';
import { httpFailure, toPavedError } from './error-map.js';
import { Activity, eventsFromActivity, type ActivityLookups } from './events.js';

const PER_PAGE = 100;
const MAX_PAGES = 3;
const DEFAULT_POLL_SECONDS = 60;
/** Tags announced lately: a pushed tag may show up as both a PushEvent and a CreateEvent. */
const REMEMBERED_TAGS = 1000;
/** The highest part an event id has: `<id>.1` is the last event made from GitHub event `<id>`. */
const LAST_PART = 1;

type Feed = 'orgs' | 'users';

interface Cursor {
  id: bigint;
  part: number;
}

interface Answer {
  items: Activity[];
  etag: string | undefined;
  pollSeconds: number;
}

/** Where a subscription starting now would begin: after everything made of the newest event. */
export async function eventCursor(client: GitHubClient, owner: string): Promise<string> {
  const { answer } = await fetchFirst(client, 'orgs', owner, undefined, undefined);
  const newest = answer.items.reduce((max, item) => (toId(item.id) > max ? toId(item.id) : max), 0n);
  return `${newest}.${LAST_PART}`;
}

export async function* pollEvents(client: GitHubClient, owner: string, lookups: ActivityLookups, options: EventSubscription = {}): AsyncGenerator<ForgeEvent> {
  const { signal } = options;
  let cursor = options.since !== undefined ? parseCursor(options.since) : undefined;
  let feed: Feed = 'orgs';
  let etag: string | undefined;
  const announced = new Set<string>();
  while (!signal?.aborted) {
    let answer: Answer;
    try {
      ({ feed, answer } = await fetchFirst(client, feed, owner, etag, signal));
      if (cursor) answer = { ...answer, items: await olderPages(client, feed, owner, answer.items, cursor, signal) };
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    }
    etag = answer.etag ?? etag;
    if (!cursor) {
      // Without `since` the first answer only marks where "now" is.
      const newest = answer.items.reduce((max, item) => (toId(item.id) > max ? toId(item.id) : max), 0n);
      cursor = { id: newest, part: LAST_PART };
    }
    for (const item of answer.items) {
      const id = toId(item.id);
      if (id < cursor.id) continue;
      const events = await eventsFromActivity(item, lookups);
      for (const [part, event] of events.entries()) {
        if (id === cursor.id && part <= cursor.part) continue;
        cursor = { id, part };
        if (event.type === 'tag.created' && !firstMention(announced, `${event.repo}\0${event.tag}`)) continue;
        yield { ...event, id: part === 0 ? item.id : `${item.id}.${part}` };
        if (signal?.aborted) return;
      }
      cursor = { id, part: LAST_PART };
    }
    try {
      await sleep(answer.pollSeconds * client.waitUnitMs, undefined, { signal });
    } catch {
      return;
    }
  }
}

function parseCursor(since: string): Cursor {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(since);
  return match ? { id: BigInt(match[1]!), part: Number(match[2] ?? 0) } : { id: 0n, part: LAST_PART };
}

function toId(id: string): bigint {
  return /^\d+$/.test(id) ? BigInt(id) : 0n;
}

function firstMention(seen: Set<string>, key: string): boolean {
  if (seen.has(key)) return false;
  seen.add(key);
  if (seen.size > REMEMBERED_TAGS) seen.delete(seen.values().next().value as string);
  return true;
}

/** Page 1 of the organisation's feed, or of the user's when the owner is no organisation. */
async function fetchFirst(client: GitHubClient, feed: Feed, owner: string, etag: string | undefined, signal: AbortSignal | undefined): Promise<{ feed: Feed; answer: Answer }> {
  const answer = await fetchPage(client, feed, owner, 1, etag, signal);
  if (answer) return { feed, answer };
  if (feed === 'users') throw new NotFoundError(`no organisation or user '${owner}' on GitHub whose events the token may read`, { owner });
  return fetchFirst(client, 'users', owner, undefined, signal);
}

/**
 * The items of page 1 plus older pages, read only while everything so far is still unseen,
 * oldest first. GitHub serves at most three pages of 100.
 */
async function olderPages(client: GitHubClient, feed: Feed, owner: string, first: Activity[], cursor: Cursor, signal: AbortSignal | undefined): Promise<Activity[]> {
  const items = [...first];
  for (let page = 2; page <= MAX_PAGES && items.length === PER_PAGE * (page - 1) && toId(items[items.length - 1]!.id) > cursor.id; page++) {
    items.push(...((await fetchPage(client, feed, owner, page, undefined, signal))?.items ?? []));
  }
  return items.filter((item) => toId(item.id) >= cursor.id).sort((a, b) => (toId(a.id) < toId(b.id) ? -1 : 1));
}

/** undefined when the feed does not exist (404). */
async function fetchPage(client: GitHubClient, feed: Feed, owner: string, page: number, etag: string | undefined, signal: AbortSignal | undefined): Promise<Answer | undefined> {
  const route = feed === 'orgs' ? 'GET /orgs/{owner}/events' : 'GET /users/{owner}/events';
  try {
    const response = await client.octokit.request(route, { owner, per_page: PER_PAGE, page, headers: etag ? { 'if-none-match': etag } : {}, request: { signal } });
    const items = (response.data as unknown[]).flatMap((raw) => {
      const parsed = Activity.safeParse(raw);
      return parsed.success ? [parsed.data] : [];
    });
    return { items, etag: response.headers.etag, pollSeconds: pollSeconds(response.headers['x-poll-interval']) };
  } catch (error) {
    const failure = httpFailure(error);
    if (failure?.status === 304) return { items: [], etag, pollSeconds: pollSeconds(failure.headers['x-poll-interval']) };
    if (failure?.status === 404) return undefined;
    throw toPavedError(error, { action: `read the events of ${owner}`, permission: 'metadata: read' }, client.baseUrl);
  }
}

function pollSeconds(header: string | number | undefined): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_POLL_SECONDS;
}
