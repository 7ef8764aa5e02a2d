import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userApi } from '../support/api-client.js';
import { startTestServer, type TestDriver, type TestServer } from '../support/test-server.js';
import { inboundForm, MESSAGING_PATH, postWebhook, TWILIO_TEST_ENV } from '../support/twilio-webhooks.js';

const SECRET = 'user-messaging-test-secret-0123456789abcdef';
const BOT = '+15550009999';

/** A token as Supabase Auth issues it for a user who signed in with their phone (the claim has no "+"). */
function tokenFor(userId: string, phone?: string): Promise<string> {
  return new SignJWT({ role: 'authenticated', ...(phone ? { phone: phone.replace('+', '') } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setAudience('authenticated')
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));
}

/** One onboarding across channels: a signed-in user with a verified phone goes on over WhatsApp and SMS. */
describe.each<TestDriver>(['embedded', 'postgres'])('a signed-in user over WhatsApp and SMS (%s database)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ driver, env: { ...TWILIO_TEST_ENV, SUPABASE_JWT_SECRET: SECRET } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('continues the session started in a form, and the form sees the answers', async () => {
    const phone = '+12025550161';
    const token = await tokenFor(randomUUID(), phone);
    await userApi.step(server.url, token, 0, { full_name: 'Wa User' });
    const whatsapp = await postWebhook(server.url, MESSAGING_PATH, inboundForm(`whatsapp:${phone}`, `whatsapp:${BOT}`, 'Python, SQL'));
    expect(whatsapp.status).toBe(200);
    expect(whatsapp.messages.at(-1)).toContain('What are you interested in?');
    const sms = await postWebhook(server.url, MESSAGING_PATH, inboundForm(phone, BOT, 'music and travel'));
    expect(sms.messages.at(-1)).toContain('work or education');
    expect((await userApi.status(server.url, token)).body).toMatchObject({
      current_step: 3,
      onboarding_data: { full_name: 'Wa User', skills: ['Python', 'SQL'], interests: ['music', 'travel'] },
    });
  });

  it('is not reached from another number, nor for a user whose token has no phone', async () => {
    const token = await tokenFor(randomUUID());
    await userApi.step(server.url, token, 0, { full_name: 'No Phone' });
    const stranger = await postWebhook(server.url, MESSAGING_PATH, inboundForm('+12025550162', BOT, 'Python'));
    expect(stranger.status).toBe(200);
    expect(stranger.messages.join(' ')).toContain('birth chart');
    expect((await userApi.status(server.url, token)).body).toMatchObject({ current_step: 1, onboarding_data: { full_name: 'No Phone' } });
  });
});
