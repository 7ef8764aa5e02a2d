import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import type { SessionCleanup } from './cleanup-scheduler.js';
import { callRpc } from './supabase-client.js';

/** The cleanup through supabase-js rpc(). */
export function createSupabaseCleanup(client: SupabaseClient): SessionCleanup {
  return {
    async removeExpired(maxAgeDays) {
      // PostgREST passes the argument as text; Postgres reads '7 days' as an interval.
      return z.number().int().parse(await callRpc(client, 'cleanup_expired_onboarding_sessions', { max_age: `${maxAgeDays} days` }));
    },
    async databaseSchedule() {
      return z.string().nullable().parse(await callRpc(client, 'onboarding_cleanup_schedule', {}));
    },
  };
}
