/** Run by store.test.ts: `node --import tsx store-writer.child.ts <db> <writer> <count>` writes `count` events, one transaction each. */
import { openSqliteStore } from './store.js';

const [file, writer, count] = process.argv.slice(2) as [string, string, string];
const store = await openSqliteStore(file);
for (let i = 0; i < Number(count); i++) {
  await store.write(async (tx) => {
    // Read then write in one transaction: the pattern that fails with SQLITE_BUSY under a deferred BEGIN.
    const row = await tx.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    await tx.insertInto('events').values({ owner: 'acme', repo: `acme/${writer}`, type: 'push', payload: JSON.stringify({ seen: Number(row.n) }), at: new Date().toISOString() }).execute();
  });
}
await store.close();
