/**
 * The local forge's event stream. Events are rows written in the same transaction as the change
 * they describe, so a change is never without its event or the other way round. Subscribers read
 * the table from a cursor: woken at once by changes made in this process, and by a short poll for
 * changes other processes (the CLI beside a running server) made.
 */
import { EventEmitter } from 'node:events';
import type { Store, StoreTx } from '../../store/index.js';
import { now } from '../../store/index.js';
import type { EventSubscription, ForgeEvent } from '../types.js';

type Payload = ForgeEvent extends infer E ? (E extends ForgeEvent ? Omit<E, 'id' | 'repo' | 'at'> : never) : never;

const POLL_MS = 250;
const BATCH = 500;

/** Wakes subscribers of this process after a commit that wrote events. */
const written = new EventEmitter();
written.setMaxListeners(0);

export async function recordEvent(tx: StoreTx, owner: string, repo: string, event: Payload): Promise<void> {
  const { type, ...rest } = event;
  await tx.insertInto('events').values({ owner, repo, type, payload: JSON.stringify(rest), at: now() }).execute();
}

/** Wakes this process's subscribers; called once the transaction that recorded events has committed. */
export function notifyEvents(owner: string): void {
  written.emit('event', owner);
}

export async function latestEventId(store: Store, owner: string): Promise<number> {
  const row = await store.db.selectFrom('events').select((eb) => eb.fn.max('id').as('max')).where('owner', '=', owner).executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** The events after `since`, oldest first, at most `limit`. */
export async function readEvents(store: Store, owner: string, since: number, limit = BATCH): Promise<ForgeEvent[]> {
  const rows = await store.db.selectFrom('events').selectAll().where('owner', '=', owner).where('id', '>', since).orderBy('id').limit(limit).execute();
  return rows.map((row) => ({ ...(JSON.parse(row.payload) as object), type: row.type, id: String(row.id), repo: row.repo, at: row.at }) as ForgeEvent);
}

export async function* subscribe(store: Store, owner: string, options: EventSubscription = {}): AsyncGenerator<ForgeEvent> {
  let cursor = options.since !== undefined ? Number(options.since) : await latestEventId(store, owner);
  if (!Number.isInteger(cursor) || cursor < 0) cursor = 0;
  const { signal } = options;
  while (!signal?.aborted) {
    const events = await readEvents(store, owner, cursor);
    for (const event of events) {
      cursor = Number(event.id);
      yield event;
      if (signal?.aborted) return;
    }
    if (events.length === BATCH) continue;
    await wake(owner, signal);
  }
}

function wake(owner: string, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      written.off('event', onEvent);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const onEvent = (changed: string) => {
      if (changed === owner) done();
    };
    const timer = setTimeout(done, POLL_MS);
    written.on('event', onEvent);
    signal?.addEventListener('abort', done, { once: true });
  });
}
