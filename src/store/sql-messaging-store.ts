import { parseClaimed, settleArgs, type MessagingStore } from './messaging-store.js';
import type { SqlExecutor } from './sql-client.js';

/** The messaging store over a SQL connection: each method is one call of the same function the supabase driver calls. */
export function createSqlMessagingStore(sql: SqlExecutor): MessagingStore {
  return {
    async setOptOut(phoneNumber, channel, optedOut, keyword) {
      await sql.query('select public.onboarding_set_opt_out($1, $2, $3, $4) as opted_out', [phoneNumber, channel, optedOut, keyword]);
    },

    async isOptedOut(phoneNumber, channel) {
      const [row] = await sql.query<{ opted_out: boolean }>('select public.onboarding_is_opted_out($1, $2) as opted_out', [phoneNumber, channel]);
      return row?.opted_out === true;
    },

    async claimOutbox(now, limit, leaseSeconds) {
      const [row] = await sql.query<{ claimed: unknown }>('select public.onboarding_outbox_claim($1::timestamptz, $2, $3) as claimed', [
        now.toISOString(),
        limit,
        leaseSeconds,
      ]);
      return parseClaimed(row?.claimed ?? []);
    },

    async settleOutbox(id, attempt, settlement) {
      const a = settleArgs(settlement);
      const [row] = await sql.query<{ settled: boolean }>(
        'select public.onboarding_outbox_settle($1, $2, $3, $4, $5, $6::timestamptz) as settled',
        [id, attempt, a.status, a.providerSid, a.error, a.nextAttemptAt],
      );
      return row?.settled === true;
    },

    async recordDeliveryStatus(providerSid, status, errorCode) {
      const [row] = await sql.query<{ changed: boolean }>('select public.onboarding_outbox_record_status($1, $2, $3) as changed', [
        providerSid,
        status,
        errorCode,
      ]);
      return row?.changed === true;
    },
  };
}
