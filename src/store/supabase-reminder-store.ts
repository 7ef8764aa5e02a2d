import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import { candidateCursor, nudgeArgument, parseCandidates, parseNudgeOutcome, parseResumable, type ReminderStore } from './reminder-store.js';
import { callRpc } from './supabase-client.js';

/** The reminder store over supabase-js: one rpc() per call, to the functions the SQL driver calls too. */
export function createSupabaseReminderStore(client: SupabaseClient): ReminderStore {
  const flag = async (fn: string, args: Record<string, unknown>) => z.boolean().parse(await callRpc(client, fn, args));
  return {
    async nudgeCandidates(now, plans, limit, after) {
      return parseCandidates(
        await callRpc(client, 'onboarding_nudge_candidates', { p_now: now.toISOString(), p_plans: plans, p_limit: limit, p_after: candidateCursor(after) }),
      );
    },
    async recordNudge(nudge) {
      return parseNudgeOutcome(await callRpc(client, 'onboarding_record_nudge', { p: nudgeArgument(nudge) }));
    },
    async markAbandoned(before) {
      return z.number().int().parse(await callRpc(client, 'onboarding_mark_abandoned', { p_before: before.toISOString() }));
    },
    async findByResumeCode(code) {
      return parseResumable(await callRpc(client, 'onboarding_find_by_resume_code', { p_code: code }));
    },
    moveSession: (sessionId, channel, phoneNumber, botNumber) =>
      flag('onboarding_move_session', { p_session_id: sessionId, p_channel: channel, p_phone_number: phoneNumber, p_bot_number: botNumber }),
    rotateSessionKey: (sessionId, keyHash) => flag('onboarding_rotate_session_key', { p_session_id: sessionId, p_key_hash: keyHash }),
  };
}
