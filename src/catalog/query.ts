/**
 * Listing the catalog: filters that are indexed equalities, a substring search, and keyset paging
 * in ref order. The cursor carries the last ref seen, so a page never repeats or skips an entity
 * when others are added or removed between requests (an offset would).
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import { InputError } from '../errors.js';
import type { Database, StoreDb } from '../store/index.js';
import { normalizeEntityRef } from './ref.js';
import { fromRow, type CatalogItem } from './rows.js';
import { ENTITY_KINDS, type EntityKind } from './schema.js';

export interface ListQuery {
  /** Any case: `component`, `Component`. */
  kind?: string;
  /** An entity ref; a bare name is a group (`payments` → `group:default/payments`). */
  owner?: string;
  /** An entity ref; a bare name is a system. */
  system?: string;
  lifecycle?: string;
  type?: string;
  /** The template's name (`node-service`). */
  template?: string;
  /** Case-insensitive substring of the name, title, description or a tag. */
  q?: string;
  /** 1 to 500; default 50. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface ListPage {
  items: CatalogItem[];
  /** Absent on the last page. */
  nextCursor?: string;
  /** How many entities match, over all pages. */
  total: number;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

type EntityQuery = SelectQueryBuilder<Database, 'catalogEntities', object>;

export async function listEntities(db: StoreDb, query: ListQuery): Promise<ListPage> {
  const limit = query.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new InputError(`limit must be a whole number from 1 to ${MAX_LIMIT}, got ${limit}`, { limit });
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const filtered = applyFilters(db.selectFrom('catalogEntities'), query);
  const { total } = await filtered.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await (after === undefined ? filtered : filtered.where('ref', '>', after)).selectAll().orderBy('ref').limit(limit + 1).execute();
  const items = rows.slice(0, limit).map(fromRow);
  const last = items[items.length - 1];
  return { items, total: Number(total), ...(rows.length > limit && last ? { nextCursor: encodeCursor(last.ref) } : {}) };
}

function applyFilters(base: EntityQuery, query: ListQuery): EntityQuery {
  let q = base;
  if (query.kind !== undefined) q = q.where('kind', '=', canonicalKind(query.kind));
  if (query.owner !== undefined) q = q.where('owner', '=', normalizeEntityRef(query.owner, { defaultKind: 'Group' }));
  if (query.system !== undefined) q = q.where('system', '=', normalizeEntityRef(query.system, { defaultKind: 'System' }));
  if (query.lifecycle !== undefined) q = q.where('lifecycle', '=', query.lifecycle);
  if (query.type !== undefined) q = q.where('type', '=', query.type);
  if (query.template !== undefined) q = q.where('template', '=', query.template);
  if (query.q !== undefined && query.q.trim() !== '') {
    // Lower-cased on both sides and LIKE escaped by hand: the same result on SQLite and PostgreSQL.
    const pattern = `%${query.q.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`${sql.ref('search')} LIKE ${pattern} ESCAPE '\\'`);
  }
  return q;
}

function canonicalKind(kind: string): EntityKind {
  const found = ENTITY_KINDS.find((k) => k.toLowerCase() === kind.toLowerCase());
  if (!found) throw new InputError(`unknown kind '${kind}'; expected one of: ${ENTITY_KINDS.join(', ')}`, { kind });
  return found;
}

function encodeCursor(ref: string): string {
  return Buffer.from(JSON.stringify({ after: ref })).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const { after } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof after === 'string') return after;
  } catch {
    // Falls through to the error below.
  }
  throw new InputError(`'${cursor}' is not a catalog cursor; pass the nextCursor of the previous page, or none for the first page`, { cursor });
}
