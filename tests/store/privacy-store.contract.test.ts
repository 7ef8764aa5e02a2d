import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore, type TestStoreDriver } from '../support/test-store.js';
import { collectingSession as session, newSession } from '../support/session-writes.js';

/** Erasing and exporting one person's data (public.onboarding_privacy_export / _erase) on every driver. */
describe.each<TestStoreDriver>(['embedded', 'postgres', 'supabase'])('privacy store contract (%s)', (driver) => {
  let opened: TestStore;
  beforeAll(async () => {
    opened = await openTestStore(driver, 5);
  });
  afterAll(() => opened.close());

  const count = async (table: string, where: string, value: string) =>
    (await opened.client.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`, [value]))[0]?.n;

  /** A session with a turn (events, inbox row, profile) and, for a phone, an outbox message. */
  async function sessionWithData(over: { userId?: string; phone?: string } = {}): Promise<string> {
    const write = newSession();
    const channel = over.phone ? 'sms' : 'web';
    await opened.store.commit({
      ...write,
      create: { ...write.create!, channel, ...(over.phone ? { phoneNumber: over.phone, botNumber: '+15550001234' } : {}), ...(over.userId ? { userId: over.userId } : {}) },
      session: { ...session, collectedData: { name: 'Maria Lopez' } },
    });
    await opened.store.commit({
      sessionId: write.sessionId,
      expectedVersion: 0,
      messageKey: `m:${write.sessionId}`,
      reply: { said: 'Hello Maria' },
      session: { ...session, status: 'completed', currentStep: null, collectedData: { name: 'Maria Lopez' } },
      events: [{ kind: 'inbound', payload: { text: 'Maria Lopez' } }],
      profile: { kind: 'answers', data: { name: 'Maria Lopez' } },
      ...(over.phone ? { outbox: [{ kind: 'profile_ready', body: 'Your profile, Maria' }] } : {}),
    });
    return write.sessionId;
  }

  async function productRows(userId: string) {
    const q = (text: string) => opened.client.query(text, [userId]);
    await q(`insert into user_onboarding (user_id, flow_id, status, current_step, total_steps) values ($1, 'user-profile', 'in_progress', 1, 5)`);
    await q(`insert into user_profiles (user_id, full_name) values ($1, 'Maria Lopez')`);
    await q(`insert into user_skills (user_id, name) values ($1, 'maps')`);
    await q(`insert into user_interests (user_id, interest) values ($1, 'hiking')`);
    await q(`insert into user_experience (user_id, kind, title, organisation, start_year) values ($1, 'work', 'Cartographer', 'IGN', 2015)`);
    await q(`insert into user_preferences (user_id, notification_channel, profile_visibility) values ($1, 'email', 'private')`);
  }

  it('exports one session with its profile, events and inbox, without its key hash', async () => {
    const id = await sessionWithData();
    const other = await sessionWithData();
    const data = await opened.privacy.exportData({ sessionId: id });
    expect(data.sessions.map((s) => s.id)).toEqual([id]);
    expect(data.sessions[0]).not.toHaveProperty('session_key');
    expect(data.sessions[0]).not.toHaveProperty('resume_code');
    expect(data.sessions[0]?.collected_data).toEqual({ name: 'Maria Lopez' });
    expect(data.profiles).toHaveLength(1);
    expect(data.events.length).toBeGreaterThanOrEqual(2);
    expect(data.inbox.map((i) => i.reply)).toEqual([{ said: 'Hello Maria' }]);
    expect(JSON.stringify(data)).not.toContain(other);
  });

  it('erases one session and everything of it, leaving other sessions', async () => {
    const id = await sessionWithData();
    const other = await sessionWithData();
    const result = await opened.privacy.erase({ sessionId: id });
    expect(result.sessionIds).toEqual([id]);
    expect(result.erased).toMatchObject({ sessions: 1, profiles: 1, inbox: 1 });
    expect(result.erased.events).toBeGreaterThanOrEqual(2);
    expect(await opened.store.load(id)).toBeNull();
    for (const table of ['onboarding_events', 'onboarding_inbox', 'instant_onboarding_profiles']) expect(await count(table, 'session_id = $1', id)).toBe(0);
    expect(await opened.store.load(other)).not.toBeNull();
    expect((await opened.privacy.erase({ sessionId: id })).erased.sessions).toBe(0);
  });

  it('erases a signed-in user: every session, the onboarding row and the product rows', async () => {
    const userId = randomUUID();
    const a = await sessionWithData({ userId });
    await productRows(userId);
    const bystander = randomUUID();
    await productRows(bystander);
    const data = await opened.privacy.exportData({ userId });
    expect(data.sessions.map((s) => s.id)).toEqual([a]);
    for (const table of ['user_onboarding', 'user_profiles', 'user_skills', 'user_interests', 'user_experience', 'user_preferences'] as const) expect(data[table]).toHaveLength(1);
    const result = await opened.privacy.erase({ userId });
    expect(result.erased).toMatchObject({ sessions: 1, user_onboarding: 1, user_profiles: 1, user_skills: 1, user_interests: 1, user_experience: 1, user_preferences: 1 });
    for (const table of ['user_onboarding', 'user_profiles', 'user_skills', 'user_interests', 'user_experience', 'user_preferences']) {
      expect(await count(table, 'user_id = $1', userId)).toBe(0);
      expect(await count(table, 'user_id = $1', bystander)).toBe(1);
    }
    expect(await count('instant_onboarding_sessions', 'user_id = $1', userId)).toBe(0);
  });

  it('erases a phone number\'s sessions and the messages to it, and keeps (but exports) its opt-out', async () => {
    const phone = `+3460${String(Date.now()).slice(-7)}`;
    const id = await sessionWithData({ phone });
    await opened.messaging.setOptOut(phone, 'sms', true, 'STOP');
    const data = await opened.privacy.exportData({ phone });
    expect(data.sessions.map((s) => s.id)).toEqual([id]);
    expect(data.outbox).toHaveLength(1);
    expect(data.opt_outs).toHaveLength(1);
    const result = await opened.privacy.erase({ phone });
    expect(result.erased).toMatchObject({ sessions: 1, outbox: 1 });
    expect(await count('onboarding_outbox', 'to_address = $1', phone)).toBe(0);
    expect(await opened.messaging.isOptedOut(phone, 'sms')).toBe(true);
  });

  it('finds nobody for a malformed or unknown id', async () => {
    expect((await opened.privacy.exportData({ sessionId: 'nope' })).sessions).toEqual([]);
    expect((await opened.privacy.erase({ userId: randomUUID() })).sessionIds).toEqual([]);
  });
});
