import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/fixtures.js';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStore } from './store.js';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'store-writer.child.ts');

function runWriter(file: string, writer: string, count: number): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, file, writer, String(count)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    proc.on('close', (code) => resolve({ code: code ?? 1, stderr }));
  });
}

describe('the SQLite platform store', () => {
  it('creates its schema once, in WAL mode with foreign keys enforced, and reopens without changes', async () => {
    const file = path.join(tempDir(), 'data/paved.db');
    const store = await openSqliteStore(file);
    const applied = await sql<{ name: string }>`SELECT name FROM paved_migrations ORDER BY name`.execute(store.db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
    expect((await sql<{ journalMode: string }>`PRAGMA journal_mode`.execute(store.db)).rows[0]?.journalMode).toBe('wal');
    await expect(store.write((tx) => tx.insertInto('tokens').values({ id: 'x', login: 'nobody', hash: 'h', description: '', createdAt: 'now' }).execute())).rejects.toThrow(/FOREIGN KEY/);
    await store.close();
    const again = await openSqliteStore(file);
    expect((await sql<{ n: number }>`SELECT count(*) AS n FROM paved_migrations`.execute(again.db)).rows[0]?.n).toBe(Object.keys(MIGRATIONS).length);
    await again.close();
  });

  it('rolls a failed write back whole', async () => {
    const store = await openSqliteStore(path.join(tempDir(), 'paved.db'));
    await expect(
      store.write(async (tx) => {
        await tx.insertInto('owners').values({ login: 'acme', kind: 'organization', createdAt: 'now' }).execute();
        throw new Error('stop half way');
      }),
    ).rejects.toThrow('stop half way');
    expect(await store.db.selectFrom('owners').selectAll().execute()).toEqual([]);
    await store.close();
  });

  it('lets several processes write at once without losing or refusing a write', async () => {
    const file = path.join(tempDir(), 'paved.db');
    (await openSqliteStore(file)).close();
    const writers = ['cli', 'server', 'fleet'];
    const results = await Promise.all(writers.map((w) => runWriter(file, w, 40)));
    expect(results.map((r) => r.stderr)).toEqual(['', '', '']);
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    const store = await openSqliteStore(file);
    const rows = await store.db.selectFrom('events').select(['repo', 'payload']).execute();
    expect(rows).toHaveLength(120);
    // Each transaction saw every earlier one: the counts read are exactly 0..119, once each.
    expect(rows.map((r) => (JSON.parse(r.payload) as { seen: number }).seen).sort((a, b) => a - b)).toEqual(Array.from({ length: 120 }, (_, i) => i));
    await store.close();
  });

  it('refuses a store written by a newer Paved, naming what to do', async () => {
    const file = path.join(tempDir(), 'paved.db');
    (await openSqliteStore(file)).close();
    const raw = new BetterSqlite3(file);
    raw.prepare("INSERT INTO paved_migrations (name, timestamp) VALUES ('9999_future', '2030-01-01')").run();
    raw.close();
    await expect(openSqliteStore(file)).rejects.toThrow(`the platform store ${file} was written by a newer Paved (it has migration 9999_future); upgrade Paved to use it`);
  });

  it('says which file it could not open and what to do', async () => {
    const dir = tempDir();
    await expect(openSqliteStore(dir)).rejects.toThrow(`cannot open the platform store ${dir}`);
  });
});
