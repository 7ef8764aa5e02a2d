import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userApi } from '../support/api-client.js';
import { startTestServer, type TestDriver, type TestServer } from '../support/test-server.js';
import { PNG } from '../support/png.js';
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
  let media: Server;
  let mediaBase = '';
  let dataDir = '';
  /** What Twilio's media host (a local fake) was asked, and what it serves next. */
  const asked: Array<{ path: string; authorization: string }> = [];
  let serves: { type: string; body: Buffer } = { type: 'image/png', body: PNG };
  beforeAll(async () => {
    media = createServer((req, res) => {
      asked.push({ path: req.url ?? '', authorization: req.headers.authorization ?? '' });
      res.setHeader('content-type', serves.type);
      res.end(serves.body);
    });
    await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
    mediaBase = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
    dataDir = mkdtempSync(join(tmpdir(), 'user-messaging-'));
    server = await startTestServer({
      driver,
      env: { ...TWILIO_TEST_ENV, SUPABASE_JWT_SECRET: SECRET, DATA_DIR: dataDir },
      compose: { twilioMediaUrl: (url) => url.replace('https://api.twilio.com', mediaBase) },
    });
  });
  afterAll(async () => {
    await server.close();
    await new Promise((resolve) => media.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
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

  it('takes a photo sent over WhatsApp as the answer to the photo question, fetched with the account\'s credentials', async () => {
    const phone = '+12025550163';
    const userId = randomUUID();
    const token = await tokenFor(userId, phone);
    await userApi.start(server.url, token);
    const whatsapp = (text: string, extra: Record<string, string> = {}) =>
      postWebhook(server.url, MESSAGING_PATH, inboundForm(`whatsapp:${phone}`, `whatsapp:${BOT}`, text, extra));
    await whatsapp('Pia Photo');
    expect((await whatsapp('skip')).messages.at(-1)).toContain('profile photo');
    const picture = (sid: string) => ({
      NumMedia: '1',
      MediaContentType0: 'image/png',
      MediaUrl0: `https://api.twilio.com/2010-04-01/Accounts/${TWILIO_TEST_ENV.TWILIO_ACCOUNT_SID}/Messages/MM${sid}/Media/ME${sid}`,
    });
    serves = { type: 'image/png', body: Buffer.from('not a picture') };
    const refused = await whatsapp('', picture('0'.repeat(32)));
    expect(refused.messages).toEqual(["That isn't a photo I can use: please send a JPEG, PNG or WebP picture."]);
    serves = { type: 'image/png', body: PNG };
    const taken = await whatsapp('', picture('1'.repeat(32)));
    expect(taken.messages.at(-1)).toContain('Which skills do you have?');
    const expected = `Basic ${Buffer.from(`${TWILIO_TEST_ENV.TWILIO_ACCOUNT_SID}:${TWILIO_TEST_ENV.TWILIO_AUTH_TOKEN}`).toString('base64')}`;
    expect(asked.at(-1)).toEqual({ path: expect.stringContaining(`/Media/ME${'1'.repeat(32)}`) as string, authorization: expected });
    const status = (await userApi.status(server.url, token)).body as { onboarding_data: { avatar: { path: string } } };
    expect(status.onboarding_data.avatar.path).toMatch(new RegExp(`^users/${userId}/user-profile/avatar-.*\\.png$`));
    expect(readFileSync(join(dataDir, 'uploads', status.onboarding_data.avatar.path))).toEqual(PNG);
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
