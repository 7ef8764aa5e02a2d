import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore, type TestStoreDriver } from '../support/test-store.js';
import type { SessionCleanup } from '../../src/store/cleanup-scheduler.js';
import type { SqlClient } from '../../src/store/sql-client.js';

/** cleanup_expired_onboarding_sessions through the SQL drivers' SessionCleanup, on a database of its own. */
describe.each<TestStoreDriver>(['embedded', 'postgres'])('session cleanup (%s)', (driver) => {
  let opened: TestStore;
  let sql: SqlClient;
  let cleanup: SessionCleanup;

  beforeAll(async () => {
    opened = await openTestStore(driver);
    ({ client: sql, cleanup } = opened);
  });
  afterAll(() => opened.close());

  it('removes incomplete anonymous sessions older than the age, with their rows, and returns the count', async () => {
    const rows: Array<[name: string, status: string, userId: string | null, idleDays: number]> = [
      ['old-collecting', 'collecting_data', null, 8],
      ['old-started', 'started', null, 30],
      ['old-failed', 'failed', null, 8],
      ['old-completed', 'completed', null, 30],
      ['old-users', 'collecting_data', '55555555-5555-4555-8555-555555555555', 30],
      ['old-generating', 'generating_chart', null, 30],
      ['old-paused', 'paused', null, 9],
      ['old-skipped', 'skipped', null, 9],
      ['recent-collecting', 'collecting_data', null, 6],
      ['recent-paused', 'paused', null, 2],
    ];
    for (const [name, status, userId, idleDays] of rows) {
      await sql.query(
        `insert into instant_onboarding_sessions (session_key, channel, status, user_id, created_at, updated_at)
         values ($1, 'web', $2::session_status, $3::uuid, now() - make_interval(days => $4::int + 1), now() - make_interval(days => $4::int))`,
        [name, status, userId, idleDays],
      );
    }
    await sql.query(`insert into onboarding_events (session_id, kind) select id, 'session_started' from instant_onboarding_sessions`);

    expect(await cleanup.removeExpired(7)).toBe(5);
    const left = await sql.query<{ session_key: string }>('select session_key from instant_onboarding_sessions order by session_key');
    expect(left.map((r) => r.session_key)).toEqual(['old-completed', 'old-generating', 'old-users', 'recent-collecting', 'recent-paused']);
    const [events] = await sql.query<{ n: number }>('select count(*)::int as n from onboarding_events');
    expect(events?.n).toBe(5);

    expect(await cleanup.removeExpired(7)).toBe(0);
    expect(await cleanup.removeExpired(5)).toBe(1);
  });

  it('removes the message text of old events, completed sessions\' included, and keeps the events and answers', async () => {
    const [session] = await sql.query<{ id: string }>(
      `insert into instant_onboarding_sessions (session_key, channel, status, collected_data)
       values ('kept-completed', 'web', 'completed', '{"name":"Ana"}') returning id`,
    );
    await sql.query(
      `insert into onboarding_events (session_id, kind, step, occurred_at, payload) values
         ($1, 'inbound', null, now() - interval '40 days', '{"text":"I am Ana","message_id":"m1"}'),
         ($1, 'outbound', null, now() - interval '40 days', '{"text":"Hello Ana"}'),
         ($1, 'answer_accepted', 'name', now() - interval '40 days', '{"skipped":false}'),
         ($1, 'inbound', null, now() - interval '1 day', '{"text":"recent"}')`,
      [session!.id],
    );
    await cleanup.removeExpired(30);
    const events = await sql.query<{ kind: string; payload: Record<string, unknown> }>(
      'select kind, payload from onboarding_events where session_id = $1 order by id',
      [session!.id],
    );
    expect(events).toEqual([
      { kind: 'inbound', payload: { message_id: 'm1', text_removed: true } },
      { kind: 'outbound', payload: { text_removed: true } },
      { kind: 'answer_accepted', payload: { skipped: false } },
      { kind: 'inbound', payload: { text: 'recent' } },
    ]);
    const [kept] = await sql.query<{ collected_data: unknown }>('select collected_data from instant_onboarding_sessions where id = $1', [session!.id]);
    expect(kept?.collected_data).toEqual({ name: 'Ana' });
  });

  it('keeps a practitioner\'s onboarding session, however long it waits', async () => {
    await sql.query(`select public.practitioner_sign_in('+14155550888', now())`);
    const [session] = await sql.query<{ id: string }>(
      `insert into instant_onboarding_sessions (session_key, channel, status, phone_number, flow_id, created_at, updated_at)
       values ('practitioner-idle', 'whatsapp', 'collecting_data', '+14155550888', 'practitioner-onboarding', now() - interval '40 days', now() - interval '30 days')
       returning id`,
    );
    await sql.query(`select public.onboarding_apply_writes($1, '[{"kind":"practitioner_onboarding","flow_id":"practitioner-onboarding","status":"in_progress",
      "current_step":2,"total_steps":5,"completed_steps":["basic_info","visual_profile"],"started_at":null,"completed_at":null}]'::jsonb)`, [session?.id]);
    await cleanup.removeExpired(7);
    expect(await sql.query(`select 1 from instant_onboarding_sessions where session_key = 'practitioner-idle'`)).toHaveLength(1);
  });

  it('refuses an age under an hour, which would remove conversations in progress', async () => {
    await expect(sql.query(`select cleanup_expired_onboarding_sessions(interval '10 minutes')`)).rejects.toThrow(/at least 1 hour/);
  });

  it('says pg_cron does not run it here, so the service does', async () => {
    expect(await cleanup.databaseSchedule()).toBeNull();
  });
});

