/**
 * GitHub's activity → ForgeEvents, from both places GitHub reports it: webhook deliveries (pushed
 * to the server) and the Events API (polled, see poll.ts). Payloads are checked with zod: a
 * delivery of an unexpected shape yields no events rather than events with holes.
 *
 * What GitHub reports, and what it becomes:
 * - push → 'push' (full ref, before/after, null for "did not exist"); a new tag also 'tag.created'.
 * - pull_request opened/reopened → 'pull_request.opened'; synchronize/edited → '.updated';
 *   closed → '.merged' or '.closed'. Other actions (labeled, assigned, …) → nothing.
 * - create of a tag (Events API) → 'tag.created'. The `create` webhook yields nothing: GitHub sends
 *   it beside the push delivery of the same tag (with the same three-tags-per-push limit), and
 *   only the push delivery names the commit.
 */
import { z } from 'zod';
import type { ForgeEvent } from '../types.js';

type Draft<T extends ForgeEvent['type']> = Omit<Extract<ForgeEvent, { type: T }>, 'id' | 'repo' | 'at'>;
type PullType = Extract<ForgeEvent, { number: number }>['type'];

const Account = z.object({ login: z.string() });

const PullRequestPayload = z.object({
  action: z.string(),
  pull_request: z.object({
    number: z.number(),
    head: z.object({ ref: z.string() }),
    base: z.object({ ref: z.string() }),
    merged: z.boolean().nullish(),
    merged_at: z.string().nullish(),
    updated_at: z.string().optional(),
  }),
});

const PushWebhook = z.object({
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  // For a tag, the commit it points at (`after` is the tag object when the tag is annotated).
  head_commit: z.object({ id: z.string(), timestamp: z.string().optional() }).nullish(),
  pusher: z.object({ name: z.string() }).optional(),
  sender: Account.optional(),
  // Seconds since the epoch in push deliveries, an ISO date elsewhere.
  repository: z.object({ full_name: z.string(), pushed_at: z.union([z.number(), z.string()]).nullish() }),
});

const PullRequestWebhook = PullRequestPayload.extend({ sender: Account.optional(), repository: z.object({ full_name: z.string() }) });

/** Missing objects are all zeros (40 for SHA-1, 64 for SHA-256 repositories). */
function oid(value: string | null | undefined): string | null {
  return !value || /^0+$/.test(value) ? null : value;
}

function pushDrafts(ref: string, before: string | null, after: string | null, pusher: string, tagCommit?: string): Array<Draft<'push'> | Draft<'tag.created'>> {
  const drafts: Array<Draft<'push'> | Draft<'tag.created'>> = [{ type: 'push', ref, before, after, pusher }];
  if (ref.startsWith('refs/tags/') && before === null && after !== null) {
    drafts.push({ type: 'tag.created', tag: ref.slice('refs/tags/'.length), commit: tagCommit ?? after, actor: pusher });
  }
  return drafts;
}

function pullType(action: string, merged: boolean): PullType | undefined {
  if (action === 'opened' || action === 'reopened') return 'pull_request.opened';
  if (action === 'synchronize' || action === 'edited') return 'pull_request.updated';
  if (action === 'closed') return merged ? 'pull_request.merged' : 'pull_request.closed';
  return undefined;
}

type PullRequestFacts = z.infer<typeof PullRequestPayload>;

function parsePullRequest(payload: unknown): PullRequestFacts | undefined {
  const parsed = PullRequestPayload.safeParse(payload);
  return parsed.success ? parsed.data : undefined;
}

/** undefined when the payload does not say (the Events API trims pull requests). */
function mergedFlag(pr: PullRequestFacts['pull_request']): boolean | undefined {
  if (typeof pr.merged === 'boolean') return pr.merged;
  if (pr.merged_at !== undefined) return pr.merged_at !== null;
  return undefined;
}

/**
 * Translates one webhook delivery (`X-GitHub-Event` name and its JSON body). `delivery` is the
 * `X-GitHub-Delivery` id: webhook events carry it as their id, which identifies but, unlike the
 * Events API's ids, does not order them. Without it the id is derived from the payload.
 */
