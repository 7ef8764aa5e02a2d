import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTwilioApi, type FakeTwilioApi } from '../support/fake-twilio-api.js';
import { startTestServer, type TestDriver, type TestServer } from '../support/test-server.js';
import { inboundForm, MESSAGING_PATH, postWebhook, TWILIO_TEST_ENV } from '../support/twilio-webhooks.js';

const BOT = '+15550001111';
const GREETING_EN = "Welcome! Let's create your birth chart in 90 seconds. What's your name?";
const GREETING_ES = '¡Bienvenido! Creemos tu carta astral en 90 segundos. ¿Cómo te llamas?';
let serial = 0;
/** A fresh sender number per test, so tests never find each other's sessions. */
const newNumber = (country: '1' | '34') => (country === '1' ? `+1202555${String(1000 + ++serial).slice(-4)}` : `+346123${String(10000 + ++serial).slice(-5)}`);

describe.each<TestDriver>(['embedded', 'postgres'])('SMS and WhatsApp through Twilio webhooks (%s database)', (driver) => {
  let server: TestServer;
  let fake: FakeTwilioApi;
  beforeAll(async () => {
    fake = await startFakeTwilioApi();
    server = await startTestServer({ driver, env: { ...TWILIO_TEST_ENV }, compose: { twilioHttpClient: fake.httpClient } });
  });
  afterAll(async () => {
    await server.close();
    await fake.close();
  });

  const say = async (from: string, text: string, to = BOT, extra: Record<string, string> = {}) => {
    const whatsapp = from.startsWith('whatsapp:');
    const res = await postWebhook(server.url, MESSAGING_PATH, inboundForm(from, whatsapp ? `whatsapp:${to}` : to, text, extra));
    expect(res.status, res.body).toBe(200);
    return res.messages;
  };
  const sessionOf = async (phone: string) => {
    const rows = await server.service.sql.query<{ id: string; channel: string; language: string; status: string; bot_number: string; collected_data: Record<string, unknown> }>(
      'select id, channel, language, status, bot_number, collected_data from instant_onboarding_sessions where phone_number = $1 order by created_at',
      [phone],
    );
    return rows;
  };
  const count = async (sql: string, params: unknown[]) => (await server.service.sql.query<{ n: number }>(sql, params))[0]?.n;

  it('holds a whole instant conversation over SMS, answering in TwiML', async () => {
    const phone = newNumber('1');
    expect(await say(phone, 'Hi')).toEqual([GREETING_EN]);
    expect(await say(phone, 'Maria')).toEqual(['When were you born? (for example: 5 March 1990)']);
    expect(await say(phone, '5 March 1990')).toEqual([`What time were you born? If you don't know, just say "I don't know".`]);
    expect(await say(phone, '7:30 am')).toEqual(['Where were you born? (city, and country if the city name is common)']);
    const done = await say(phone, 'Madrid');
    // The chart is made within the turn: the answer is the chart itself, with no "preparing" message first.
    expect(done).toHaveLength(1);
    expect(done[0]).toMatch(/^Maria, here is your birth chart for Madrid: your Sun is in Pisces/);
    expect(await sessionOf(phone)).toEqual([
      expect.objectContaining({
        channel: 'sms',
        language: 'en',
        status: 'completed',
        bot_number: BOT,
        collected_data: expect.objectContaining({ name: 'Maria', birth_date: '1990-03-05', birth_time: '07:30' }),
      }),
    ]);
    // The profile was in the reply: nothing waits in the outbox.
    expect(await count('select count(*)::int as n from onboarding_outbox o join instant_onboarding_sessions s on s.id = o.session_id where s.phone_number = $1', [phone])).toBe(0);
    // Written after completion, a message is answered without starting over (issue 19): a polite word, a
    // correction that makes the chart again, and a new conversation only when asked for.
    expect(await say(phone, 'thanks')).toEqual([`You've already finished, thank you! To change an answer, write for example "actually my name is Ana". To start again, write "restart".`]);
    expect(await sessionOf(phone)).toHaveLength(1);
    const corrected = await say(phone, 'actually my birth date is 6 March 1990');
    expect(corrected[0]).toBe('Got it, your birth date is now 6 March 1990.');
    expect(corrected.at(-1)).toMatch(/^Maria, here is your birth chart for Madrid/);
    expect(await sessionOf(phone)).toEqual([expect.objectContaining({ status: 'completed', collected_data: expect.objectContaining({ birth_date: '1990-03-06' }) })]);
    expect(await say(phone, 'start over')).toEqual([GREETING_EN]);
    expect(await sessionOf(phone)).toHaveLength(2);
  });

  it('holds a whole conversation over WhatsApp, greeting in the language of the number, which the person can change', async () => {
    const phone = newNumber('34');
    const from = `whatsapp:${phone}`;
    expect(await say(from, 'Hola')).toEqual([GREETING_ES]);
    expect(await say(from, 'English')).toEqual(["OK, let's continue in English.", "What's your name?"]);
    await say(from, 'Maria');
    await say(from, '5 March 1990');
    await say(from, '7:30 am');
    const done = await say(from, 'Madrid');
    expect(done.at(-1)).toMatch(/^Maria, here is your birth chart for Madrid/);
    const [session] = await sessionOf(phone);
    expect(session).toMatchObject({ channel: 'whatsapp', language: 'en', status: 'completed', bot_number: BOT });
    // The same number over SMS is another conversation.
    expect(await say(phone, 'hola')).toEqual([GREETING_ES]);
    expect(await say(phone, 'español')).toEqual(['De acuerdo, seguimos en español.', '¿Cómo te llamas?']);
  });

  it('answers a redelivered message with the same TwiML and changes nothing, the first message included', async () => {
    const phone = newNumber('1');
    const first = inboundForm(phone, BOT, 'Hi');
    const a = await postWebhook(server.url, MESSAGING_PATH, first);
    const b = await postWebhook(server.url, MESSAGING_PATH, first);
    expect(b.body).toBe(a.body);
    expect(await sessionOf(phone)).toHaveLength(1);
    const answer = inboundForm(phone, BOT, 'Maria');
    const c = await postWebhook(server.url, MESSAGING_PATH, answer);
    const d = await postWebhook(server.url, MESSAGING_PATH, answer);
    expect(d.body).toBe(c.body);
    expect(d.messages).toEqual(['When were you born? (for example: 5 March 1990)']);
    const [session] = await sessionOf(phone);
    expect(session?.collected_data).toEqual({ name: 'Maria' });
    expect(await count(`select count(*)::int as n from onboarding_events where session_id = $1 and kind = 'inbound'`, [session?.id])).toBe(2);
    // A redelivery of the first message after the conversation moved on still gets the first answer.
    expect((await postWebhook(server.url, MESSAGING_PATH, first)).body).toBe(a.body);
  });

  it('takes a MessageSid replayed from another number (or channel) as that sender\'s own message, never answering with another\'s reply', async () => {
    const person = newNumber('1');
    await say(person, 'Hi');
    const answer = inboundForm(person, BOT, 'Maria');
    const answered = await postWebhook(server.url, MESSAGING_PATH, answer);
    expect(answered.messages).toEqual(['When were you born? (for example: 5 March 1990)']);
    // From a number with no conversation: its first message, which starts its own.
    const stranger = newNumber('1');
    const replay = await postWebhook(server.url, MESSAGING_PATH, { ...answer, From: stranger });
    expect(replay.messages).toEqual([GREETING_EN]);
    expect(await sessionOf(stranger)).toEqual([expect.objectContaining({ channel: 'sms', collected_data: {} })]);
    // The same number over WhatsApp is another sender too.
    const overWhatsapp = await postWebhook(server.url, MESSAGING_PATH, { ...answer, From: `whatsapp:${person}`, To: `whatsapp:${BOT}` });
    expect(overWhatsapp.messages).toEqual([GREETING_EN]);
    // From a number in a conversation of its own, further along: an answer in that conversation.
    const other = newNumber('1');
    await say(other, 'Hi');
    await say(other, 'Ana');
    const replayed = await postWebhook(server.url, MESSAGING_PATH, { ...answer, From: other });
    expect(replayed.status).toBe(200);
    expect(replayed.body).not.toBe(answered.body);
    expect((await sessionOf(other))[0]?.collected_data).toEqual({ name: 'Ana' });
    // The person's conversation is as it was, and their own redelivery still gets their reply.
    expect((await sessionOf(person)).filter((row) => row.channel === 'sms').map((row) => row.collected_data)).toEqual([{ name: 'Maria' }]);
    expect((await postWebhook(server.url, MESSAGING_PATH, answer)).body).toBe(answered.body);
  });

  it('refuses a bad or missing signature with 403 and changes nothing', async () => {
    const phone = newNumber('1');
    const form = inboundForm(phone, BOT, 'Hi');
    expect((await postWebhook(server.url, MESSAGING_PATH, form, { signature: null })).status).toBe(403);
    expect((await postWebhook(server.url, MESSAGING_PATH, form, { signature: 'bm90IGEgc2lnbmF0dXJl' })).status).toBe(403);
    expect((await postWebhook(server.url, MESSAGING_PATH, form, { authToken: 'another-accounts-token-0123456' })).status).toBe(403);
    // Signed over other parameters than the ones sent: a tampered body.
    const signedForOther = await postWebhook(server.url, MESSAGING_PATH, { ...form, Body: 'STOP' }, {
      signature: (await import('twilio')).default.getExpectedTwilioSignature(TWILIO_TEST_ENV.TWILIO_AUTH_TOKEN, `${TWILIO_TEST_ENV.PUBLIC_URL}${MESSAGING_PATH}`, form),
    });
    expect(signedForOther.status).toBe(403);
    expect(await sessionOf(phone)).toEqual([]);
    expect(await count('select count(*)::int as n from onboarding_messaging_opt_outs where phone_number = $1', [phone])).toBe(0);
    // The same message, properly signed, is taken.
    expect((await postWebhook(server.url, MESSAGING_PATH, form)).messages).toEqual([GREETING_EN]);
  });

  it('opts a number out at once on STOP, says nothing until START, then carries on', async () => {
    const phone = newNumber('1');
    await say(phone, 'Hi');
    expect(await say(phone, 'Stop')).toEqual(["You won't get any more messages from us. Reply START if you want to continue."]);
    expect(await say(phone, 'Maria')).toEqual([]);
    expect(await say(phone, 'HELP')).toEqual([]);
    expect((await sessionOf(phone))[0]?.collected_data).toEqual({});
    expect(await say(phone, 'START')).toEqual(['Welcome back! Send any message to continue where you left off.']);
    expect(await say(phone, 'Maria')).toEqual(['When were you born? (for example: 5 March 1990)']);
    // Twilio's own opt-out handling answered already (OptOutType): the opt-out is recorded, the answer is silence.
    for (const keyword of ['UNSUBSCRIBE', 'cancel', 'END', 'quit', 'STOPALL']) {
      expect(await say(phone, keyword, BOT, { OptOutType: 'STOP' })).toEqual([]);
      expect(await say(phone, 'still there?')).toEqual([]);
      expect(await say(phone, 'START', BOT, { OptOutType: 'START' })).toEqual([]);
    }
    // A WhatsApp STOP does not silence SMS, and the reverse.
    expect(await say(`whatsapp:${phone}`, 'STOP')).toHaveLength(1);
    expect(await say(phone, '5 March 1990')).toHaveLength(1);
  });

  it('answers HELP with what the bot is and how to stop, and the question\'s own help in a conversation', async () => {
    const phone = newNumber('1');
    const [help] = await say(phone, 'help');
    expect(help).toMatch(/onboarding assistant.*Reply STOP/);
    expect(await sessionOf(phone)).toEqual([]);
    await say(phone, 'Hi');
    const inConversation = await say(phone, 'HELP');
    expect(inConversation[0]).toBe(help);
    expect(inConversation.slice(1).join(' ')).toContain('Just your first name is fine');
    const [spanish] = await say(`whatsapp:${newNumber('34')}`, 'HELP');
    expect(spanish).toMatch(/asistente de bienvenida.*STOP/);
  });

  it('asks for text when a message has only media', async () => {
    const phone = newNumber('1');
    const media = { NumMedia: '1', MediaUrl0: `https://api.twilio.com/2010-04-01/Accounts/${TWILIO_TEST_ENV.TWILIO_ACCOUNT_SID}/Messages/MM1/Media/ME1`, MediaContentType0: 'image/jpeg' };
    expect(await say(`whatsapp:${phone}`, '', BOT, media)).toEqual(['I can only read text here: please type your answer.']);
  });

  it('rejects a form that is not an inbound message', async () => {
    const res = await postWebhook(server.url, MESSAGING_PATH, { From: '+12025550100', Body: 'Hi' });
    expect(res.status).toBe(400);
  });
});
