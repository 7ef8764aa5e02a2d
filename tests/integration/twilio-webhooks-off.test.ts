import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantApi } from '../support/api-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { newCallSid } from '../support/twilio-voice-calls.js';
import { inboundForm, MESSAGING_PATH, newMessageSid, postWebhook, STATUS_PATH } from '../support/twilio-webhooks.js';

const BOT = '+15550001111';
const PERSON = '+12025550142';

/**
 * The default configuration (no Twilio credentials, no TWILIO_CONSOLE): what a web-only deployment runs, in
 * production too. The Twilio routes are not there at all, so an unsigned request can reach no session.
 */
describe('Twilio webhooks without credentials or TWILIO_CONSOLE', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Production refuses a signed-in flow without keys; this test is about Twilio, so it gets a secret.
    server = await startTestServer({ env: { NODE_ENV: 'production', SUPABASE_JWT_SECRET: 'webhooks-off-test-secret-0123456789abcdef' } });
  });
  afterAll(async () => {
    await server.close();
  });

  const sessionRow = async (id: string) =>
    (await server.service.sql.query<{ version: number; status: string; collected_data: Record<string, unknown> }>(
      'select version, status, collected_data from instant_onboarding_sessions where id = $1',
      [id],
    ))[0];

  it('are not mounted, and the boot log says so', async () => {
    expect(server.service.twilioWebhooks).toBe('off');
    const line = server.logs.find((l) => l.twilio_webhooks !== undefined);
    expect(line).toMatchObject({ twilio_webhooks: 'off', msg: expect.stringMatching(/^Twilio webhooks not mounted/) });
    const call = { CallSid: newCallSid(), From: PERSON, To: BOT, CallStatus: 'ringing' };
    const paths: Array<[string, Record<string, string>]> = [
      [MESSAGING_PATH, inboundForm(PERSON, BOT, 'Hi')],
      [STATUS_PATH, { MessageSid: newMessageSid(), MessageStatus: 'delivered' }],
      ['/webhooks/twilio/voice', call],
      [`/webhooks/twilio/voice/gather?s=${crypto.randomUUID()}&f=instant-birth-chart&l=en&t=1`, { ...call, SpeechResult: 'Maria' }],
      ['/webhooks/twilio/voice/status', { ...call, CallStatus: 'completed' }],
    ];
    for (const [path, form] of paths) expect((await postWebhook(server.url, path, form, { signature: null })).status, path).toBe(404);
  });

  it('a forged SMS from a person\'s number can neither answer nor opt out their conversation', async () => {
    // The person's conversation, as an earlier deployment with credentials would have left it.
    const { reply } = await server.service.service.start({
      channel: 'sms', language: 'en', phoneNumber: PERSON, botNumber: BOT, messageKey: `twilio:${newMessageSid()}`, inboundText: 'Hi',
    });
    const before = await sessionRow(reply.session_id);
    for (const text of ['STOP', 'Mallory']) {
      expect((await postWebhook(server.url, MESSAGING_PATH, inboundForm(PERSON, BOT, text), { signature: null })).status).toBe(404);
    }
    expect(await sessionRow(reply.session_id)).toEqual(before);
    const optOuts = await server.service.sql.query('select 1 from onboarding_messaging_opt_outs where phone_number = $1', [PERSON]);
    expect(optOuts).toEqual([]);
  });

  it('a web session\'s id on the voice gather route changes nothing and reads nothing out', async () => {
    const started = await instantApi.start(server.url);
    const id = started.body.session_id as string;
    const key = started.body.session_key as string;
    for (const text of ['Maria', '5 March 1990', '7:30 am', 'Madrid']) expect((await instantApi.reply(server.url, id, key, { text })).status).toBe(200);
    const before = await sessionRow(id);
    expect(before?.status).toBe('completed');
    const gather = `/webhooks/twilio/voice/gather?s=${id}&f=instant-birth-chart&l=en&t=2&m=date`;
    const res = await postWebhook(server.url, gather, { CallSid: newCallSid(), From: PERSON, To: BOT, SpeechResult: '1 January 2000' }, { signature: null });
    expect(res.status).toBe(404);
    expect(res.body).not.toMatch(/Maria|birth chart/);
    expect(await sessionRow(id)).toEqual(before);
  });
});
