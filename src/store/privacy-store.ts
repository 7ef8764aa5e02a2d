import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import type { SqlClient } from './sql-client.js';
import { callRpc } from './supabase-client.js';

/** Whose data: one session, a signed-in user (all their sessions and the product's rows), or a phone number. */
export type PrivacySubject = { sessionId: string } | { userId: string } | { phone: string };

/** Everything stored about a subject, table by table (public.onboarding_privacy_export); rows as the database has them. */
export interface PrivacyExport {
  subject: Record<string, string>;
  exported_at: string;
  sessions: Array<Record<string, unknown>>;
  profiles: Array<Record<string, unknown>>;
  events: Array<Record<string, unknown>>;
  inbox: Array<Record<string, unknown>>;
  outbox: Array<Record<string, unknown>>;
  nudges: Array<Record<string, unknown>>;
  opt_outs: Array<Record<string, unknown>>;
  user_onboarding: Array<Record<string, unknown>>;
  user_profiles: Array<Record<string, unknown>>;
  user_skills: Array<Record<string, unknown>>;
  user_interests: Array<Record<string, unknown>>;
  user_experience: Array<Record<string, unknown>>;
  user_preferences: Array<Record<string, unknown>>;
}

/** What an erase removed: the sessions and the number of rows per table. */
export interface PrivacyErasure {
  sessionIds: string[];
  erased: Record<string, number>;
}

/** Erasing and exporting one person's data, each in one SQL function call (one transaction). */
export interface PrivacyStore {
  exportData(subject: PrivacySubject): Promise<PrivacyExport>;
  erase(subject: PrivacySubject): Promise<PrivacyErasure>;
}

const rows = z.array(z.record(z.string(), z.unknown()));
const exported = z.object({
  subject: z.record(z.string(), z.string()),
  exported_at: z.string(),
  sessions: rows,
  profiles: rows,
  events: rows,
  inbox: rows,
  outbox: rows,
  nudges: rows,
  opt_outs: rows,
  user_onboarding: rows,
  user_profiles: rows,
  user_skills: rows,
  user_interests: rows,
  user_experience: rows,
  user_preferences: rows,
});
const erasure = z.object({ session_ids: z.array(z.string()), erased: z.record(z.string(), z.number().int()) });

/** The subject as the SQL functions read it. */
export function subjectJson(subject: PrivacySubject): Record<string, string> {
  if ('sessionId' in subject) return { session_id: subject.sessionId };
  if ('userId' in subject) return { user_id: subject.userId };
  return { phone: subject.phone };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id names nobody: the answer is empty, not a database error. */
function names(subject: PrivacySubject): boolean {
  if ('sessionId' in subject) return UUID.test(subject.sessionId);
  if ('userId' in subject) return UUID.test(subject.userId);
  return subject.phone.length > 0;
}

const NOBODY = { sessionIds: [], erased: {} } satisfies PrivacyErasure;

function parseErasure(raw: unknown): PrivacyErasure {
  const e = erasure.parse(raw);
  return { sessionIds: e.session_ids, erased: e.erased };
}

function emptyExport(subject: PrivacySubject): PrivacyExport {
  return {
    subject: subjectJson(subject),
    exported_at: new Date().toISOString(),
    sessions: [], profiles: [], events: [], inbox: [], outbox: [], nudges: [], opt_outs: [],
    user_onboarding: [], user_profiles: [], user_skills: [], user_interests: [], user_experience: [], user_preferences: [],
  };
}

export function createSqlPrivacyStore(client: SqlClient): PrivacyStore {
  return {
    async exportData(subject) {
      if (!names(subject)) return emptyExport(subject);
      const [row] = await client.query<{ data: unknown }>('select public.onboarding_privacy_export($1::jsonb) as data', [subjectJson(subject)]);
      // postgres.js hands timestamps inside jsonb over as strings already; PGlite too.
      return exported.parse(row?.data) as PrivacyExport;
    },
    async erase(subject) {
      if (!names(subject)) return NOBODY;
      const [row] = await client.query<{ data: unknown }>('select public.onboarding_privacy_erase($1::jsonb) as data', [subjectJson(subject)]);
      return parseErasure(row?.data);
    },
  };
}

export function createSupabasePrivacyStore(client: SupabaseClient): PrivacyStore {
  return {
    async exportData(subject) {
      if (!names(subject)) return emptyExport(subject);
      return exported.parse(await callRpc(client, 'onboarding_privacy_export', { p_subject: subjectJson(subject) })) as PrivacyExport;
    },
    async erase(subject) {
      if (!names(subject)) return NOBODY;
      return parseErasure(await callRpc(client, 'onboarding_privacy_erase', { p_subject: subjectJson(subject) }));
    },
  };
}
