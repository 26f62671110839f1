/**
 * The catalog over the platform store. Entities arrive a source at a time (a repository, or the
 * platform config) and a source is always replaced whole, in one transaction: what a source no
 * longer declares disappears with the same commit that adds what it now declares, and a reader
 * never sees half of a refresh.
 */
import { ConflictError, InputError } from '../errors.js';
import { now, type Store, type StoreTx } from '../store/index.js';
import type { Enrichment } from './enrichment.js';
import { listEntities, type ListPage, type ListQuery } from './query.js';
import { normalizeEntityRef } from './ref.js';
import { entityRef, entityRelations, type RelationType } from './relations.js';
import { fromRow, toRow, type CatalogItem } from './rows.js';
import type { Entity } from './schema.js';

export interface EntityRelation {
  type: RelationType;
  targetRef: string;
}

export interface CatalogEntry extends CatalogItem {
  relations: EntityRelation[];
}

/** A source whose last refresh failed: its entities are those of the last refresh that worked. */
export interface SourceError {
  source: string;
  /** The file at fault, or the source itself when no file was. */
  location: string;
  message: string;
  at: string;
}

export interface ReplaceResult {
  source: string;
  entities: number;
  relations: number;
}

/** Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound parameters. */
const BATCH = 200;

export class Catalog {
  constructor(private readonly store: Store) {}

  /**
   * Makes `entities` the whole of what `source` declares. Refuses (InputError) a ref twice in
   * the input, and (ConflictError) a ref another source already declares: the first to claim a
   * name keeps it, as in Backstage. `enrichment` is keyed by canonical entity ref.
   */
  async replaceSource(source: string, entities: readonly Entity[], enrichment: Readonly<Record<string, Enrichment>> = {}): Promise<ReplaceResult> {
    const at = now();
    const rows = entities.map((entity) => toRow(entity, source, enrichment[entityRef(entity)], at));
    const seen = new Set<string>();
    for (const row of rows) {
      if (seen.has(row.ref)) throw new InputError(`${source} declares ${row.ref} twice; entity names must be unique`, { source, ref: row.ref });
      seen.add(row.ref);
    }
    const relations = dedupe(entities.flatMap(entityRelations).map((r) => ({ sourceRef: r.source, type: r.type, targetRef: r.target, origin: source })));
    return this.store.write(async (tx) => {
      await assertUnclaimed(tx, source, [...seen]);
      // Keep updatedAt for entities that did not change, so it says when each one last did.
      const before = await tx.selectFrom('catalogEntities').select(['ref', 'entity', 'enrichment', 'updatedAt']).where('source', '=', source).execute();
      const previous = new Map(before.map((row) => [row.ref, row]));
      for (const row of rows) {
        const old = previous.get(row.ref);
        if (old && old.entity === row.entity && old.enrichment === row.enrichment) row.updatedAt = old.updatedAt;
      }
      await tx.deleteFrom('catalogEntities').where('source', '=', source).execute();
      await tx.deleteFrom('catalogRelations').where('origin', '=', source).execute();
      await tx.deleteFrom('catalogErrors').where('source', '=', source).execute();
      for (const chunk of chunks(rows)) await tx.insertInto('catalogEntities').values(chunk).execute();
      for (const chunk of chunks(relations)) await tx.insertInto('catalogRelations').values(chunk).execute();
      return { source, entities: rows.length, relations: relations.length };
    });
  }

  list(query: ListQuery = {}): Promise<ListPage> {
    return listEntities(this.store.db, query);
  }

  /** One entity with its relations; `ref` may leave out the namespace (`component:orders-api`). */
  async get(ref: string): Promise<CatalogEntry | undefined> {
    const canonical = normalizeEntityRef(ref);
    const row = await this.store.db.selectFrom('catalogEntities').selectAll().where('ref', '=', canonical).executeTakeFirst();
    return row && { ...fromRow(row), relations: await this.relations(canonical) };
  }

  /** Relations from `ref`, whichever entity declared them (both ends are stored). */
  async relations(ref: string): Promise<EntityRelation[]> {
    const rows = await this.store.db
      .selectFrom('catalogRelations')
      .select(['type', 'targetRef'])
      .distinct()
      .where('sourceRef', '=', normalizeEntityRef(ref))
      .orderBy('type')
      .orderBy('targetRef')
      .execute();
    return rows.map((r) => ({ type: r.type as RelationType, targetRef: r.targetRef }));
  }

  async countSource(source: string): Promise<number> {
    const { n } = await this.store.db.selectFrom('catalogEntities').select((eb) => eb.fn.countAll<number>().as('n')).where('source', '=', source).executeTakeFirstOrThrow();
    return Number(n);
  }

  /** Every source that has entities or errors. */
  async sources(): Promise<string[]> {
    const rows = await this.store.db
      .selectFrom('catalogEntities')
      .select('source')
      .union(this.store.db.selectFrom('catalogErrors').select('source'))
      .execute();
    return rows.map((r) => r.source).sort();
  }

  /** Replaces the errors of `source` (none: it is healthy); its entities stay as they are. */
  async recordSourceErrors(source: string, errors: readonly { location: string; message: string }[]): Promise<void> {
    const at = now();
    await this.store.write(async (tx) => {
      await tx.deleteFrom('catalogErrors').where('source', '=', source).execute();
      const rows = dedupeBy(errors, (e) => e.location).map((e) => ({ source, location: e.location, message: e.message, at }));
      for (const chunk of chunks(rows)) await tx.insertInto('catalogErrors').values(chunk).execute();
    });
  }

  async sourceErrors(source?: string): Promise<SourceError[]> {
    let query = this.store.db.selectFrom('catalogErrors').selectAll();
    if (source !== undefined) query = query.where('source', '=', source);
    return query.orderBy('source').orderBy('location').execute();
  }
}

async function assertUnclaimed(tx: StoreTx, source: string, refs: string[]): Promise<void> {
  for (const chunk of chunks(refs)) {
    const taken = await tx.selectFrom('catalogEntities').select(['ref', 'source']).where('ref', 'in', chunk).where('source', '<>', source).executeTakeFirst();
    if (taken) {
      throw new ConflictError(`${taken.ref} is already declared by ${taken.source}, so ${source} cannot declare it too; rename one of them, or remove it from ${taken.source}`, {
        reason: 'exists',
        ref: taken.ref,
        source,
        owner: taken.source,
      });
    }
  }
}

function dedupe<T extends { sourceRef: string; type: string; targetRef: string }>(relations: T[]): T[] {
  return dedupeBy(relations, (r) => `${r.sourceRef} ${r.type} ${r.targetRef}`);
}

function dedupeBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}