export function eventsFromWebhook(name: string, payload: unknown, delivery?: string): ForgeEvent[] {
  if (name === 'push') {
    const parsed = PushWebhook.safeParse(payload);
    if (!parsed.success) return [];
    const p = parsed.data;
    const repo = p.repository.full_name;
    const pushedAt = p.repository.pushed_at;
    const at = p.head_commit?.timestamp ?? (typeof pushedAt === 'number' ? new Date(pushedAt * 1000).toISOString() : (pushedAt ?? ''));
    const id = delivery ?? `push:${repo}:${p.ref}:${p.after}`;
    const pusher = p.sender?.login ?? p.pusher?.name ?? '';
    return pushDrafts(p.ref, oid(p.before), oid(p.after), pusher, p.head_commit?.id).map((draft) => ({ ...draft, id, repo, at }));
  }
  if (name === 'pull_request') {
    const parsed = PullRequestWebhook.safeParse(payload);
    if (!parsed.success) return [];
    const { action, pull_request: pr, sender, repository } = parsed.data;
    const type = pullType(action, mergedFlag(pr) ?? false);
    if (!type) return [];
    const id = delivery ?? `pull_request:${repository.full_name}#${pr.number}:${action}:${pr.updated_at ?? ''}`;
    return [{ type, number: pr.number, head: pr.head.ref, base: pr.base.ref, actor: sender?.login ?? '', id, repo: repository.full_name, at: pr.updated_at ?? '' }];
  }
  return [];
}

/** One item of the Events API (`GET /orgs/{org}/events`). */
export const Activity = z.object({
  id: z.string(),
  type: z.string().nullable(),
  actor: Account,
  repo: z.object({ name: z.string() }),
  payload: z.record(z.string(), z.unknown()),
  created_at: z.string().nullable(),
});
export type Activity = z.infer<typeof Activity>;

const PushActivity = z.object({ ref: z.string(), head: z.string().nullish(), before: z.string().nullish() });
const CreateActivity = z.object({ ref: z.string().nullable(), ref_type: z.string() });

/** What translating Events API items needs to ask GitHub: the payloads leave these out. */
export interface ActivityLookups {
  /** The commit a tag points at (annotated tags peeled); undefined if the tag is gone. */
  tagCommit(repo: string, tag: string): Promise<string | undefined>;
  merged(repo: string, number: number): Promise<boolean>;
}

export async function eventsFromActivity(item: Activity, lookups: ActivityLookups): Promise<ForgeEvent[]> {
  const base = { id: item.id, repo: item.repo.name, at: item.created_at ?? '' };
  const actor = item.actor.login;
  if (item.type === 'PushEvent') {
    const parsed = PushActivity.safeParse(item.payload);
    if (!parsed.success) return [];
    const { ref, head, before } = parsed.data;
    const after = oid(head);
    const tag = ref.startsWith('refs/tags/') && oid(before) === null && after !== null ? await lookups.tagCommit(base.repo, ref.slice('refs/tags/'.length)) : undefined;
    return pushDrafts(ref, oid(before), after, actor, tag).map((draft) => ({ ...draft, ...base }));
  }
  if (item.type === 'PullRequestEvent') {
    const parsed = parsePullRequest(item.payload);
    if (!parsed) return [];
    const { action, pull_request: pr } = parsed;
    const merged = action === 'closed' ? (mergedFlag(pr) ?? (await lookups.merged(base.repo, pr.number))) : false;
    const type = pullType(action, merged);
    return type ? [{ type, number: pr.number, head: pr.head.ref, base: pr.base.ref, actor, ...base }] : [];
  }
  if (item.type === 'CreateEvent') {
    const parsed = CreateActivity.safeParse(item.payload);
    if (!parsed.success || parsed.data.ref_type !== 'tag' || !parsed.data.ref) return [];
    const tag = parsed.data.ref;
    const commit = await lookups.tagCommit(base.repo, tag);
    return commit ? [{ type: 'tag.created', tag, commit, actor, ...base }] : [];
  }
  return [];
}
