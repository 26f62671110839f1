/**
 * The platform store: pull requests, comments, labels, releases, events, users and tokens —
 * everything the platform keeps that is not in git. SQLite (one file, no server) is the embedded
 * default; the tables are written through Kysely so a PostgreSQL store can share the code.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, Migrator, SqliteDialect, sql, type Transaction } from 'kysely';
import { ExternalServiceError } from '../errors.js';
import { MIGRATIONS } from './migrations.js';
import type { Database } from './schema.js';

export type StoreDb = Kysely<Database>;
export type StoreTx = Transaction<Database>;

export interface Store {
  readonly db: StoreDb;
  /** Where the data lives, for messages (a file path, or a server). */
  readonly location: string;
  /**
   * Runs `work` in a write transaction. Writers queue rather than fail while another process
   * writes (the CLI and a running server share one workspace).
   */
  write<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** How long a writer waits for another process's transaction before giving up. */
const BUSY_TIMEOUT_MS = 10_000;

class SqliteStore implements Store {
  constructor(
    readonly db: StoreDb,
    readonly location: string,
  ) {}

  write<T>(work: (tx: StoreTx) => Promise<T>): Promise<T> {
    // BEGIN IMMEDIATE takes the write lock up front: a deferred transaction that reads first can
    // fail with SQLITE_BUSY on its first write instead of waiting for the other writer.
    return this.db.connection().execute(async (conn) => {
      await sql`BEGIN IMMEDIATE`.execute(conn);
      try {
        const result = await work(conn as unknown as StoreTx);
        await sql`COMMIT`.execute(conn);
        return result;
      } catch (error) {
        await sql`ROLLBACK`.execute(conn).catch(() => undefined);
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/** Opens (creating if needed) the SQLite store at `file` and brings its schema up to date. */
export async function openSqliteStore(file: string): Promise<Store> {
  mkdirSync(path.dirname(file), { recursive: true });
  let database: BetterSqlite3.Database;
  try {
    database = new BetterSqlite3(file, { timeout: BUSY_TIMEOUT_MS });
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    // WAL with NORMAL is durable across application crashes; only a power loss can drop the last commits.
    database.pragma('synchronous = NORMAL');
  } catch (error) {
    throw new ExternalServiceError(`cannot open the platform store ${file}: ${(error as Error).message}; check the file's permissions, or move it away if it is damaged`, { file }, { cause: error });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }), plugins: [new CamelCasePlugin()] });
  await migrate(db, file);
  return new SqliteStore(db, file);
}

async function migrate(db: StoreDb, location: string): Promise<void> {
  const known = await sql<{ name: string }>`SELECT name FROM paved_migrations`.execute(db).then((r) => r.rows.map((row) => row.name), () => [] as string[]);
  const newer = known.find((name) => !(name in MIGRATIONS));
  if (newer) {
    await db.destroy();
    throw new ExternalServiceError(`the platform store ${location} was written by a newer Paved (it has migration ${newer}); upgrade Paved to use it`, { location, migration: newer });
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
    migrationTableName: 'paved_migrations',
    migrationLockTableName: 'paved_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    await db.destroy();
    throw new ExternalServiceError(
      `cannot bring the platform store ${location} up to date${failed ? ` (migration ${failed} failed)` : ''}: ${error instanceof Error ? error.message : String(error)}; restore a backup of it, or report the error`,
      { location, migration: failed },
      { cause: error },
    );
  }
}

export function now(): string {
  return new Date().toISOString();
}
