import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantApi, userApi } from '../support/api-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { PhoneCall } from '../support/twilio-voice-calls.js';
import { inboundForm, MESSAGING_PATH, postWebhook } from '../support/twilio-webhooks.js';

const SECRET = 'log-canaries-test-secret-0123456789abcdef';

/**
 * Personal data never reaches the log (issue 15, item 6): canary values planted in every channel (web, SMS,
 * WhatsApp, a call, the signed-in API, a refused request) must not appear in any log line, at any depth.
 */
describe('canaries in every channel stay out of the log', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { TWILIO_CONSOLE: 'true', SUPABASE_JWT_SECRET: SECRET, PROFILE_WAIT_MS: '0' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('keeps names, numbers, answers, message text, keys and tokens out', async () => {
    const canaries: string[] = ['Quillonia', 'Vexmoor', '+12025550177', '+12025550178', 'Ostrava Plinthwick', 'bio-canary-7731', 'skill-canary-4411'];

    const web = (await instantApi.start(server.url)).body as { session_id: string; session_key: string };
    canaries.push(web.session_key);
    for (const text of ['Quillonia Vexmoor', '5 March 1990', '7:30 am', 'Madrid']) {
      await instantApi.reply(server.url, web.session_id, web.session_key, { text });
    }
    await instantApi.reply(server.url, web.session_id, 'wrong-key-canary-9911', { text: 'Quillonia' });
    canaries.push('wrong-key-canary-9911');

    for (const text of ['Hi', 'Quillonia', 'not a date canary-date-5521', '5 March 1990', '7:30 am', 'Madrid']) {
      await postWebhook(server.url, MESSAGING_PATH, inboundForm('+12025550177', '+15550003333', text), { signature: null });
    }
    for (const text of ['Hi', 'Vexmoor']) {
      await postWebhook(server.url, MESSAGING_PATH, inboundForm('whatsapp:+12025550178', 'whatsapp:+15550003333', text), { signature: null });
    }
    canaries.push('canary-date-5521');

    const call = new PhoneCall(server.url, '+12025550179', '+15550003333');
    await call.dial({ signature: null });
    await call.say('Vexmoor');
    canaries.push('+12025550179');

    const token = await new SignJWT({ role: 'authenticated', email: 'canary-mail@example.com', user_metadata: { full_name: 'Ostrava Plinthwick' } })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(randomUUID())
      .setAudience('authenticated')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    canaries.push(token, 'canary-mail@example.com');
    await userApi.start(server.url, token);
    await userApi.step(server.url, token, 0, { full_name: 'Ostrava Plinthwick', bio: 'bio-canary-7731' });
    await userApi.step(server.url, token, 1, { skills: ['skill-canary-4411'] });
    await userApi.step(server.url, token, 1, { skills: 'x'.repeat(70), nickname: 'Quillonia' });
    await userApi.status(server.url, `${token}tampered`);

    // The profiles made after the replies, and the messages they send (console mode: to the log).
    await server.service.service.profiles.drain();
    await server.service.outbox.runOnce();
    expect(server.logs.some((line) => line.msg === 'outbound message (console mode, not sent)')).toBe(true);

    const log = JSON.stringify(server.logs);
    expect(server.logs.length).toBeGreaterThan(10);
    for (const canary of canaries) expect(log.includes(canary), canary).toBe(false);
  });
});
