import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import { parseClaimed, settleArgs, type MessagingStore } from './messaging-store.js';
import { callRpc } from './supabase-client.js';

/** The messaging store over supabase-js: one rpc() per call, to the functions the SQL driver calls too. */
export function createSupabaseMessagingStore(client: SupabaseClient): MessagingStore {
  const flag = async (fn: string, args: Record<string, unknown>) => z.boolean().parse(await callRpc(client, fn, args));
  return {
    async setOptOut(phoneNumber, channel, optedOut, keyword) {
      await flag('onboarding_set_opt_out', { p_phone_number: phoneNumber, p_channel: channel, p_opted_out: optedOut, p_keyword: keyword });
    },

    isOptedOut: (phoneNumber, channel) => flag('onboarding_is_opted_out', { p_phone_number: phoneNumber, p_channel: channel }),

    async claimOutbox(now, limit, leaseSeconds) {
      return parseClaimed(await callRpc(client, 'onboarding_outbox_claim', { p_now: now.toISOString(), p_limit: limit, p_lease_seconds: leaseSeconds }));
    },

    settleOutbox(id, attempt, settlement) {
      const a = settleArgs(settlement);
      return flag('onboarding_outbox_settle', {
        p_id: id,
        p_attempt: attempt,
        p_status: a.status,
        p_provider_sid: a.providerSid,
        p_error: a.error,
        p_next_attempt_at: a.nextAttemptAt,
      });
    },

    recordDeliveryStatus: (providerSid, status, errorCode) =>
      flag('onboarding_outbox_record_status', { p_provider_sid: providerSid, p_status: status, p_error_code: errorCode }),
  };
}
