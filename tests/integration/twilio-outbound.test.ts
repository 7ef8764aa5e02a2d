import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTwilioApi, type FakeTwilioApi } from '../support/fake-twilio-api.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { inboundForm, MESSAGING_PATH, postWebhook, STATUS_PATH, TWILIO_TEST_ENV } from '../support/twilio-webhooks.js';

const BOT = '+15550002222';
const TEMPLATE = `HX${'ab'.repeat(16)}`;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface OutboxRow {
  id: number;
  kind: string;
  status: string;
  attempts: number;
  provider_sid: string | null;
  error: string | null;
  next_attempt_at: Date | null;
  last_inbound_at: Date;
}

/**
 * The outbox: a profile that takes longer than the reply waits (PROFILE_WAIT_MS=0: never) is sent as an outbound
 * message by the worker, which the tests drive with their own clock against a fake Twilio API.
 */
describe('outbound SMS and WhatsApp messages', () => {
  let server: TestServer;
  let fake: FakeTwilioApi;
  let clockAt: Date | null = null;
  let serial = 0;

  beforeAll(async () => {
    fake = await startFakeTwilioApi();
    server = await startTestServer({
      env: {
        ...TWILIO_TEST_ENV,
        PROFILE_WAIT_MS: '0',
        TWILIO_WHATSAPP_TEMPLATES: `profile_ready=${TEMPLATE}`,
        TWILIO_OUTBOX_MAX_ATTEMPTS: '3',
        TWILIO_OUTBOX_RETRY_BASE_MS: '1000',
      },
      clock: () => clockAt ?? new Date(),
      compose: { twilioHttpClient: fake.httpClient, outboxAutoRun: false },
    });
  });
  afterAll(async () => {
    await server.close();
    await fake.close();
  });

  /** A whole conversation from a new number; returns the number and the TwiML answer to the last message. */
  async function converse(channel: 'sms' | 'whatsapp'): Promise<{ phone: string; last: string[]; lastForm: Record<string, string> }> {
    clockAt = null;
    const phone = `+3461200${String(1000 + ++serial).slice(-4)}`;
    const [from, to] = channel === 'whatsapp' ? [`whatsapp:${phone}`, `whatsapp:${BOT}`] : [phone, BOT];
    let last: string[] = [];
    let lastForm: Record<string, string> = {};
    for (const text of ['Hi', 'English', 'Maria', '5 March 1990', '7:30 am', 'Madrid']) {
      lastForm = inboundForm(from, to, text);
      const res = await postWebhook(server.url, MESSAGING_PATH, lastForm);
      expect(res.status).toBe(200);
      last = res.messages;
    }
    await server.service.service.profiles.drain();
    return { phone, last, lastForm };
  }

  async function outboxOf(phone: string): Promise<OutboxRow[]> {
    return server.service.sql.query<OutboxRow>(
      `select o.id::int as id, o.kind, o.status, o.attempts, o.provider_sid, o.error, o.next_attempt_at, s.last_inbound_at
       from onboarding_outbox o join instant_onboarding_sessions s on s.id = o.session_id where s.phone_number = $1 order by o.id`,
      [phone],
    );
  }

  async function runAt(time: Date): Promise<number> {
    clockAt = time;
    return server.service.outbox.runOnce();
  }

  it('answers at once and sends the profile when ready, free-form inside the WhatsApp window (23:59)', async () => {
    const { phone, last, lastForm } = await converse('whatsapp');
    expect(last).toEqual(["Thank you! I'm preparing your profile now…"]);
    const [row] = await outboxOf(phone);
    expect(row).toMatchObject({ kind: 'profile_ready', status: 'pending', attempts: 0 });
    const before = fake.received.length;
    expect(await runAt(new Date(row!.last_inbound_at.getTime() + 23 * HOUR + 59 * MINUTE))).toBe(1);
    const sent = fake.received.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      method: 'POST',
      path: `/2010-04-01/Accounts/${TWILIO_TEST_ENV.TWILIO_ACCOUNT_SID}/Messages.json`,
      user: TWILIO_TEST_ENV.TWILIO_ACCOUNT_SID,
      password: TWILIO_TEST_ENV.TWILIO_AUTH_TOKEN,
      params: { To: `whatsapp:${phone}`, From: `whatsapp:${BOT}`, StatusCallback: `${TWILIO_TEST_ENV.PUBLIC_URL}${STATUS_PATH}` },
    });
    expect(sent[0]?.params.Body).toMatch(/^Maria, here is your birth chart for Madrid/);
    expect(sent[0]?.params.ContentSid).toBeUndefined();
    const [after] = await outboxOf(phone);
    expect(after).toMatchObject({ status: 'queued', attempts: 1, provider_sid: expect.stringMatching(/^SM[0-9a-f]{32}$/) });
    // The redelivered last message gets the answer it got, not the profile a second time.
    expect((await postWebhook(server.url, MESSAGING_PATH, lastForm)).messages).toEqual(last);
    expect(await runAt(new Date(row!.last_inbound_at.getTime() + 48 * HOUR))).toBe(0);
  });

  it('uses the approved template outside the WhatsApp window (24:01), or sends nothing without one', async () => {
    const { phone } = await converse('whatsapp');
    const [row] = await outboxOf(phone);
    const before = fake.received.length;
    const late = new Date(row!.last_inbound_at.getTime() + 24 * HOUR + MINUTE);
    expect(await runAt(late)).toBe(1);
    const [sent, ...more] = fake.received.slice(before);
    expect(more).toEqual([]);
    expect(sent?.params).toMatchObject({ To: `whatsapp:${phone}`, From: `whatsapp:${BOT}`, ContentSid: TEMPLATE });
    expect(sent?.params.Body).toBeUndefined();
    expect(JSON.parse(sent?.params.ContentVariables ?? '{}')).toEqual({ '1': expect.stringMatching(/^Maria, here is your birth chart/) });
    // A message kind with no template configured is not sent outside the window.
    await server.service.sql.query(
      `insert into onboarding_outbox (session_id, channel, to_address, from_address, kind, body)
       select id, channel, phone_number, bot_number, 'reminder', 'Still there?' from instant_onboarding_sessions where phone_number = $1 and channel = 'whatsapp'`,
      [phone],
    );
    expect(await runAt(late)).toBe(1);
    expect(fake.received.length).toBe(before + 1);
    expect((await outboxOf(phone)).map((r) => [r.kind, r.status])).toEqual([['profile_ready', 'queued'], ['reminder', 'skipped']]);
  });

  it('has no window on SMS', async () => {
    const { phone } = await converse('sms');
    const [row] = await outboxOf(phone);
    const before = fake.received.length;
    expect(await runAt(new Date(row!.last_inbound_at.getTime() + 72 * HOUR))).toBe(1);
    expect(fake.received.slice(before).map((r) => [r.params.To, r.params.From, r.params.Body?.slice(0, 5)])).toEqual([[phone, BOT, 'Maria']]);
  });

  it('takes signed status callbacks that only ever move a message forward', async () => {
    const { phone } = await converse('sms');
    await runAt(new Date());
    const [row] = await outboxOf(phone);
    const sid = row!.provider_sid!;
    const status = (MessageStatus: string, signature?: null) =>
      postWebhook(server.url, STATUS_PATH, { MessageSid: sid, MessageStatus, AccountSid: TWILIO_TEST_ENV.TWILIO_ACCOUNT_SID }, signature === null ? { signature: null } : {});
    const seen: Array<[string, string]> = [];
    for (const next of ['sent', 'delivered', 'sent', 'undelivered', 'queued', 'read', 'delivered']) {
      expect((await status(next)).status).toBe(204);
      seen.push([next, (await outboxOf(phone))[0]!.status]);
    }
    expect(seen).toEqual([
      ['sent', 'sent'], ['delivered', 'delivered'], ['sent', 'delivered'], ['undelivered', 'delivered'], ['queued', 'delivered'], ['read', 'read'], ['delivered', 'read'],
    ]);
    expect((await status('failed', null)).status).toBe(403);
    expect((await outboxOf(phone))[0]?.status).toBe('read');
  });

  it('retries 5xx and 429 with exponential backoff, then succeeds', async () => {
    const { phone } = await converse('sms');
    const t0 = new Date();
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const before = fake.received.length;
    fake.failNext(500, 429);
    await runAt(t0);
    expect((await outboxOf(phone))[0]).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: at(1000), error: expect.stringContaining('500') });
    expect(await runAt(at(999))).toBe(0);
    expect(await runAt(at(1000))).toBe(1);
    expect((await outboxOf(phone))[0]).toMatchObject({ status: 'pending', attempts: 2, next_attempt_at: at(3000), error: expect.stringContaining('429') });
    expect(await runAt(at(2999))).toBe(0);
    expect(await runAt(at(3000))).toBe(1);
    expect((await outboxOf(phone))[0]).toMatchObject({ status: 'queued', attempts: 3, error: null });
    expect(fake.received.length - before).toBe(3);
  });

  it('dead-letters a message after the last try, and at once on a permanent error', async () => {
    const first = await converse('sms');
    const t0 = new Date();
    fake.failNext(503, 503, 503);
    for (const ms of [0, 1000, 3000]) await runAt(new Date(t0.getTime() + ms));
    expect((await outboxOf(first.phone))[0]).toMatchObject({ status: 'dead', attempts: 3, error: expect.stringContaining('503') });
    const second = await converse('sms');
    fake.failNext(400);
    await runAt(new Date());
    expect((await outboxOf(second.phone))[0]).toMatchObject({ status: 'dead', attempts: 1, error: expect.stringContaining('400') });
    const before = fake.received.length;
    expect(await runAt(new Date(t0.getTime() + 24 * HOUR))).toBe(0);
    expect(fake.received.length).toBe(before);
  });

  it('sends nothing to a number that opted out after the message was written', async () => {
    const { phone } = await converse('whatsapp');
    const stop = await postWebhook(server.url, MESSAGING_PATH, inboundForm(`whatsapp:${phone}`, `whatsapp:${BOT}`, 'STOP'));
    expect(stop.messages).toHaveLength(1);
    const before = fake.received.length;
    expect(await runAt(new Date())).toBe(1);
    expect(fake.received.length).toBe(before);
    expect((await outboxOf(phone))[0]?.status).toBe('suppressed');
  });
});
