import type postgres from 'postgres';

/** What autovacuum is doing on the server now (any database): its workers' current commands. */
async function autovacuumWork(sql: postgres.Sql): Promise<string[]> {
  const rows = await sql<Array<{ query: string }>>`
    select coalesce(query, '') as query from pg_stat_activity where backend_type = 'autovacuum worker'`;
  return rows.map((row) => row.query);
}

/**
 * Waits (at most `limitSeconds`) until no autovacuum worker runs anywhere on the server, so a phase's database CPU
 * (every process of the server) is its own turns' and not the clean-up of what came before it: a million rows seeded
 * into the scale run's other database, or pgbench's commits, were vacuumed during the next phase and made its
 * database cost 3 to 5 times the usual (issue 21). Autovacuum that the phase's own writes start still counts.
 * Returns the seconds waited and what was running when the wait began.
 */
export async function waitForQuietDatabase(sql: postgres.Sql, limitSeconds = 120): Promise<{ waitedSeconds: number; work: string[] }> {
  const started = Date.now();
  const work = await autovacuumWork(sql);
  let quietPolls = work.length === 0 ? 1 : 0;
  while (quietPolls < 2 && Date.now() - started < limitSeconds * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    quietPolls = (await autovacuumWork(sql)).length === 0 ? quietPolls + 1 : 0;
  }
  return { waitedSeconds: (Date.now() - started) / 1000, work };
}
