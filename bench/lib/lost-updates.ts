import type postgres from 'postgres';

/** An acknowledged web turn as the database should hold it: its session, its inbox key and the step it answered. */
export interface StoredTurn {
  sessionId: string;
  /** The inbox's message key: `web:<session id>:<message_id>` (src/routes/instant-onboarding-routes.ts). */
  messageKey: string;
  step: string;
}

/** What the database holds of the acknowledged turns. */
export interface LostUpdateCheck {
  acknowledged: number;
  /** Turns with something missing: the inbox row, the inbound or answer_accepted event, or the answer in collected_data. */
  lost: number;
  /** Turns with an inbox row, inbound event or answer_accepted event stored more than once. */
  doubled: number;
  /** The counts behind lost and doubled, by what was missing or doubled. */
  detail: Record<string, number>;
}

// One row per acknowledged turn: what onboarding_commit_turn wrote for it (the inbox row of its sender, the
// session's inbound event carrying its message key, the answer_accepted event of its step) and whether the
// session's answers hold its step. Each acknowledged turn answered a step its session had not answered before.
const CHECK = `
  with acked as (
    select a.session_id::uuid as session_id, a.message_key, a.step
    from jsonb_to_recordset($1::text::jsonb) as a(session_id text, message_key text, step text)
  ),
  counted as (
    select
      (select count(*) from public.onboarding_inbox i
        where i.channel = 'web' and i.sender = '' and i.message_key = a.message_key) as inbox,
      (select count(*) from public.onboarding_events e
        where e.session_id = a.session_id and e.kind = 'inbound' and e.payload->>'message_id' = a.message_key) as inbound,
      (select count(*) from public.onboarding_events e
        where e.session_id = a.session_id and e.kind = 'answer_accepted' and e.step = a.step) as accepted,
      coalesce((select s.collected_data ? a.step from public.instant_onboarding_sessions s where s.id = a.session_id), false) as answered
    from acked a
  )
  select
    count(*) filter (where inbox = 0)::int as inbox_missing,
    count(*) filter (where inbound = 0)::int as inbound_event_missing,
    count(*) filter (where accepted = 0)::int as answer_event_missing,
    count(*) filter (where not answered)::int as answer_missing,
    count(*) filter (where inbox = 0 or inbound = 0 or accepted = 0 or not answered)::int as lost,
    count(*) filter (where inbox > 1)::int as inbox_doubled,
    count(*) filter (where inbound > 1)::int as inbound_event_doubled,
    count(*) filter (where accepted > 1)::int as answer_event_doubled,
    count(*) filter (where inbox > 1 or inbound > 1 or accepted > 1)::int as doubled
  from counted`;

/** Checks, in chunks, that every acknowledged turn is stored exactly once. */
export async function checkStoredTurns(sql: postgres.Sql, turns: readonly StoredTurn[]): Promise<LostUpdateCheck> {
  const totals: Record<string, number> = {};
  // The bench server runs without autovacuum (postgres-server.ts): unanalyzed, the events table is searched through
  // its kind index for every acknowledged turn (minutes); analyzed, through the session's.
  await sql.unsafe('analyze public.onboarding_events, public.onboarding_inbox, public.instant_onboarding_sessions');
  const chunk = 5_000;
  for (let first = 0; first < turns.length; first += chunk) {
    const rows = turns.slice(first, first + chunk).map((t) => ({ session_id: t.sessionId, message_key: t.messageKey, step: t.step }));
    // Sent as text: postgres.js would otherwise take the JS array for a Postgres array.
    const [counts] = await sql.unsafe<Array<Record<string, number>>>(CHECK, [JSON.stringify(rows)]);
    for (const [name, value] of Object.entries(counts ?? {})) totals[name] = (totals[name] ?? 0) + Number(value);
  }
  const { lost = 0, doubled = 0, ...detail } = totals;
  return { acknowledged: turns.length, lost, doubled, detail };
}
