import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.js';
import type { SqlClient, SqlExecutor } from './sql-client.js';

/** The embedded database: PGlite (Postgres compiled to WebAssembly) in this process, data in `dataDir` (locked to it). */
export async function openPgliteClient(dataDir: string | null): Promise<SqlClient & { pglite: PGlite }> {
  let location = 'memory';
  let release = (): void => {};
  if (dataDir) {
    location = resolve(dataDir, 'pglite');
    mkdirSync(location, { recursive: true });
    release = lockDataDir(resolve(dataDir));
  }
  let db: PGlite;
  try {
    db = dataDir ? await PGlite.create(location) : await PGlite.create();
  } catch (error) {
    release();
    throw error;
  }
  const executor = (target: Pick<PGlite, 'query' | 'exec'>): SqlExecutor => ({
    query: async <Row>(text: string, params: readonly unknown[] = []) =>
      (await target.query<Row>(text, params as unknown[])).rows,
    exec: async (script) => {
      await target.exec(script);
    },
  });
  return {
    ...executor(db),
    // The job queue (pg-boss) runs on the same embedded database through its own PGlite adapter.
    pglite: db,
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    close: async () => {
      try {
        await db.close();
      } finally {
        release();
      }
    },
    description: dataDir ? `embedded PGlite at ${location}` : 'embedded PGlite in memory',
  };
}
