import postgres from 'postgres';
import type { SqlClient, SqlExecutor } from './sql-client.js';

/**
 * A Postgres server through postgres.js, with a pool and prepared statements. Connections open on first use; when
 * every connection is busy, postgres.js pipelines further queries on them (see DATABASE_POOL_SIZE in the README).
 */
export function openPostgresClient(url: string, poolSize: number, applicationName = 'onboarding-bot'): SqlClient {
  const sql = postgres(url, {
    max: poolSize,
    prepare: true,
    onnotice: () => {},
    connection: { application_name: applicationName },
    // No array-type lookup on each new connection: postgres.js runs it without awaiting it, so a connection that
    // resets during it (a database restart) leaves an unhandled rejection that can end the process. The service
    // reads no array columns (rows come back as scalars or jsonb), so it needs none of those parsers.
    fetch_types: false,
  });
  const executor = (target: postgres.Sql | postgres.TransactionSql): SqlExecutor => ({
    query: async <Row>(text: string, params: readonly unknown[] = []) =>
      (await target.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare: true })) as unknown as Row[],
    exec: async (script) => {
      await target.unsafe(script);
    },
  });
  const parsed = new URL(url);
  return {
    ...executor(sql),
    transaction: (fn) => sql.begin((tx) => fn(executor(tx))) as Promise<never>,
    close: () => sql.end({ timeout: 5 }),
    description: `Postgres at ${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`,
  };
}
