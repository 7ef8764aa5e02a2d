import type postgres from 'postgres';

/**
 * BENCH_STATEMENTS=1: the server starts with pg_stat_statements and each phase prints the statements that
 * took the database's time (calls, mean and total ms, rows), to see where a turn's database time goes.
 */
export const statementStatsEnabled = process.env.BENCH_STATEMENTS === '1';

export const statementStatsSettings = statementStatsEnabled
  ? ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all']
  : [];

export async function resetStatementStats(sql: postgres.Sql): Promise<void> {
  if (!statementStatsEnabled) return;
  await sql.unsafe('create extension if not exists pg_stat_statements');
  await sql.unsafe('select pg_stat_statements_reset()');
}

export async function printStatementStats(sql: postgres.Sql, turns: number, limit = 12): Promise<void> {
  if (!statementStatsEnabled) return;
  const rows = await sql.unsafe<Array<{ calls: string; total: number; mean: number; rows: string; query: string }>>(
    `select calls, total_exec_time as total, mean_exec_time as mean, rows, regexp_replace(query, '\\s+', ' ', 'g') as query
     from pg_stat_statements where query not ilike '%pg_stat_statements%'
     order by total_exec_time desc limit ${limit}`,
  );
  console.log(`    database statements over ${turns} turns (calls, total ms, mean ms, ms per turn):`);
  for (const r of rows) {
    const perTurn = turns > 0 ? (r.total / turns).toFixed(3) : '–';
    console.log(`      ${r.calls.padStart(7)} ${r.total.toFixed(0).padStart(7)} ${r.mean.toFixed(3).padStart(7)} ${perTurn.padStart(6)}  ${r.query.slice(0, 150)}`);
  }
}
