import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NudgePlan } from '../../src/reminders/nudge-plan.js';
import type { ReminderStore } from '../../src/store/reminder-store.js';
import type { Channel, SessionStore } from '../../src/store/session-store.js';
import type { SqlClient } from '../../src/store/sql-client.js';
import { openTestStore, type TestStore, type TestStoreDriver } from '../support/test-store.js';

const collecting = { status: 'collecting_data' as const, currentStep: 'name', collectedData: {}, snapshot: { format: 1 } };
const MINUTE = 60_000;
const later = (minutes: number) => new Date(Date.now() + minutes * MINUTE);

/** The contract every ReminderStore driver keeps: due nudges, recording them once, abandoning, codes, moving, keys. */
describe.each<TestStoreDriver>(['embedded', 'postgres', 'supabase'])('reminder store contract (%s)', (driver) => {
  let opened: TestStore;
  let store: SessionStore;
  let reminders: ReminderStore;
  let sql: SqlClient;
  // Each test uses a flow id of its own, so candidates from other tests never show up.
  const planFor = (flowId: string, after = [900], max = after.length): Record<string, NudgePlan> => ({
    [flowId]: { after, max, session_channels: ['sms', 'whatsapp', 'web'] },
  });

  beforeAll(async () => {
    opened = await openTestStore(driver, 5);
    ({ store, reminders, client: sql } = opened);
  });
  afterAll(() => opened.close());

  async function newSession(flowId: string, channel: Channel = 'sms', phone: string | null = `+1555${String(Math.random()).slice(2, 9)}`): Promise<string> {
    const id = randomUUID();
    await store.commit({
      sessionId: id,
      create: { keyHash: `hash-${id}`, channel, language: 'en', flowId, phoneNumber: phone, botNumber: phone ? '+15550009999' : null },
      session: collecting,
      events: [],
    });
    return id;
  }

  const nudgeOf = (c: { id: string; silenceKey: string; sequence: number }) => ({
    sessionId: c.id,
    silenceKey: c.silenceKey,
    sequence: c.sequence,
    step: 'name',
    language: 'en',
    message: { channel: 'sms' as const, to: '+15550000001', from: '+15550009999', kind: 'nudge', body: 'Still there?', subject: null, variables: { '1': '' } },
  });

  it('finds a session due its nudge only once it has been silent long enough, and records the nudge once', async () => {
    const flow = `contract-nudge-${randomUUID()}`;
    const id = await newSession(flow);
    expect(await reminders.nudgeCandidates(later(10), planFor(flow), 10)).toEqual([]);
    const [due, ...more] = await reminders.nudgeCandidates(later(16), planFor(flow), 10);
    expect(more).toEqual([]);
    expect(due).toMatchObject({ id, flowId: flow, channel: 'sms', sequence: 0, currentStep: 'name', language: 'en' });
    expect(await reminders.recordNudge(nudgeOf(due!))).toBe('recorded');
    expect(await reminders.recordNudge(nudgeOf(due!))).toBe('duplicate');
    const outbox = await sql.query<{ n: number }>(`select count(*)::int as n from onboarding_outbox where session_id = $1 and kind = 'nudge'`, [id]);
    expect(outbox[0]?.n).toBe(1);
    // The schedule had one nudge: nothing more is due.
    expect(await reminders.nudgeCandidates(later(60 * 24), planFor(flow), 10)).toEqual([]);
  });

  it('cancels a nudge when a turn came in after it was decided, and counts a skipped one in the schedule', async () => {
    const flow = `contract-cancel-${randomUUID()}`;
    const id = await newSession(flow);
    const [due] = await reminders.nudgeCandidates(later(16), planFor(flow, [900, 3600]), 10);
    await store.commit({ sessionId: id, expectedVersion: 0, session: { ...collecting, currentStep: 'birth_date' }, events: [] });
    expect(await reminders.recordNudge(nudgeOf(due!))).toBe('cancelled');
    const [again] = await reminders.nudgeCandidates(later(16), planFor(flow, [900, 3600]), 10);
    expect(again?.sequence).toBe(0);
    expect(await reminders.recordNudge({ ...nudgeOf(again!), message: undefined, skipReason: 'no email address is known' } as never)).toBe('skipped');
    const [second] = await reminders.nudgeCandidates(later(61), planFor(flow, [900, 3600]), 10);
    expect(second?.sequence).toBe(1);
  });

  it('pages through candidates in silence order', async () => {
    const flow = `contract-page-${randomUUID()}`;
    const ids = [await newSession(flow), await newSession(flow), await newSession(flow)];
    const first = await reminders.nudgeCandidates(later(16), planFor(flow), 2);
    const rest = await reminders.nudgeCandidates(later(16), planFor(flow), 2, first.at(-1));
    expect([...first, ...rest].map((c) => c.id).sort()).toEqual([...ids].sort());
    expect(first).toHaveLength(2);
  });

  it('marks sessions silent since a moment abandoned, and leaves later ones', async () => {
    const flow = `contract-abandon-${randomUUID()}`;
    const id = await newSession(flow);
    expect(await reminders.markAbandoned(new Date(Date.now() - MINUTE))).toBeGreaterThanOrEqual(0);
    expect((await store.load(id))?.session.status).toBe('collecting_data');
    expect(await reminders.markAbandoned(later(1))).toBeGreaterThanOrEqual(1);
    const loaded = await store.load(id);
    expect(loaded?.session.status).toBe('abandoned');
    expect(loaded?.session.version).toBe(1);
  });

  it('finds an open session by its code, moves it to another channel, and gives it a new key', async () => {
    const flow = `contract-resume-${randomUUID()}`;
    const id = await newSession(flow, 'web', null);
    const code = (await store.load(id))?.session.resumeCode;
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{7}$/);
    expect(await reminders.findByResumeCode(code!)).toEqual({ id, flowId: flow, channel: 'web', phoneNumber: null, userId: null });
    expect(await reminders.findByResumeCode('ZZZZZZZ')).toBeNull();
    const phone = `+1555${String(Math.random()).slice(2, 9)}`;
    expect(await reminders.moveSession(id, 'sms', phone, '+15550009999')).toBe(true);
    expect((await store.load(id))?.session).toMatchObject({ channel: 'sms', phoneNumber: phone, version: 1 });
    expect(await store.findOpenSession(phone, 'sms')).toBe(id);
    expect(await reminders.rotateSessionKey(id, 'hash-new')).toBe(true);
    expect((await store.load(id))?.session).toMatchObject({ keyHash: 'hash-new', version: 2 });
    await store.commit({ sessionId: id, expectedVersion: 2, session: { ...collecting, status: 'completed', currentStep: null }, events: [] });
    expect(await reminders.findByResumeCode(code!)).toBeNull();
    expect(await reminders.moveSession(id, 'whatsapp', phone, '+15550009999')).toBe(false);
    expect(await reminders.rotateSessionKey(id, 'hash-later')).toBe(false);
  });
});
