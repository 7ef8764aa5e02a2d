import type { SessionCleanup } from './cleanup-scheduler.js';
import type { SqlExecutor } from './sql-client.js';

/** The cleanup over a SQL connection (embedded PGlite, postgres.js); `close` when the connection is its own. */
export function createSqlCleanup(sql: SqlExecutor, close?: () => Promise<void>): SessionCleanup {
  return {
    ...(close ? { close } : {}),
    async removeExpired(maxAgeDays) {
      const [row] = await sql.query<{ removed: number }>(
        'select public.cleanup_expired_onboarding_sessions(make_interval(days => $1::int)) as removed',
        [maxAgeDays],
      );
      return row?.removed ?? 0;
    },
    async databaseSchedule() {
      const [row] = await sql.query<{ schedule: string | null }>('select public.onboarding_cleanup_schedule() as schedule');
      return row?.schedule ?? null;
    },
  };
}
