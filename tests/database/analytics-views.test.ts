import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore, type TestStoreDriver } from '../support/test-store.js';
import type { SqlClient, SqlExecutor } from '../../src/store/sql-client.js';

interface DemoSession {
  id: string;
  channel: string;
  language?: string;
  flow?: string;
  flowVersion?: number;
  status: string;
  currentStep?: string | null;
  createdAt: string;
  completedAt?: string | null;
}

async function insertSession(sql: SqlExecutor, s: DemoSession): Promise<void> {
  await sql.query(
    `insert into instant_onboarding_sessions (id, session_key, channel, language, flow_id, flow_version, status, current_step, created_at, completed_at)
     values ($1::text::uuid, 'hash-' || $1::text, $2::onboarding_channel, $3, $4, $5, $6::session_status, $7, $8, $9)`,
    [s.id, s.channel, s.language ?? 'en', s.flow ?? 'instant-birth-chart', s.flowVersion ?? 1, s.status, s.currentStep ?? null, s.createdAt, s.completedAt ?? null],
  );
}

/** Events in the order given (their ids follow it, as the service's writes do). */
async function insertEvents(sql: SqlExecutor, sessionId: string, events: Array<[kind: string, step: string, at: string]>): Promise<void> {
  for (const [kind, step, at] of events) {
    await sql.query(`insert into onboarding_events (session_id, kind, step, occurred_at) values ($1, $2, $3, $4)`, [sessionId, kind, step, at]);
  }
}

