import postgres from 'postgres';
import { openStore, type OpenedStore } from '../../src/store/open-store.js';
import { signJwt, startPostgrestStandIn } from './postgrest-stand-in.js';
import { createTestDatabase } from './test-database.js';

/** Where a test's store lives: PGlite in memory, a fresh database on the run's Postgres, or that database over the PostgREST stand-in. */
export type TestStoreDriver = 'embedded' | 'postgres' | 'supabase';

/** A migrated store for one test file; `client` always reaches the database directly (for checks). */
export interface TestStore extends OpenedStore {
  close(): Promise<void>;
}

/**
 * Opens a store on a migrated database. For `supabase` the schema comes from the postgres driver's migration
 * run (as `supabase db push` would apply it) and the store then reaches the database only over HTTP, as
 * service_role, through the stand-in. close() closes everything and drops the database.
 */
export async function openTestStore(driver: TestStoreDriver, poolSize = 3): Promise<TestStore> {
  if (driver === 'embedded') {
    const opened = await openStore({ kind: 'embedded', dataDir: null }, 'supabase');
    return { ...opened, close: () => opened.store.close() };
  }
  const database = await createTestDatabase();
  const direct = await openStore({ kind: 'postgres', url: database.url, poolSize }, 'supabase');
  if (driver === 'postgres') {
    return {
      ...direct,
      close: async () => {
        await direct.cleanup.close?.();
        await direct.store.close();
        await database.drop();
      },
    };
  }
  const standIn = await startPostgrestStandIn(database.url);
  const remote = await openStore({ kind: 'supabase', url: standIn.url, serviceRoleKey: signJwt({ role: 'service_role' }) }, 'supabase');
  return {
    ...remote,
    client: direct.client,
    close: async () => {
      await remote.store.close();
      await standIn.close();
      await direct.cleanup.close?.();
      await direct.store.close();
      await database.drop();
    },
  };
}

/** A migrated postgres-driver store on a fresh database, with a postgres.js connection to it (the benchmark's SQL helpers take one). */
export interface StoreWithSql {
  opened: OpenedStore;
  sql: postgres.Sql;
  close(): Promise<void>;
}

export async function openStoreWithSql(): Promise<StoreWithSql> {
  const database = await createTestDatabase();
  const opened = await openStore({ kind: 'postgres', url: database.url, poolSize: 2 }, 'supabase');
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  return {
    opened,
    sql,
    close: async () => {
      await sql.end();
      await opened.cleanup.close?.();
      await opened.store.close();
      await database.drop();
    },
  };
}
