import type { SessionCleanup } from './cleanup-scheduler.js';
import type { SqlExecutor } from './sql-client.js';

/** The cleanup over a SQL connection (embedded PGlite, postgres.js); `close` when the connection is its own. */
export function createSqlCleanup(sql: SqlExecutor, close?: () => Promise<void>): SessionCleanup {
  return {
    ...(close ? { close } : {}),
    async removeExpired(maxAgeDays, completedDays = 0) {
      const [row] = await sql.query<{ removed: number }>(
        completedDays > 0
          ? 'select public.cleanup_expired_onboarding_sessions(make_interval(days => $1::int), make_interval(days => $2::int)) as removed'
          : 'select public.cleanup_expired_onboarding_sessions(make_interval(days => $1::int)) as removed',
        completedDays > 0 ? [maxAgeDays, completedDays] : [maxAgeDays],
      );
      return row?.removed ?? 0;
    },
    async databaseSchedule() {
      const [row] = await sql.query<{ schedule: string | null }>('select public.onboarding_cleanup_schedule() as schedule');
      return row?.schedule ?? null;
    },
  };
}