const id = (n: number): string => `f0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** The analytics views compute the right numbers, on both embedded PGlite and a Postgres server. */
describe.each<TestStoreDriver>(['embedded', 'postgres'])('analytics views (%s)', (driver) => {
  let opened: TestStore;
  let sql: SqlClient;

  beforeAll(async () => {
    opened = await openTestStore(driver);
    sql = opened.client;
  });
  afterAll(() => opened.close());

  it('counts sessions per UTC day and channel, with completion rate and median time to complete', async () => {
    await insertSession(sql, { id: id(1), channel: 'web', status: 'completed', createdAt: '2030-01-01T10:00:00Z', completedAt: '2030-01-01T10:01:00Z' });
    await insertSession(sql, { id: id(2), channel: 'web', status: 'completed', createdAt: '2030-01-01T11:00:00Z', completedAt: '2030-01-01T11:03:00Z' });
    await insertSession(sql, { id: id(3), channel: 'web', status: 'collecting_data', createdAt: '2030-01-01T23:59:59Z' });
    await insertSession(sql, { id: id(4), channel: 'whatsapp', status: 'failed', createdAt: '2030-01-01T12:00:00Z' });
    await insertSession(sql, { id: id(5), channel: 'web', status: 'started', createdAt: '2030-01-02T00:00:01Z' });
    const rows = await sql.query(
      `select date::text, channel::text, sessions_started::int, sessions_completed::int, sessions_failed::int,
              completion_rate::text, median_seconds_to_complete::text
       from instant_onboarding_session_stats where date between '2030-01-01' and '2030-01-02' order by date, channel`,
    );
    expect(rows).toEqual([
      { date: '2030-01-01', channel: 'web', sessions_started: 3, sessions_completed: 2, sessions_failed: 0, completion_rate: '0.6667', median_seconds_to_complete: '120.0' },
      { date: '2030-01-01', channel: 'whatsapp', sessions_started: 1, sessions_completed: 0, sessions_failed: 1, completion_rate: '0.0000', median_seconds_to_complete: null },
      { date: '2030-01-02', channel: 'web', sessions_started: 1, sessions_completed: 0, sessions_failed: 0, completion_rate: '0.0000', median_seconds_to_complete: null },
    ]);
  });

  it('counts charts per day of generation with view, share and conversion rates', async () => {
    await sql.query(
      `insert into instant_onboarding_profiles (session_id, profile_data, viewed_chart, shared_chart, converted_to_full_user, created_at)
       values ($1, '{}', true, true, true, '2030-01-01T10:01:00Z'), ($2, '{}', true, false, false, '2030-01-01T11:03:00Z'),
              ($3, '{}', false, false, false, '2030-01-01T23:59:59Z')`,
      [id(1), id(2), id(3)],
    );
    const rows = await sql.query(
      `select date::text, charts_generated::int, charts_viewed::int, charts_shared::int, conversions::int,
              view_rate::text, share_rate::text, conversion_rate::text
       from instant_onboarding_conversion_metrics where date = '2030-01-01'`,
    );
    expect(rows).toEqual([
      { date: '2030-01-01', charts_generated: 3, charts_viewed: 2, charts_shared: 1, conversions: 1, view_rate: '0.6667', share_rate: '0.3333', conversion_rate: '0.3333' },
    ]);
  });

  it('measures drop-off, time and re-prompts per step, by flow, version, channel and language', async () => {
    const flow = { flow: 'vitest-flow', flowVersion: 2, language: 'es' };
    await insertSession(sql, { id: id(10), channel: 'web', status: 'completed', createdAt: '2030-02-01T10:00:00Z', completedAt: '2030-02-01T10:01:05Z', ...flow });
    await insertEvents(sql, id(10), [
      ['step_prompted', 'name', '2030-02-01T10:00:00Z'],
      ['answer_accepted', 'name', '2030-02-01T10:00:08Z'],
      ['step_prompted', 'birth_date', '2030-02-01T10:00:08Z'],
      ['answer_rejected', 'birth_date', '2030-02-01T10:00:20Z'],
      ['step_prompted', 'birth_date', '2030-02-01T10:00:20Z'],
      ['answer_accepted', 'birth_date', '2030-02-01T10:00:30Z'],
      ['step_prompted', 'birth_time', '2030-02-01T10:00:30Z'],
      // "back": birth_date is asked again, a second round of it
      ['step_prompted', 'birth_date', '2030-02-01T10:00:40Z'],
      ['answer_accepted', 'birth_date', '2030-02-01T10:00:52Z'],
      ['step_prompted', 'birth_time', '2030-02-01T10:00:52Z'],
      ['answer_accepted', 'birth_time', '2030-02-01T10:01:00Z'],
    ]);
    await insertSession(sql, { id: id(11), channel: 'sms', status: 'collecting_data', currentStep: 'birth_date', createdAt: '2030-02-01T11:00:00Z', ...flow });
    await insertEvents(sql, id(11), [
      ['step_prompted', 'name', '2030-02-01T11:00:00Z'],
      ['answer_accepted', 'name', '2030-02-01T11:00:05Z'],
      ['step_prompted', 'birth_date', '2030-02-01T11:00:05Z'],
    ]);
    const dims = `flow_version, channel::text, language, step`;
    const where = `where flow_id = 'vitest-flow' order by channel, step`; // channel as text: sms before web
    expect(await sql.query(`select ${dims}, sessions_reached::int, sessions_left::int, drop_off_rate::text from onboarding_step_dropoff ${where}`)).toEqual([
      { flow_version: 2, channel: 'sms', language: 'es', step: 'birth_date', sessions_reached: 1, sessions_left: 1, drop_off_rate: '1.0000' },
      { flow_version: 2, channel: 'sms', language: 'es', step: 'name', sessions_reached: 1, sessions_left: 0, drop_off_rate: '0.0000' },
      { flow_version: 2, channel: 'web', language: 'es', step: 'birth_date', sessions_reached: 1, sessions_left: 0, drop_off_rate: '0.0000' },
      { flow_version: 2, channel: 'web', language: 'es', step: 'birth_time', sessions_reached: 1, sessions_left: 0, drop_off_rate: '0.0000' },
      { flow_version: 2, channel: 'web', language: 'es', step: 'name', sessions_reached: 1, sessions_left: 0, drop_off_rate: '0.0000' },
    ]);
    // birth_date: round one 22 s (from its first prompt, across the rejection), round two 12 s.
    // birth_time: asked, left for "back", asked again: one round of 30 s with one re-prompt.
    expect(await sql.query(`select ${dims}, timed_answers::int, median_seconds::text, p90_seconds::text from onboarding_step_timing ${where}`)).toEqual([
      { flow_version: 2, channel: 'sms', language: 'es', step: 'birth_date', timed_answers: 0, median_seconds: null, p90_seconds: null },
      { flow_version: 2, channel: 'sms', language: 'es', step: 'name', timed_answers: 1, median_seconds: '5.0', p90_seconds: '5.0' },
      { flow_version: 2, channel: 'web', language: 'es', step: 'birth_date', timed_answers: 2, median_seconds: '17.0', p90_seconds: '21.0' },
      { flow_version: 2, channel: 'web', language: 'es', step: 'birth_time', timed_answers: 1, median_seconds: '30.0', p90_seconds: '30.0' },
      { flow_version: 2, channel: 'web', language: 'es', step: 'name', timed_answers: 1, median_seconds: '8.0', p90_seconds: '8.0' },
    ]);
    expect(
      await sql.query(`select step, sessions_prompted::int, re_prompts::int, re_prompts_per_session::text, rejected_answers::int
                       from onboarding_step_reprompts where flow_id = 'vitest-flow' and channel = 'web' order by step`),
    ).toEqual([
      { step: 'birth_date', sessions_prompted: 1, re_prompts: 1, re_prompts_per_session: '1.00', rejected_answers: 1 },
      { step: 'birth_time', sessions_prompted: 1, re_prompts: 1, re_prompts_per_session: '1.00', rejected_answers: 0 },
      { step: 'name', sessions_prompted: 1, re_prompts: 0, re_prompts_per_session: '0.00', rejected_answers: 0 },
    ]);
  });

  it('loads the demo seed, spread over channels, languages, statuses and days, and the views add up to the tables', async () => {
    await sql.exec(readFileSync('supabase/seed.sql', 'utf8'));
    const [spread] = await sql.query<Record<string, number>>(
      `select count(*)::int as sessions, count(distinct channel)::int as channels, count(distinct language)::int as languages,
              count(distinct status)::int as statuses, count(distinct created_at::date)::int as days
       from instant_onboarding_sessions where session_key not like 'hash-%' and flow_id = 'instant-birth-chart'`, // the seed's, not this file's
    );
    expect(spread).toEqual({ sessions: 400, channels: 4, languages: 2, statuses: 4, days: expect.any(Number) as number });
    expect(spread?.days).toBeGreaterThanOrEqual(27); // 28 days back from today; between 00:00 and 02:00 today may still be empty
    const [totals] = await sql.query<Record<string, boolean>>(
      `select (select sum(sessions_started) from instant_onboarding_session_stats) = (select count(*) from instant_onboarding_sessions) as sessions,
              (select sum(charts_generated) from instant_onboarding_conversion_metrics) = (select count(*) from instant_onboarding_profiles) as charts,
              (select sum(sessions_reached) from onboarding_step_dropoff where flow_id = 'instant-birth-chart' and step = 'name') = 400 as everyone_was_asked_a_name,
              (select sum(re_prompts) from onboarding_step_reprompts where flow_id = 'instant-birth-chart') > 0 as some_re_prompts,
              (select bool_and(median_seconds > 0) from onboarding_step_timing where flow_id = 'instant-birth-chart') as timings`,
    );
    expect(totals).toEqual({ sessions: true, charts: true, everyone_was_asked_a_name: true, some_re_prompts: true, timings: true });

    // Signed-in users: 60% completed, 20% in progress, 10% not started, 10% skipped, and a funnel that narrows.
    const statuses = await sql.query<{ status: string; users: number }>(
      `select status, count(*)::int as users from user_onboarding where flow_id = 'user-profile' group by status order by status`,
    );
    const share = Object.fromEntries(statuses.map((row) => [row.status, row.users / 200]));
    expect(Object.keys(share).sort()).toEqual(['completed', 'in_progress', 'not_started', 'skipped']);
    expect(share.completed).toBeCloseTo(0.6, 1);
    expect(share.in_progress).toBeCloseTo(0.2, 1);
    expect(share.not_started).toBeCloseTo(0.1, 1);
    expect(share.skipped).toBeCloseTo(0.1, 1);
    const funnel = await sql.query<{ step: string; reached: number; median: number }>(
      `select d.step, sum(d.sessions_reached)::int as reached, max(t.median_seconds)::float as median
       from onboarding_step_dropoff d join onboarding_step_timing t using (flow_id, flow_version, channel, language, step)
       where d.flow_id = 'user-profile' group by d.step order by sum(d.sessions_reached) desc, d.step`,
    );
    expect(funnel.find((row) => row.step === 'full_name')?.reached).toBe(180); // everyone but the 10% who never started
    expect(funnel.map((row) => row.step)).toContain('profile_visibility');
    for (const [a, b] of funnel.slice(1).map((row, index) => [funnel[index], row] as const)) expect(b.reached).toBeLessThanOrEqual(a!.reached);
    for (const row of funnel) expect(row.median).toBeGreaterThan(0);
    const [rows] = await sql.query<Record<string, boolean>>(
      `select (select count(*) from user_profiles p join user_onboarding o using (user_id) where o.flow_id = 'user-profile') =
              (select count(*) from user_onboarding where profile_completed) as profiles_follow_steps,
              (select count(distinct channel) from instant_onboarding_sessions where flow_id = 'user-profile') = 4 as channels`,
    );
    expect(rows).toEqual({ profiles_follow_steps: true, channels: true });
  });

  it('lets the analyst read the views and no table', async () => {
    const asAnalyst = <T>(text: string): Promise<T[]> =>
      sql.transaction(async (tx) => {
        await tx.query('set local role analyst');
        return tx.query<T>(text);
      });
    const [row] = await asAnalyst<{ n: number }>('select count(*)::int as n from instant_onboarding_session_stats');
    expect(row?.n).toBeGreaterThan(0);
    await expect(asAnalyst('select channel from instant_onboarding_sessions')).rejects.toThrow(/permission denied/);
    await expect(asAnalyst('select kind from onboarding_events')).rejects.toThrow(/permission denied/);
  });
});
