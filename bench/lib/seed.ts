import { createHash } from 'node:crypto';
import type postgres from 'postgres';
import type { Channel } from '../../src/store/session-store.js';
import type { SessionTemplates } from './session-templates.js';

/**
 * Benchmark sessions are numbered; session n has id md5('s' || n)::uuid and key 'key-' || n (stored as its
 * SHA-256, as the service stores keys), so SQL, pgbench and the load generator all derive them from n.
 * Sessions of a messaging channel also get the phone number '+346' followed by n in 8 digits and the bot's
 * number (as in turn-paths.ts). A signed-in user's session belongs to user md5('u' || n)::uuid; a practitioner's
 * to practitioner md5('p' || n)::uuid with the phone '+44771' followed by n in 7 digits (a UK mobile, so an
 * SMS from it is answered in English), so numbers stop below 10,000,000 (SessionNumbers, session-pool.ts, hands
 * them out, each once per run).
 */
export function sessionId(n: number): string {
  return uuidOf(`s${n}`);
}

export function userId(n: number): string {
  return uuidOf(`u${n}`);
}

export function practitionerPhone(n: number): string {
  return `+44771${String(n).padStart(7, '0')}`;
}

/** md5(text)::uuid, as SQL writes it. */
function uuidOf(text: string): string {
  const hex = createHash('md5').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function sessionKey(n: number): string {
  return `key-${n}`;
}

// One statement inserts a numbered range; the four step rows come in as one JSON parameter.
const INSERT_RANGE = `
  insert into public.instant_onboarding_sessions (
    id, session_key, channel, language, flow_id, flow_version, flow_hash,
    status, current_step, collected_data, snapshot, version, last_inbound_at, phone_number, bot_number)
  select md5('s' || g)::uuid, encode(sha256(convert_to('key-' || g, 'UTF8')), 'hex'), $9::public.onboarding_channel, 'en', $3, $4, $5,
         t.status::public.session_status, t.current_step, t.collected_data, t.snapshot, t.version, now(),
         case when $10 then '+346' || lpad(g::text, 8, '0') end, case when $10 then $11 end
  from generate_series($1::int, $2::int) as g
  join jsonb_to_recordset($6::text::jsonb) as t(k int, status text, current_step text, collected_data jsonb, snapshot jsonb, version int)
    on t.k = case when $7 then 0 else g % $8 end`;

export interface SeedTarget {
  channel: Channel;
  botNumber: string;
}

/** first..last in ranges of at most `size` (a million rows in one statement would hold one huge transaction). */
export function chunks(first: number, last: number, size = 100_000): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let from = first; from <= last; from += size) ranges.push([from, Math.min(last, from + size - 1)]);
  return ranges;
}

/** Inserts sessions first..last; spread over every step, or all at the first step (refill). */
export async function insertSessions(
  sql: postgres.Sql,
  templates: SessionTemplates,
  target: SeedTarget,
  first: number,
  last: number,
  refill: boolean,
): Promise<void> {
  // Sent as text: postgres.js would otherwise take the JS array for a Postgres array.
  const rows = JSON.stringify(templates.steps.map((s, k) => ({ k, ...s })));
  const messaging = target.channel === 'sms' || target.channel === 'whatsapp';
  await sql.unsafe(INSERT_RANGE, [
    first, last, templates.flowId, templates.flowVersion, templates.flowHash, rows, refill, templates.steps.length,
    target.channel, messaging, target.botNumber,
  ]);
}

/**
 * Empties the onboarding tables and stores sessions first..last spread over every step, in chunks, then vacuums
 * them so every phase starts alike.
 */
export async function reseed(sql: postgres.Sql, templates: SessionTemplates, target: SeedTarget, first: number, last: number): Promise<void> {
  // cascade: every table that hangs off a session (events, inbox, profiles, and whatever later issues add).
  await sql.unsafe('truncate public.instant_onboarding_sessions cascade');
  for (const [from, to] of chunks(first, last)) await insertSessions(sql, templates, target, from, to, false);
  // Only the table that holds rows: analyzing the emptied events / inbox / profiles tables would tell the planner
  // they stay empty, and every prepared query would scan them whole as they fill (no live system looks like that;
  // left unanalyzed, as after the truncate, the planner assumes they have some pages and uses their indexes).
  await sql.unsafe('vacuum analyze public.instant_onboarding_sessions');
  await sql.unsafe('checkpoint');
}
