import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from '../support/api-client.js';
import { startFakeTwilioApi, type FakeTwilioApi } from '../support/fake-twilio-api.js';
import { PNG } from '../support/png.js';
import { startTestServer, type TestDriver, type TestServer } from '../support/test-server.js';
import { inboundForm, MESSAGING_PATH, postWebhook, TWILIO_TEST_ENV } from '../support/twilio-webhooks.js';
import { PhoneCall } from '../support/twilio-voice-calls.js';

const SECRET = 'practitioner-messaging-secret-0123456789ab';
const DASHBOARD = 'https://app.example.com/dashboard';
const PRACTITIONER_LINE = '+15550003333';
const VERIFY_SID = `VA${'fedcba9876543210'.repeat(2)}`;
const SESSION = '/api/v2/onboarding/session';
let serial = 0;
const newPhone = () => `+1415555${String(3000 + ++serial).padStart(4, '0')}`;
const serviceKey = () =>
  new SignJWT({ role: 'service_role' }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));

/**
 * The practitioner number on WhatsApp (the sender verified by the provider, no code) and the web sign-in through
 * Twilio Verify (a local fake of its API), on one session per practitioner whatever the channel.
 */
describe.each<TestDriver>(['embedded', 'postgres'])('practitioner onboarding over WhatsApp and Twilio Verify (%s database)', (driver) => {
  let server: TestServer;
  let fake: FakeTwilioApi;
  let media: Server;
  let dataDir = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'practitioner-wa-'));
    media = createServer((_req, res) => {
      res.setHeader('content-type', 'image/png');
      res.end(PNG);
    });
    await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
    const mediaBase = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
    fake = await startFakeTwilioApi();
    server = await startTestServer({
      driver,
      env: {
        ...TWILIO_TEST_ENV,
        DATA_DIR: dataDir,
        SUPABASE_JWT_SECRET: SECRET,
        DASHBOARD_URL: DASHBOARD,
        TWILIO_FLOW_BY_NUMBER: `${PRACTITIONER_LINE}=practitioner-onboarding`,
        TWILIO_VERIFY_SERVICE_SID: VERIFY_SID,
      },
      compose: { twilioHttpClient: fake.httpClient, outboxAutoRun: false, twilioMediaUrl: (url) => url.replace('https://api.twilio.com', mediaBase) },
    });
  });
  afterAll(async () => {
    await server.close();
    await fake.close();
    await new Promise((resolve) => media.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const say = async (phone: string, text: string, extra: Record<string, string> = {}) => {
    const res = await postWebhook(server.url, MESSAGING_PATH, inboundForm(`whatsapp:${phone}`, `whatsapp:${PRACTITIONER_LINE}`, text, extra));
    expect(res.status, res.body).toBe(200);
    return res.messages;
  };
  const sendPhoto = (phone: string) =>
    say(phone, '', {
      NumMedia: '1',
      MediaContentType0: 'image/png',
      MediaUrl0: `https://api.twilio.com/2010-04-01/Accounts/${TWILIO_TEST_ENV.TWILIO_ACCOUNT_SID}/Messages/MM${'3'.repeat(32)}/Media/ME${'3'.repeat(32)}`,
    });
  const practitioner = async (phone: string) =>
    (await server.service.sql.query<{ id: string; crm_onboarding_completed: boolean; crm_first_login_date: Date | null }>(
      'select id, crm_onboarding_completed, crm_first_login_date from practitioners where phone_number = $1', [phone]))[0];
  const groupCount = async (phone: string) => {
    const p = await practitioner(phone);
    let n = 0;
    for (const table of ['facilitator_basic_info', 'facilitator_visual_profile', 'facilitator_professional_details', 'facilitator_bio_about', 'facilitator_experience_certifications']) {
      n += (await server.service.sql.query(`select 1 from ${table} where practitioner_id = $1`, [p?.id])).length;
    }
    return n;
  };
  /** Groups 3 to 5 over WhatsApp; the last message. */
  const groupsThreeToFive = async (phone: string, first: string[]): Promise<string[]> => {
    let last = first;
    if (last.at(-1)?.includes('practice')) last = await say(phone, 'yoga');
    for (const text of ['hatha, yin', '12', 'English', 'online', 'under 50', 'Yoga for slow mornings', 'Twelve years of teaching slow, gentle yoga online.',
      'A short talk about your body, then a gentle practice.', 'RYT 500', 'Yoga Alliance', '2015', 'no', 'Teacher', 'independent', '2013', 'now', 'no']) {
      last = await say(phone, text);
    }
    return last;
  };

  it('case 1 on WhatsApp: a new number starts with no code, step k of 5 on every question, a photo answers the photo step, completed with the dashboard link', async () => {
    const phone = newPhone();
    const first = await say(phone, 'Hi');
    expect(first.at(-1)).toBe("Welcome! Let's set up your practitioner profile: five short steps, about ten minutes. Step 1 of 5: What's your first name?");
    expect((await practitioner(phone))?.crm_first_login_date).toBeInstanceOf(Date);
    expect((await say(phone, 'skip')).join(' ')).toContain("can't be skipped");
    await say(phone, 'Priya');
    await say(phone, 'Nair');
    await say(phone, 'priya@calm.example');
    await say(phone, 'Madrid');
    const photoAsked = await say(phone, phone);
    expect(photoAsked.at(-1)).toBe('Step 2 of 5: Please send a photo of yourself for your profile.');
    expect(await groupCount(phone)).toBe(1);
    const colour = await sendPhoto(phone);
    expect(colour.at(-1)).toMatch(/^Step 2 of 5: Pick a colour for your profile page\./);
    const third = await say(phone, 'lavender');
    expect(third.at(-1)).toMatch(/^Step 3 of 5:/);
    const done = await groupsThreeToFive(phone, third);
    expect(done.at(-1)).toBe(`Thank you, your profile is complete! You're all set: your dashboard is at ${DASHBOARD}`);
    expect(await groupCount(phone)).toBe(5);
    expect(await practitioner(phone)).toMatchObject({ crm_onboarding_completed: true });
    // Case 3 on WhatsApp: already onboarded, the bot says so and gives the link.
    expect(await say(phone, 'Hello again')).toEqual([`You're all set: your onboarding is complete. Your dashboard is at ${DASHBOARD}`]);
  });

  it('a call by caller id: a new practitioner starts on the phone, prefilled answers are offered, and a session open on WhatsApp is pointed to', async () => {
    const phone = newPhone();
    await callApi(server.url, 'POST', '/api/v2/practitioners/import', {
      body: { records: [{ phone_number: phone, name: 'Ana Ruiz', email: 'ana@calm.example', is_contacted: true }] },
      headers: { authorization: `Bearer ${await serviceKey()}` },
    });
    const first = await new PhoneCall(server.url, phone, PRACTITIONER_LINE).dial();
    expect(first.said.join(' ')).toMatch(/Step 1 of 5: Your first name is Ana\. Still right\?/);
    expect((await practitioner(phone))?.crm_first_login_date).toBeInstanceOf(Date);
    const [session] = await server.service.sql.query<{ channel: string }>('select channel from instant_onboarding_sessions where phone_number = $1', [phone]);
    expect(session?.channel).toBe('voice');

    const other = newPhone();
    await say(other, 'Hi');
    const call = await new PhoneCall(server.url, other, PRACTITIONER_LINE).dial();
    expect(call.said.join(' ')).toContain('already open on another channel');
    expect(call.hangup || call.gather === null).toBe(true);
  });

  it('Twilio Verify: a check with no pending code is a wrong code, and Twilio\'s own send limit is 429 with Retry-After', async () => {
    const phone = newPhone();
    const none = await callApi(server.url, 'POST', '/api/v2/practitioners/otp/verify', { body: { phone_number: phone, otp: '123456' } });
    expect(none).toMatchObject({ status: 400, body: { code: 'OTP_INVALID' } });
    fake.failNext(429);
    const limited = await callApi(server.url, 'POST', '/api/v2/practitioners/otp', { body: { phone_number: phone } });
    expect(limited).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await practitioner(phone)).toBeUndefined();
  });

  it('case 2 across channels: prefilled answers confirmed on WhatsApp, left after group 2, resumed at group 3 on the web after a Twilio Verify code', async () => {
    const phone = newPhone();
    await callApi(server.url, 'POST', '/api/v2/practitioners/import', {
      body: { records: [{ phone_number: phone, name: 'John Smith', email: 'john@yogastudio.com', practice_type: 'yoga', location: 'Madrid', is_contacted: true }] },
      headers: { authorization: `Bearer ${await serviceKey()}` },
    });
    expect((await say(phone, 'Hi')).at(-1)).toMatch(/Step 1 of 5: Your first name is John\. Still right\?/);
    await say(phone, 'yes');
    await say(phone, 'yes');
    expect((await say(phone, 'yes')).at(-1)).toMatch(/You practise in Madrid, Spain\. Still right\?/);
    await say(phone, 'yes');
    expect((await say(phone, 'yes')).at(-1)).toBe('Step 2 of 5: Please send a photo of yourself for your profile.');
    await sendPhoto(phone);
    expect((await say(phone, 'no colour')).at(-1)).toBe('Step 3 of 5: Your practice is Yoga. Still right? Say yes, or pick another.\n1. Yoga');
    expect(await groupCount(phone)).toBe(2);

    // The web: a code through Twilio Verify (a wrong one first), then the same session at group 3.
    expect((await callApi(server.url, 'POST', '/api/v2/practitioners/otp', { body: { phone_number: phone } })).status).toBe(200);
    const code = fake.verifyCodes.get(phone) ?? '';
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await callApi(server.url, 'POST', '/api/v2/practitioners/otp/verify', { body: { phone_number: phone, otp: code === '999999' ? '999998' : '999999' } });
    expect(wrong).toMatchObject({ status: 400, body: { code: 'OTP_INVALID' } });
    const verified = await callApi<{ session_id: string; session_key: string; is_new_user: boolean; needs_onboarding: boolean; reply: { message: string } }>(
      server.url, 'POST', '/api/v2/practitioners/otp/verify', { body: { phone_number: phone, otp: code } });
    expect(verified.body).toMatchObject({ is_new_user: false, needs_onboarding: true });
    expect(verified.body.reply.message).toBe('Step 3 of 5: Your practice is Yoga. Still right? Say yes, or pick another.');
    const answer = await callApi<{ next_step: string }>(server.url, 'POST', `${SESSION}/${verified.body.session_id}/reply`, { body: { text: 'yes' }, key: verified.body.session_key });
    expect(answer.body.next_step).toBe('modalities');
    // And back on WhatsApp, the same session goes on where the web left it.
    const done = await groupsThreeToFive(phone, ['Which modalities']);
    expect(done.at(-1)).toContain('your profile is complete');
    expect(await groupCount(phone)).toBe(5);
    const sessions = await server.service.sql.query('select id from instant_onboarding_sessions where phone_number = $1', [phone]);
    expect(sessions).toHaveLength(1);
    // Case 3 on the web: the dashboard.
    await callApi(server.url, 'POST', '/api/v2/practitioners/otp', { body: { phone_number: phone } });
    const dashboard = await callApi(server.url, 'POST', '/api/v2/practitioners/otp/verify', { body: { phone_number: phone, otp: fake.verifyCodes.get(phone) } });
    expect(dashboard.body).toMatchObject({ needs_onboarding: false, dashboard_url: DASHBOARD });
  });
});
