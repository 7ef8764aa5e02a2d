import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore, type TestStoreDriver } from '../support/test-store.js';
import type { SessionStore, TurnWrite } from '../../src/store/session-store.js';
import { collectingSession as session, newSession } from '../support/session-writes.js';
import type { SqlClient } from '../../src/store/sql-client.js';

/** The contract every SessionStore driver must keep. */
describe.each<TestStoreDriver>(['embedded', 'postgres', 'supabase'])('session store contract (%s)', (driver) => {
  let opened: TestStore;
  let store: SessionStore;
  let sql: SqlClient;

  beforeAll(async () => {
    opened = await openTestStore(driver, 5);
    ({ store, client: sql } = opened);
  });
  afterAll(() => opened.close());

  it('creates and loads a session', async () => {
    const write = newSession();
    expect(await store.commit(write)).toEqual({ outcome: 'committed', version: 0 });
    const loaded = await store.load(write.sessionId);
    expect(loaded?.session).toMatchObject({ id: write.sessionId, keyHash: `hash-${write.sessionId}`, channel: 'web', version: 0, status: 'collecting_data' });
    expect(loaded?.session.createdAt).toBeInstanceOf(Date);
    expect(loaded?.profile).toBeNull();
  });

  it('loads with a key hash only the row that has it: a wrong key gets nothing, like an unknown id', async () => {
    const write = newSession();
    await store.commit(write);
    expect((await store.load(write.sessionId, null, { keyHash: `hash-${write.sessionId}` }))?.session.id).toBe(write.sessionId);
    expect(await store.load(write.sessionId, null, { keyHash: 'hash-of-another-key' })).toBeNull();
    expect(await store.load(randomUUID(), null, { keyHash: `hash-${write.sessionId}` })).toBeNull();
  });

  it('returns null for an unknown or malformed id', async () => {
    expect(await store.load(randomUUID())).toBeNull();
    expect(await store.load('not-a-uuid')).toBeNull();
  });

  it('writes with a version check: a stale write is a conflict and changes nothing', async () => {
    const write = newSession();
    await store.commit(write);
    const turn = (expectedVersion: number, name: string): TurnWrite => ({
      sessionId: write.sessionId,
      expectedVersion,
      session: { ...session, collectedData: { name } },
      events: [{ kind: 'answer_accepted', step: 'name' }],
    });
    expect(await store.commit(turn(0, 'Maria'))).toEqual({ outcome: 'committed', version: 1 });
    expect(await store.commit(turn(0, 'Pedro'))).toEqual({ outcome: 'conflict' });
    const loaded = await store.load(write.sessionId);
    expect(loaded?.session).toMatchObject({ version: 1, collectedData: { name: 'Maria' } });
    const events = await sql.query<{ n: number }>(`select count(*)::int as n from onboarding_events where session_id = $1`, [write.sessionId]);
    expect(events[0]?.n).toBe(2);
  });

  it('treats a second commit of one message key as a duplicate that changes nothing', async () => {
    const write = newSession();
    await store.commit(write);
    const key = `web:${write.sessionId}:m1`;
    const first = await store.commit({ sessionId: write.sessionId, expectedVersion: 0, messageKey: key, reply: { said: 'first' }, session, events: [{ kind: 'inbound' }] });
    expect(first).toEqual({ outcome: 'committed', version: 1 });
    const second = await store.commit({ sessionId: write.sessionId, expectedVersion: 1, messageKey: key, reply: { said: 'second' }, session: { ...session, currentStep: 'other' }, events: [{ kind: 'inbound' }] });
    expect(second).toEqual({ outcome: 'duplicate', reply: { said: 'first' } });
    const loaded = await store.load(write.sessionId, key);
    expect(loaded?.session).toMatchObject({ version: 1, currentStep: 'name' });
    expect(loaded?.duplicateReply).toEqual({ said: 'first' });
    expect((await store.load(write.sessionId, 'web:other'))?.duplicateReply).toBeUndefined();
  });

  it('a duplicate message that would create a session creates nothing', async () => {
    const key = `twilio:${randomUUID()}`;
    const a = newSession();
    const b = newSession();
    expect(await store.commit({ ...a, messageKey: key, reply: { n: 1 } })).toMatchObject({ outcome: 'committed' });
    expect(await store.commit({ ...b, messageKey: key, reply: { n: 2 } })).toEqual({ outcome: 'duplicate', reply: { n: 1 } });
    expect(await store.load(b.sessionId)).toBeNull();
  });

  it('scopes a message key to its sender: another number\'s (or channel\'s) equal key is another message', async () => {
    const key = `twilio:SM${randomUUID().replaceAll('-', '')}`;
    const from = (channel: 'sms' | 'whatsapp', phoneNumber: string): TurnWrite => {
      const write = newSession();
      return { ...write, create: { ...write.create!, channel, phoneNumber, botNumber: '+15550001111' } };
    };
    const person = from('sms', '+34600200001');
    expect(await store.commit({ ...person, messageKey: key, reply: { to: 'person' } })).toMatchObject({ outcome: 'committed' });
    // The same MessageSid from another number, or from the same number on WhatsApp: new messages, their own sessions.
    const other = from('sms', '+34600200002');
    expect(await store.commit({ ...other, messageKey: key, reply: { to: 'other' } })).toMatchObject({ outcome: 'committed' });
    const whatsapp = from('whatsapp', '+34600200001');
    expect(await store.commit({ ...whatsapp, messageKey: key, reply: { to: 'whatsapp' } })).toMatchObject({ outcome: 'committed' });
    // A turn of the other number's session with that key is a duplicate of its own message, never of the person's.
    const turn = { sessionId: other.sessionId, expectedVersion: 0, messageKey: key, reply: { to: 'again' }, session, events: [] };
    expect(await store.commit(turn)).toEqual({ outcome: 'duplicate', reply: { to: 'other' } });
    expect((await store.load(other.sessionId, key))?.duplicateReply).toEqual({ to: 'other' });
    // The same number and channel again: a duplicate with its own reply, creating nothing.
    const again = from('sms', '+34600200001');
    expect(await store.commit({ ...again, messageKey: key, reply: { to: 'again' } })).toEqual({ outcome: 'duplicate', reply: { to: 'person' } });
    expect(await store.load(again.sessionId)).toBeNull();
  });

  it('stores the call a voice session is on, and keeps it until a turn names another', async () => {
    const write = newSession();
    const first = `CA${'1'.repeat(32)}`;
    const second = `CA${'2'.repeat(32)}`;
    await store.commit({ ...write, create: { ...write.create!, channel: 'voice', phoneNumber: '+34600200003' }, session: { ...session, callSid: first } });
    expect((await store.load(write.sessionId))?.session).toMatchObject({ channel: 'voice', callSid: first });
    await store.commit({ sessionId: write.sessionId, expectedVersion: 0, session, events: [] });
    expect((await store.load(write.sessionId))?.session.callSid).toBe(first);
    await store.commit({ sessionId: write.sessionId, expectedVersion: 1, session: { ...session, callSid: second }, events: [] });
    expect((await store.load(write.sessionId))?.session.callSid).toBe(second);
    const web = newSession();
    await store.commit(web);
    expect((await store.load(web.sessionId))?.session.callSid).toBeNull();
  });

  it('upserts the profile, marks the chart generated and replaces a stored reply', async () => {
    const write = newSession();
    await store.commit({ ...write, messageKey: `k:${write.sessionId}`, reply: { status: 'generating_chart' } });
    const profile = { kind: 'birth-chart', data: { kind: 'birth-chart', sun: 'Pisces' } };
    const done = { ...session, status: 'completed' as const, currentStep: null };
    const replaceReply = { messageKey: `k:${write.sessionId}`, reply: { status: 'completed' } };
    expect(await store.commit({ sessionId: write.sessionId, expectedVersion: 0, session: done, events: [], profile, replaceReply })).toMatchObject({ outcome: 'committed' });
    expect(await store.commit({ sessionId: write.sessionId, expectedVersion: 1, session: done, events: [], profile })).toMatchObject({ outcome: 'committed' });
    const loaded = await store.load(write.sessionId, `k:${write.sessionId}`);
    expect(loaded?.profile).toMatchObject({ kind: 'birth-chart', data: { sun: 'Pisces' } });
    expect(loaded?.session.completedAt).toBeInstanceOf(Date);
    expect(loaded?.duplicateReply).toEqual({ status: 'completed' });
    const rows = await sql.query<{ n: number; chart: boolean }>(
      `select (select count(*)::int from instant_onboarding_profiles where session_id = $1) as n,
              (select chart_generated from instant_onboarding_sessions where id = $1) as chart`,
      [write.sessionId],
    );
    expect(rows[0]).toEqual({ n: 1, chart: true });
  });

  it('lists sessions left generating', async () => {
    const write = newSession();
    await store.commit({ ...write, session: { ...session, status: 'generating_chart', currentStep: null } });
    expect(await store.listGenerating(1000)).toContain(write.sessionId);
  });

  it('finds the open session of a phone number on a channel, and none once it is finished', async () => {
    const phone = `+3460${Math.floor(Math.random() * 1e7).toString().padStart(7, '0')}`;
    const on = (channel: 'sms' | 'whatsapp', status: 'collecting_data' | 'generating_chart' | 'completed'): TurnWrite => {
      const write = newSession();
      return {
        ...write,
        create: { ...write.create!, channel, phoneNumber: phone, botNumber: '+15550001111' },
        session: { ...session, status },
      };
    };
    expect(await store.findOpenSession(phone, 'sms')).toBeNull();
    const done = on('sms', 'completed');
    await store.commit(done);
    expect(await store.findOpenSession(phone, 'sms')).toBeNull();
    const open = on('sms', 'collecting_data');
    await store.commit(open);
    const whatsapp = on('whatsapp', 'generating_chart');
    await store.commit(whatsapp);
    expect(await store.findOpenSession(phone, 'sms')).toBe(open.sessionId);
    expect(await store.findOpenSession(phone, 'whatsapp')).toBe(whatsapp.sessionId);
    expect(await store.findOpenSession('+34600000000', 'sms')).toBeNull();
    await store.commit({ sessionId: open.sessionId, expectedVersion: 0, session: { ...session, status: 'completed', currentStep: null }, events: [] });
    expect(await store.findOpenSession(phone, 'sms')).toBeNull();
    // The latest one finished since a moment (a message after it is answered, not a new start).
    expect(await store.findFinishedSession(phone, 'sms', new Date(Date.now() - 60_000))).toBe(open.sessionId);
    expect(await store.findFinishedSession(phone, 'sms', new Date(Date.now() + 60_000))).toBeNull();
    expect(await store.findFinishedSession(phone, 'whatsapp', new Date(0))).toBeNull();
  });

  it('writes outbox messages in the turn, addressed from the session, for messaging channels only', async () => {
    const sms = newSession();
    await store.commit({ ...sms, create: { ...sms.create!, channel: 'sms', phoneNumber: '+34600111222', botNumber: '+15550002222' } });
    const web = newSession();
    await store.commit(web);
    const outbox = [{ kind: 'profile_ready', body: 'Your chart', variables: { '1': 'Maria' } }];
    expect(await store.commit({ sessionId: sms.sessionId, expectedVersion: 0, session, events: [], outbox })).toMatchObject({ outcome: 'committed' });
    expect(await store.commit({ sessionId: web.sessionId, expectedVersion: 0, session, events: [], outbox })).toMatchObject({ outcome: 'committed' });
    const rows = await sql.query<{ session_id: string; channel: string; to_address: string; from_address: string; variables: unknown; status: string }>(
      `select session_id, channel, to_address, from_address, variables, status from onboarding_outbox where session_id in ($1, $2)`,
      [sms.sessionId, web.sessionId],
    );
    expect(rows).toEqual([
      { session_id: sms.sessionId, channel: 'sms', to_address: '+34600111222', from_address: '+15550002222', variables: { '1': 'Maria' }, status: 'pending' },
    ]);
  });

  it('accepts the minimal insert the existing analytics tooling does, and keeps updated_at current', async () => {
    await sql.query(
      `insert into instant_onboarding_sessions (session_key, channel, language, collected_data, status)
       values ('seed-key-' || gen_random_uuid(), 'whatsapp', 'es', '{"name":"Ana"}', 'started')`,
    );
    const [row] = await sql.query<{ updated: boolean }>(
      `with u as (update instant_onboarding_sessions set status = 'collecting_data', updated_at = now() - interval '1 day'
                  where channel = 'whatsapp' and language = 'es' returning updated_at)
       select bool_and(updated_at > now() - interval '1 minute') as updated from u`,
    );
    expect(row?.updated).toBe(true);
  });

  it('writes a signed-in user\'s status row and product rows in the turn, and finds the status by user and flow', async () => {
    const userId = randomUUID();
    const write = newSession();
    const started = '2026-12-01T10:00:00.000Z';
    const status = (over: Record<string, unknown> = {}) => ({
      kind: 'user_onboarding' as const, user_id: userId, flow_id: 'user-profile', status: 'in_progress' as const, current_step: 1, total_steps: 5,
      completed_steps: ['profile'], onboarding_data: { full_name: 'Ana' }, started_at: started, completed_at: null, skipped_at: null, ...over,
    });
    expect(await store.findUserOnboarding(userId, 'user-profile')).toBeNull();
    const created = await store.commit({
      ...write,
      create: { ...write.create!, userId },
      writes: [status(), { kind: 'user_profile', user_id: userId, full_name: 'Ana', bio: null, avatar_path: null }],
    });
    expect(created.outcome).toBe('committed');
    expect(await store.findUserOnboarding(userId, 'user-profile')).toEqual({
      userId, flowId: 'user-profile', sessionId: write.sessionId, status: 'in_progress', currentStep: 1, totalSteps: 5,
      completedSteps: ['profile'], startedAt: new Date(started), completedAt: null, skippedAt: null,
    });
    expect(await store.findUserOnboarding(userId, 'other-flow')).toBeNull();
    const skills = { kind: 'user_skills' as const, user_id: userId, skills: ['Go', 'SQL', 'go'] };
    const turn = (version: number): TurnWrite => ({ sessionId: write.sessionId, expectedVersion: version, session, events: [], writes: [status({ current_step: 2, completed_steps: ['profile', 'skills'] }), skills] });
    expect(await store.commit(turn(0))).toMatchObject({ outcome: 'committed' });
    expect(await store.commit(turn(1))).toMatchObject({ outcome: 'committed' });
    expect(await sql.query('select name, position from public.user_skills where user_id = $1 order by position', [userId])).toEqual([
      { name: 'Go', position: 0 },
      { name: 'SQL', position: 1 },
    ]);
    expect((await store.findUserOnboarding(userId, 'user-profile'))?.completedSteps).toEqual(['profile', 'skills']);
  });

  it('refuses a second session for the same user and flow, and an unknown write, changing nothing', async () => {
    const userId = randomUUID();
    const status = { kind: 'user_onboarding' as const, user_id: userId, flow_id: 'user-profile', status: 'in_progress' as const, current_step: 0, total_steps: 5, completed_steps: [], onboarding_data: {}, started_at: new Date().toISOString(), completed_at: null, skipped_at: null };
    const first = newSession();
    await store.commit({ ...first, create: { ...first.create!, userId }, writes: [status] });
    const second = newSession();
    await expect(store.commit({ ...second, create: { ...second.create!, userId }, writes: [status] })).rejects.toThrow();
    expect(await store.load(second.sessionId)).toBeNull();
    expect((await store.findUserOnboarding(userId, 'user-profile'))?.sessionId).toBe(first.sessionId);
    const unknown = { kind: 'user_pets', user_id: userId } as unknown as typeof status;
    await expect(store.commit({ sessionId: first.sessionId, expectedVersion: 0, session, events: [], writes: [unknown] })).rejects.toThrow();
    expect((await store.load(first.sessionId))?.session.version).toBe(0);
  });

  it('reads the median seconds of each step of a flow from the analytics, and none for a flow without data', async () => {
    const flowId = `median-${randomUUID()}`;
    for (const seconds of [10, 30, 50]) {
      const write = newSession();
      await store.commit({ ...write, create: { ...write.create!, flowId } });
      await sql.query(
        `insert into onboarding_events (session_id, occurred_at, kind, step) values
           ($1, now() - interval '1 hour', 'step_prompted', 'name'),
           ($1, now() - interval '1 hour' + make_interval(secs => $2), 'answer_accepted', 'name')`,
        [write.sessionId, seconds],
      );
    }
    expect(await store.stepMedianSeconds(flowId)).toEqual({ name: 30 });
    expect(await store.stepMedianSeconds(`${flowId}-none`)).toEqual({});
  });

  it('loads a paused and a skipped session like any other', async () => {
    for (const status of ['paused', 'skipped'] as const) {
      const write = newSession();
      await store.commit({ ...write, session: { ...session, status } });
      expect((await store.load(write.sessionId))?.session.status).toBe(status);
    }
  });

  it('answers a ping while the database is there', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('applies migrations once: running them again applies nothing', async () => {
    const { migrate } = await import('../../src/store/migrate.js');
    expect(await migrate(sql, 'supabase')).toEqual({ applied: [], bootstrapped: false });
  });
});
