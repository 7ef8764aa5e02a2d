import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlExecutor } from './sql-client.js';

/** The embedded database: PGlite (Postgres compiled to WebAssembly) in this process, data in `dataDir`. */
export async function openPgliteClient(dataDir: string | null): Promise<SqlClient> {
  let location = 'memory';
  if (dataDir) {
    location = resolve(dataDir, 'pglite');
    mkdirSync(location, { recursive: true });
  }
  const db = dataDir ? await PGlite.create(location) : await PGlite.create();
  const executor = (target: Pick<PGlite, 'query' | 'exec'>): SqlExecutor => ({
    query: async <Row>(text: string, params: readonly unknown[] = []) =>
      (await target.query<Row>(text, params as unknown[])).rows,
    exec: async (script) => {
      await target.exec(script);
    },
  });
  return {
    ...executor(db),
    transaction: (fn) => db.transaction((tx) => fn(executor(tx))),
    close: () => db.close(),
    description: dataDir ? `embedded PGlite at ${location}` : 'embedded PGlite in memory',
  };
}
