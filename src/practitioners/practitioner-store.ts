import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import type { SqlExecutor } from '../store/sql-client.js';
import { callRpc } from '../store/supabase-client.js';

/** One calling-team record, normalised (E.164 phone; null: not known). */
export interface PractitionerImportRow {
  phone_number: string;
  name: string | null;
  email: string | null;
  practice_type: string | null;
  location: string | null;
  is_contacted: boolean | null;
  contact_status: string | null;
}

/** What the import did with one row. */
export type ImportOutcome = 'created' | 'updated' | 'unchanged';

const timestamp = z.union([z.string(), z.date()]).nullable().transform((value) => (value === null ? null : new Date(value)));

const practitionerJson = z.object({
  id: z.string(),
  phone_number: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  practice_type: z.string().nullable(),
  location: z.string().nullable(),
  is_contacted: z.boolean(),
  contact_status: z.string().nullable(),
  crm_onboarding_completed: z.boolean(),
  crm_first_login_date: timestamp,
  crm_onboarding_completed_date: timestamp,
});

/** A practitioner's record as the service reads it. */
export type PractitionerRecord = z.infer<typeof practitionerJson>;

const signInJson = z.object({
  practitioner: practitionerJson,
  is_new: z.boolean(),
  session_id: z.string().nullable(),
  onboarding_status: z.enum(['in_progress', 'completed']).nullable(),
});

/** A verified phone's practitioner and onboarding session. */
export interface SignedIn {
  practitioner: PractitionerRecord;
  /** Nobody knew this phone: the record was made now. */
  isNew: boolean;
  sessionId: string | null;
}

const importJson = z.array(z.object({ phone_number: z.string(), outcome: z.enum(['created', 'updated', 'unchanged']) }));
const sendJson = z.object({ sent: z.boolean(), retry_after: z.coerce.number().int() });

/** Limits and lifetime of a one-time code send. */
export interface OtpSend {
  phoneNumber: string;
  /** A keyed hash of the client's address (null: not counted per address). */
  ipKey: string | null;
  /** Console mode: the code's keyed hash; null when a provider keeps the code (Twilio Verify). */
  codeHash: string | null;
  now: Date;
  ttlSeconds: number;
  windowSeconds: number;
  phoneLimit: number;
  ipLimit: number;
}

/** Persistence of the practitioner domain; every driver calls the same SQL functions (contract suite). */
export interface PractitionerStore {
  /** Upserts normalised records by phone; the outcome of each, in order. */
  importRecords(rows: readonly PractitionerImportRow[]): Promise<ImportOutcome[]>;
  /** A verified phone: its practitioner (created when unknown), first login set once, and the onboarding session. */
  signIn(phoneNumber: string, now: Date): Promise<SignedIn>;
  /** Counts a send against the limits and stores the code's hash; `retryAfter` seconds when over a limit. */
  recordOtpSend(send: OtpSend): Promise<{ sent: true } | { sent: false; retryAfter: number }>;
  /** Consumes a code: approved, invalid (a counted try) or expired (none, used, out of time or tries). */
  checkOtp(phoneNumber: string, codeHash: string, now: Date, maxAttempts: number): Promise<'approved' | 'invalid' | 'expired'>;
  /** Gives a session a new key (its hash); false when there is no such session. */
  rekeySession(sessionId: string, keyHash: string): Promise<boolean>;
}

/** One SQL function call by named arguments: `[name, SQL type, value]`. */
type Rpc = (fn: string, args: ReadonlyArray<readonly [string, string, unknown]>) => Promise<unknown>;

function storeOver(rpc: Rpc): PractitionerStore {
  return {
    async importRecords(rows) {
      if (rows.length === 0) return [];
      return importJson.parse(await rpc('practitioner_import', [['p_rows', 'jsonb', rows]])).map((r) => r.outcome);
    },
    async signIn(phoneNumber, now) {
      const row = signInJson.parse(await rpc('practitioner_sign_in', [['p_phone_number', 'text', phoneNumber], ['p_now', 'timestamptz', now.toISOString()]]));
      return { practitioner: row.practitioner, isNew: row.is_new, sessionId: row.session_id };
    },
    async recordOtpSend(send) {
      const result = sendJson.parse(
        await rpc('practitioner_otp_send', [
          ['p_phone_number', 'text', send.phoneNumber],
          ['p_ip_key', 'text', send.ipKey],
          ['p_code_hash', 'text', send.codeHash],
          ['p_now', 'timestamptz', send.now.toISOString()],
          ['p_ttl_seconds', 'integer', send.ttlSeconds],
          ['p_window_seconds', 'integer', send.windowSeconds],
          ['p_phone_limit', 'integer', send.phoneLimit],
          ['p_ip_limit', 'integer', send.ipLimit],
        ]),
      );
      return result.sent ? { sent: true } : { sent: false, retryAfter: result.retry_after };
    },
    async checkOtp(phoneNumber, codeHash, now, maxAttempts) {
      return z.enum(['approved', 'invalid', 'expired']).parse(
        await rpc('practitioner_otp_check', [
          ['p_phone_number', 'text', phoneNumber],
          ['p_code_hash', 'text', codeHash],
          ['p_now', 'timestamptz', now.toISOString()],
          ['p_max_attempts', 'integer', maxAttempts],
        ]),
      );
    },
    async rekeySession(sessionId, keyHash) {
      return z.boolean().parse(await rpc('practitioner_session_rekey', [['p_session_id', 'uuid', sessionId], ['p_key_hash', 'text', keyHash]]));
    },
  };
}

const FUNCTION = /^[a-z_]+$/;

/** The practitioner store over a SQL connection (embedded or postgres.js). */
export function createSqlPractitionerStore(sql: SqlExecutor): PractitionerStore {
  return storeOver(async (fn, args) => {
    if (!FUNCTION.test(fn)) throw new Error(`not a function name: ${fn}`);
    const list = args.map(([name, type], i) => `${name} => $${i + 1}::${type}`).join(', ');
    const [row] = await sql.query<{ result: unknown }>(`select public.${fn}(${list}) as result`, args.map(([, , value]) => value));
    return row?.result ?? null;
  });
}

/** The practitioner store over supabase-js: one rpc() per call, to the same functions. */
export function createSupabasePractitionerStore(client: SupabaseClient): PractitionerStore {
  return storeOver((fn, args) => callRpc(client, fn, Object.fromEntries(args.map(([name, , value]) => [name, value]))));
}
