import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, instantApi, userApi } from '../support/api-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { inboundForm, MESSAGING_PATH, postWebhook, TWILIO_TEST_ENV } from '../support/twilio-webhooks.js';

const BOT = '+15550002222';
const WA = '+15550003333';
const SECRET = 'resume-test-jwt-secret-at-least-32-characters';

interface Continue {
  code: string;
  whatsapp_url: string | null;
  sms_url: string | null;
}

async function tokenFor(userId: string): Promise<string> {
  return new SignJWT({ role: 'authenticated' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setAudience('authenticated')
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));
}

/** Continuing a session elsewhere: its code texted to the bot, its magic link opened in another browser. */
describe('continue anywhere', () => {
  let server: TestServer;
  let serial = 0;
  const phone = () => `+3461290${String(1000 + ++serial).slice(-4)}`;

  beforeAll(async () => {
    server = await startTestServer({
      env: { ...TWILIO_TEST_ENV, SUPABASE_JWT_SECRET: SECRET, TWILIO_SMS_NUMBER: BOT, TWILIO_WHATSAPP_NUMBER: WA },
    });
  });
  afterAll(() => server?.close());

  /** A web session of the instant flow that answered its name. */
  async function webSession(): Promise<{ id: string; key: string }> {
    const started = await instantApi.start(server.url);
    const id = started.body.session_id as string;
    const key = started.body.session_key as string;
    expect((await instantApi.reply(server.url, id, key, { text: 'Maria', message_id: randomUUID() })).status).toBe(200);
    return { id, key };
  }

  const continueOf = (id: string, key: string) => callApi<Continue>(server.url, 'GET', `/api/v2/instant-onboarding/session/${id}/continue`, { key });

  it('gives a web session its code and the links that text it to the bot', async () => {
    const { id, key } = await webSession();
    const res = await continueOf(id, key);
    expect(res.status).toBe(200);
    expect(res.body.code).toMatch(/^[A-HJKMNP-Z2-9]{7}$/);
    expect(res.body.whatsapp_url).toBe(`https://wa.me/${WA.slice(1)}?text=${res.body.code}`);
    expect(res.body.sms_url).toBe(`sms:${BOT}?body=${res.body.code}`);
    expect((await continueOf(id, 'wrong-key')).status).toBe(404);
  });

  it('moves the session to SMS when its code is texted, asks the next question there, and goes on', async () => {
    const { id, key } = await webSession();
    const { code } = (await continueOf(id, key)).body;
    const from = phone();
    // In lower case and split, as people type it.
    const typed = `${code.slice(0, 3).toLowerCase()}-${code.slice(3).toLowerCase()}`;
    const moved = await postWebhook(server.url, MESSAGING_PATH, inboundForm(from, BOT, typed));
    expect(moved.messages[0]).toBe("Welcome back! Let's continue here.");
    expect(moved.messages.at(-1)).toMatch(/born/i);
    const next = await postWebhook(server.url, MESSAGING_PATH, inboundForm(from, BOT, '5 March 1990'));
    expect(next.messages.join(' ')).toMatch(/time/i);
    const view = await instantApi.get(server.url, id, key);
    expect(view.body).toMatchObject({ channel: 'sms', collected_data: { name: 'Maria', birth_date: '1990-03-05' } });
  });

  it('stops looking codes up for a number after five wrong ones', async () => {
    const { id, key } = await webSession();
    const { code } = (await continueOf(id, key)).body;
    const from = phone();
    const wrong = code.startsWith('Z') ? 'YYYYYYY' : 'ZZZZZZZ';
    for (let i = 0; i < 5; i++) await postWebhook(server.url, MESSAGING_PATH, inboundForm(from, BOT, wrong));
    const sixth = await postWebhook(server.url, MESSAGING_PATH, inboundForm(from, BOT, code));
    expect(sixth.messages[0]).not.toBe("Welcome back! Let's continue here.");
    expect((await instantApi.get(server.url, id, key)).body).toMatchObject({ channel: 'web' });
  });

  it('never hands a signed-in user\'s session to a number that has not proved it is theirs', async () => {
    const userId = randomUUID();
    const token = await tokenFor(userId);
    const started = await userApi.start(server.url, token);
    expect(started.status).toBeLessThan(300);
    const [row] = await server.service.sql.query<{ id: string; resume_code: string }>(
      'select id, resume_code from instant_onboarding_sessions where user_id = $1',
      [userId],
    );
    const refused = await postWebhook(server.url, MESSAGING_PATH, inboundForm(phone(), BOT, row!.resume_code));
    expect(refused.messages).toEqual([expect.stringMatching(/belongs to an account/)]);
    const [after] = await server.service.sql.query<{ channel: string; phone_number: string | null }>(
      'select channel::text, phone_number from instant_onboarding_sessions where id = $1',
      [row!.id],
    );
    expect(after).toEqual({ channel: 'api', phone_number: null });
    const link = await server.service.nudges.links!.linkFor(row!.id);
    const opened = await callApi(server.url, 'POST', '/api/resume-links/open', { body: { token: link.split('/r/')[1] } });
    expect(opened).toMatchObject({ status: 403, body: { code: 'RESUME_NEEDS_SIGN_IN' } });
  });

  it('hands an anonymous session to the browser that opens its magic link; the old key stops working', async () => {
    const { id, key } = await webSession();
    const link = await server.service.nudges.links!.linkFor(id);
    expect(link).toMatch(new RegExp(`^${TWILIO_TEST_ENV.PUBLIC_URL}/r/`));
    const token = link.split('/r/')[1]!;
    const page = await fetch(`${server.url}/r/${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const opened = await callApi<{ session_id: string; session_key: string; flow: string }>(server.url, 'POST', '/api/resume-links/open', { body: { token } });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ session_id: id, flow: 'instant-birth-chart', language: 'en' });
    const view = await instantApi.get(server.url, id, opened.body.session_key);
    expect(view.body).toMatchObject({ next_step: 'birth_date', collected_data: { name: 'Maria' } });
    expect((await instantApi.get(server.url, id, key)).status).toBe(404);
    const forged = `${token.slice(0, -4)}AAAA`;
    expect((await callApi(server.url, 'POST', '/api/resume-links/open', { body: { token: forged } })).status).toBe(404);
    expect((await callApi(server.url, 'POST', '/api/resume-links/open', { body: {} })).status).toBe(400);
  });
});
