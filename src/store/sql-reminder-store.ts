import { candidateCursor, nudgeArgument, parseCandidates, parseNudgeOutcome, parseResumable, type ReminderStore } from './reminder-store.js';
import type { SqlExecutor } from './sql-client.js';

/**
 * The reminder store over a SQL connection: each method is one call of the function the supabase driver calls.
 * jsonb arguments go as objects: the drivers serialise them (a string would arrive as a JSON string).
 */
export function createSqlReminderStore(sql: SqlExecutor): ReminderStore {
  const one = async <T>(text: string, params: unknown[]): Promise<T | undefined> => (await sql.query<{ v: T }>(text, params))[0]?.v;
  return {
    async nudgeCandidates(now, plans, limit, after) {
      const rows = await one<unknown>('select public.onboarding_nudge_candidates($1::timestamptz, $2::jsonb, $3, $4::jsonb) as v', [
        now.toISOString(),
        plans,
        limit,
        candidateCursor(after),
      ]);
      return parseCandidates(rows ?? []);
    },
    async recordNudge(nudge) {
      return parseNudgeOutcome(await one('select public.onboarding_record_nudge($1::jsonb) as v', [nudgeArgument(nudge)]));
    },
    async markAbandoned(before) {
      return Number(await one('select public.onboarding_mark_abandoned($1::timestamptz) as v', [before.toISOString()]));
    },
    async findByResumeCode(code) {
      return parseResumable(await one('select public.onboarding_find_by_resume_code($1) as v', [code]));
    },
    async moveSession(sessionId, channel, phoneNumber, botNumber) {
      return (await one<boolean>('select public.onboarding_move_session($1::uuid, $2, $3, $4) as v', [sessionId, channel, phoneNumber, botNumber])) === true;
    },
    async rotateSessionKey(sessionId, keyHash) {
      return (await one<boolean>('select public.onboarding_rotate_session_key($1::uuid, $2) as v', [sessionId, keyHash])) === true;
    },
  };
}
