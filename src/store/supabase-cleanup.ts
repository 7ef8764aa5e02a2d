import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import type { SessionCleanup } from './cleanup-scheduler.js';
import { callRpc } from './supabase-client.js';

/** The cleanup through supabase-js rpc(). */
export function createSupabaseCleanup(client: SupabaseClient): SessionCleanup {
  return {
    async removeExpired(maxAgeDays, completedDays = 0) {
      // PostgREST passes the argument as text; Postgres reads '7 days' as an interval.
      const args = { max_age: `${maxAgeDays} days`, ...(completedDays > 0 ? { completed_max_age: `${completedDays} days` } : {}) };
      return z.number().int().parse(await callRpc(client, 'cleanup_expired_onboarding_sessions', args));
    },
    async databaseSchedule() {
      return z.string().nullable().parse(await callRpc(client, 'onboarding_cleanup_schedule', {}));
    },
  };
}