describe('session cleanup on a server', () => {
  it('runs on a connection of its own, so turns pipelined on the pool never wait behind its delete', async () => {
    const opened = await openTestStore('postgres', 1);
    try {
      const cleanupConnections = async () => {
        const [row] = await opened.client.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'onboarding-bot-cleanup'`,
        );
        return row?.n;
      };
      expect(await cleanupConnections()).toBe(0); // opened on first use
      await opened.cleanup.removeExpired(7);
      expect(await cleanupConnections()).toBe(1);
      await opened.cleanup.close?.();
      // The backend leaves pg_stat_activity a moment after the client closed its socket.
      for (let tries = 0; tries < 50 && (await cleanupConnections()) !== 0; tries++) await new Promise((r) => setTimeout(r, 50));
      expect(await cleanupConnections()).toBe(0);
    } finally {
      await opened.close();
    }
  });
});

/** COMPLETED_SESSION_RETENTION_DAYS: completed anonymous sessions go too, through every driver's cleanup. */
describe.each<TestStoreDriver>(['embedded', 'postgres', 'supabase'])('completed-session retention (%s)', (driver) => {
  let opened: TestStore;
  beforeAll(async () => {
    opened = await openTestStore(driver);
  });
  afterAll(() => opened.close());

  it('removes completed anonymous sessions finished longer ago than the retention, with their rows, and keeps the rest', async () => {
    const sql = opened.client;
    const rows: Array<[name: string, status: string, userId: string | null, finishedDays: number]> = [
      ['done-long-ago', 'completed', null, 40],
      ['done-recently', 'completed', null, 10],
      ['users-done-long-ago', 'completed', '66666666-6666-4666-8666-666666666666', 40],
      ['collecting-recent', 'collecting_data', null, 1],
    ];
    for (const [name, status, userId, days] of rows) {
      await sql.query(
        `insert into instant_onboarding_sessions (session_key, channel, status, user_id, completed_at, updated_at)
         values ($1, 'web', $2::session_status, $3::uuid,
                 case when $2 = 'completed' then now() - make_interval(days => $4::int) end, now() - make_interval(days => $4::int))`,
        [name, status, userId, days],
      );
    }
    await sql.query(`insert into onboarding_events (session_id, kind) select id, 'session_started' from instant_onboarding_sessions where session_key = 'done-long-ago'`);
    const keys = async () => (await sql.query<{ session_key: string }>('select session_key from instant_onboarding_sessions order by session_key')).map((r) => r.session_key);

    // Without retention (the default), completed sessions stay whatever their age.
    expect(await opened.cleanup.removeExpired(7)).toBe(0);
    expect(await keys()).toEqual(['collecting-recent', 'done-long-ago', 'done-recently', 'users-done-long-ago']);
    expect(await opened.cleanup.removeExpired(7, 30)).toBe(1);
    expect(await keys()).toEqual(['collecting-recent', 'done-recently', 'users-done-long-ago']);
    const [events] = await sql.query<{ n: number }>(`select count(*)::int as n from onboarding_events e where not exists (select 1 from instant_onboarding_sessions s where s.id = e.session_id)`);
    expect(events?.n).toBe(0);
    expect(await opened.cleanup.removeExpired(7, 5)).toBe(1);
    expect(await keys()).toEqual(['collecting-recent', 'users-done-long-ago']);
  });

  it('deletes expired idempotency keys', async () => {
    const sql = opened.client;
    const [s] = await sql.query<{ id: string }>(`insert into instant_onboarding_sessions (session_key, channel, status) values ('keyed', 'web', 'collecting_data') returning id`);
    await sql.query(
      `insert into onboarding_idempotency_keys (key_hash, request_hash, session_id, reply, expires_at) values
         ('expired', 'r', $1, '{}', now() - interval '1 minute'), ('live', 'r', $1, '{}', now() + interval '1 hour')`,
      [s!.id],
    );
    await opened.cleanup.removeExpired(7);
    expect((await sql.query<{ key_hash: string }>('select key_hash from onboarding_idempotency_keys')).map((r) => r.key_hash)).toEqual(['live']);
  });
});
