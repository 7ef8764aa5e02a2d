import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore, type TestStoreDriver } from '../support/test-store.js';
import type { MessagingStore } from '../../src/store/messaging-store.js';
import type { Channel, SessionStore } from '../../src/store/session-store.js';
import type { SqlClient } from '../../src/store/sql-client.js';

const session = { status: 'collecting_data' as const, currentStep: 'name', collectedData: {}, snapshot: { format: 1 } };
const T0 = new Date('2030-01-01T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** The contract every MessagingStore driver must keep: opt-outs, and the outbox's claim / settle / status rules. */
describe.each<TestStoreDriver>(['embedded', 'postgres', 'supabase'])('messaging store contract (%s)', (driver) => {
  let opened: TestStore;
  let store: SessionStore;
  let messaging: MessagingStore;
  let sql: SqlClient;

  beforeAll(async () => {
    opened = await openTestStore(driver, 5);
    ({ store, messaging, client: sql } = opened);
  });
  afterAll(() => opened.close());

  /** Settles what earlier tests left, so each test claims only its own rows. */
  async function emptyOutbox() {
    await sql.query(`update onboarding_outbox set status = 'dead' where status in ('pending', 'claimed')`);
  }

  async function sessionWithMessage(channel: Channel, phone: string, kind = 'profile_ready'): Promise<string> {
    const id = randomUUID();
    await store.commit({
      sessionId: id,
      create: { keyHash: `hash-${id}`, channel, language: 'en', flowId: 'instant-birth-chart', phoneNumber: phone, botNumber: '+15550009999' },
      messageKey: `twilio:SM${id.replaceAll('-', '')}`,
      reply: {},
      session,
      events: [],
    });
    await store.commit({ sessionId: id, expectedVersion: 0, session, events: [], outbox: [{ kind, body: `hello ${phone}`, variables: { '1': 'Maria' } }] });
    return id;
  }

  it('records STOP and START per number and channel', async () => {
    const phone = `+1555${Date.now() % 1e7}`;
    expect(await messaging.isOptedOut(phone, 'sms')).toBe(false);
    await messaging.setOptOut(phone, 'sms', true, 'STOP');
    expect(await messaging.isOptedOut(phone, 'sms')).toBe(true);
    expect(await messaging.isOptedOut(phone, 'whatsapp')).toBe(false);
    await messaging.setOptOut(phone, 'sms', true, 'QUIT');
    await messaging.setOptOut(phone, 'sms', false, 'START');
    expect(await messaging.isOptedOut(phone, 'sms')).toBe(false);
  });

  it('claims a due message once, with the session\'s last inbound time and the opt-out', async () => {
    await emptyOutbox();
    const id = await sessionWithMessage('whatsapp', '+34600000101');
    await messaging.setOptOut('+34600000101', 'whatsapp', true, 'STOP');
    const [claimed, ...more] = await messaging.claimOutbox(at(0), 10, 30);
    expect(more).toEqual([]);
    expect(claimed).toMatchObject({
      attempt: 1, sessionId: id, channel: 'whatsapp', to: '+34600000101', from: '+15550009999',
      kind: 'profile_ready', body: 'hello +34600000101', variables: { '1': 'Maria' }, optedOut: true,
    });
    expect(claimed?.lastInboundAt).toBeInstanceOf(Date);
    // Claimed and leased: a second pass within the lease gets nothing; after it, the message is claimed again.
    expect(await messaging.claimOutbox(at(10), 10, 30)).toEqual([]);
    const [again] = await messaging.claimOutbox(at(31), 10, 30);
    expect(again).toMatchObject({ id: claimed?.id, attempt: 2 });
    // The first claim's lease is gone: its result no longer counts.
    expect(await messaging.settleOutbox(claimed!.id, 1, { status: 'suppressed', error: null })).toBe(false);
    expect(await messaging.settleOutbox(claimed!.id, 2, { status: 'suppressed', error: null })).toBe(true);
    expect(await messaging.claimOutbox(at(100), 10, 30)).toEqual([]);
  });

  it('puts a retry back at its time, and dead letters stay dead', async () => {
    await emptyOutbox();
    await sessionWithMessage('sms', '+34600000102');
    const [first] = await messaging.claimOutbox(at(0), 10, 30);
    expect(await messaging.settleOutbox(first!.id, 1, { status: 'pending', error: 'HTTP 503', nextAttemptAt: at(60) })).toBe(true);
    expect(await messaging.claimOutbox(at(59), 10, 30)).toEqual([]);
    const [second] = await messaging.claimOutbox(at(60), 10, 30);
    expect(second).toMatchObject({ id: first?.id, attempt: 2 });
    expect(await messaging.settleOutbox(second!.id, 2, { status: 'dead', error: 'HTTP 503' })).toBe(true);
    expect(await messaging.claimOutbox(at(10_000), 10, 30)).toEqual([]);
    const [row] = await sql.query<{ status: string; attempts: number; error: string }>('select status, attempts, error from onboarding_outbox where id = $1', [first!.id]);
    expect(row).toEqual({ status: 'dead', attempts: 2, error: 'HTTP 503' });
  });

  it('moves delivery status forward only', async () => {
    await emptyOutbox();
    await sessionWithMessage('sms', '+34600000103');
    const [claimed] = await messaging.claimOutbox(at(0), 10, 30);
    const sid = `SM${randomUUID().replaceAll('-', '')}`;
    expect(await messaging.recordDeliveryStatus(sid, 'sent', null)).toBe(false);
    await messaging.settleOutbox(claimed!.id, 1, { status: 'provider', providerStatus: 'queued', providerSid: sid });
    const steps: Array<[string, boolean]> = [
      ['sent', true], ['queued', false], ['delivered', true], ['sent', false], ['undelivered', false], ['read', true], ['delivered', false], ['bogus', false],
    ];
    for (const [status, moved] of steps) expect(await messaging.recordDeliveryStatus(sid, status, null), status).toBe(moved);
    const [row] = await sql.query<{ status: string }>('select status from onboarding_outbox where provider_sid = $1', [sid]);
    expect(row?.status).toBe('read');
  });
});
