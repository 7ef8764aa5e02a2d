import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestDriver, type TestServer } from '../support/test-server.js';
import { PhoneCall } from '../support/twilio-voice-calls.js';
import { inboundForm, MESSAGING_PATH, postWebhook, TWILIO_TEST_ENV } from '../support/twilio-webhooks.js';

const BOT = '+15550002222';

/**
 * Concurrent first messages (or calls) from a new number (issue 15, item 2): the database keeps one open session
 * per number and channel, and the messages that lose the race become turns of the winner's session.
 */
describe.each<TestDriver>(['embedded', 'postgres'])('concurrent first contact from one number (%s database)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ driver, env: { ...TWILIO_TEST_ENV } });
  });
  afterAll(async () => {
    await server.close();
  });

  const openSessions = async (phone: string, channel: string) =>
    server.service.sql.query<{ id: string }>(
      `select id from instant_onboarding_sessions where phone_number = $1 and channel = $2 and status not in ('completed', 'failed')`,
      [phone, channel],
    );

  it.each([2, 10])('%i SMS at once open one session, and every message is answered', async (n) => {
    const phone = `+1202555${String(1000 + n).slice(-4)}`;
    const replies = await Promise.all(
      Array.from({ length: n }, (_, i) => postWebhook(server.url, MESSAGING_PATH, inboundForm(phone, BOT, i === 0 ? 'Hi' : `Name${i}`))),
    );
    for (const reply of replies) {
      expect(reply.status).toBe(200);
      expect(reply.messages.length).toBeGreaterThan(0);
    }
    expect(await openSessions(phone, 'sms')).toHaveLength(1);
    const [session] = await openSessions(phone, 'sms');
    const [events] = await server.service.sql.query<{ inbound: number }>(
      `select count(*)::int as inbound from onboarding_events where session_id = $1 and kind = 'inbound'`,
      [session!.id],
    );
    expect(events?.inbound).toBe(n);
  });

  it('two calls at once from one number open one session', async () => {
    const phone = '+12025554242';
    const calls = [new PhoneCall(server.url, phone, BOT), new PhoneCall(server.url, phone, BOT)];
    const answered = await Promise.all(calls.map((call) => call.dial()));
    for (const turn of answered) expect(turn.status).toBe(200);
    expect(await openSessions(phone, 'voice')).toHaveLength(1);
  });
});
