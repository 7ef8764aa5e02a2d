import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { instantApi } from '../support/api-client.js';
import { startFakeTwilioApi, type FakeTwilioApi } from '../support/fake-twilio-api.js';
import { startTestServer, type TestDriver, type TestServer } from '../support/test-server.js';
import { newCallSid, PhoneCall, postCallWebhook, VOICE_STATUS_PATH, type CallTurn } from '../support/twilio-voice-calls.js';
import { inboundForm, MESSAGING_PATH, postWebhook, TWILIO_TEST_ENV } from '../support/twilio-webhooks.js';
import { findAll, parseXml } from '../support/twiml-reader.js';

const BOT = '+15550001111';
let serial = 0;
/** Fresh caller numbers per test: a US number (mobile or not, SMS-capable), a Spanish mobile, a Spanish landline. */
const newNumber = (kind: 'us' | 'es-mobile' | 'es-landline') => {
  const n = String(10000 + ++serial).slice(-5);
  return kind === 'us' ? `+1202555${n.slice(-4)}` : kind === 'es-mobile' ? `+346123${n}` : `+349123${n}`;
};

const CONFIRM_KEYS_EN = 'Say yes or press 1. Say no or press 2.';
const NAME_EN = "What's your first name? You can also spell it, letter by letter.";
const DATE_EN = 'When were you born? Say the day, month and year, or type eight digits on the keypad: two for the day, two for the month and four for the year.';
const TIME_EN = "What time were you born? For example: seven thirty in the morning. If you don't know, say: I don't know.";
const PLACE_EN = 'In which town or city were you born? Add the country if the name is common.';

/** What a voice must never read out: emoji, markdown, symbols spelled oddly. */
const UNSPEAKABLE = /\p{Extended_Pictographic}|[*_#`°…]/u;

/** A question: said inside a Gather for speech and keypad, in the language's voice, with a silence path after it. */
function expectQuestion(turn: CallTurn, language: 'en-US' | 'es-ES', voice: string, silences = 1): void {
  expect(turn.status).toBe(200);
  expect(turn.hangup).toBe(false);
  expect(turn.gather?.attributes).toMatchObject({ input: 'speech dtmf', language, speechTimeout: 'auto', method: 'POST' });
  const says = findAll(turn.gather!, 'Say');
  expect(says.length).toBe(turn.said.length);
  for (const say of says) expect(say.attributes).toEqual({ voice, language });
  expect(turn.redirect).toMatch(new RegExp(`[?&]q=${silences}(&|$)`));
  for (const line of turn.said) expect(line).not.toMatch(UNSPEAKABLE);
}

function expectGoodbye(turn: CallTurn): void {
  expect(turn.status).toBe(200);
  expect(turn.gather).toBeNull();
  expect(turn.hangup).toBe(true);
  expect(turn.twiml.children.at(-1)).toMatchObject({ name: 'Hangup' });
}

/** What a webhook for a session it cannot reach gets: the answer for an unknown session, nothing of the session. */
function expectUnknownSession(turn: CallTurn): void {
  expectGoodbye(turn);
  expect(turn.said).toEqual(["Sorry, I can't continue this conversation. Please call again. Goodbye."]);
}

/** A gather URL naming any session, as one of the service's own would (a session id is in every turn's log line). */
const gatherPath = (sessionId: string, turn = 2, mode = 'date') => `/webhooks/twilio/voice/gather?s=${sessionId}&f=instant-birth-chart&l=en&t=${turn}&m=${mode}`;
const answerForm = (callSid: string, from: string, extra: Record<string, string>) => ({
  CallSid: callSid, AccountSid: TWILIO_TEST_ENV.TWILIO_ACCOUNT_SID, From: from, To: BOT, CallStatus: 'in-progress', ...extra,
});

/** A web session started and answered through the JSON API: at the birth date, or completed with its profile. */
async function webSession(url: string, answers: string[]): Promise<string> {
  const started = await instantApi.start(url);
  const id = started.body.session_id as string;
  for (const text of answers) expect((await instantApi.reply(url, id, started.body.session_key as string, { text })).status).toBe(200);
  return id;
}

describe.each<TestDriver>(['embedded', 'postgres'])('phone calls through Twilio Voice webhooks (%s database)', (driver) => {
  let server: TestServer;
  let fake: FakeTwilioApi;
  beforeAll(async () => {
    fake = await startFakeTwilioApi();
    server = await startTestServer({ driver, env: { ...TWILIO_TEST_ENV }, compose: { twilioHttpClient: fake.httpClient, outboxAutoRun: false } });
  });
  afterAll(async () => {
    await server.close();
    await fake.close();
  });
  beforeEach(() => {
    fake.received.length = 0;
  });

  const sessionsOf = (phone: string) =>
    server.service.sql.query<{ id: string; channel: string; language: string; status: string; current_step: string | null; bot_number: string; collected_data: Record<string, unknown> }>(
      'select id, channel, language, status, current_step, bot_number, collected_data from instant_onboarding_sessions where phone_number = $1 order by created_at',
      [phone],
    );
  const outboxOf = (phone: string) =>
    server.service.sql.query<{ channel: string; kind: string; body: string; to_address: string; from_address: string }>(
      'select channel, kind, body, to_address, from_address from onboarding_outbox where to_address = $1 order by id',
      [phone],
    );
  const count = async (sql: string, params: unknown[]) => (await server.service.sql.query<{ n: number }>(sql, params))[0]?.n;
  /** The SMS the fake Twilio API received, after the outbox worker's pass. */
  const smsSent = async (to: string) => {
    await server.service.outbox.runOnce();
    return fake.received.filter((r) => r.params.To === to).map((r) => ({ from: r.params.From, body: r.params.Body }));
  };

  it('holds a whole call in English: spelled name, keypad date, a low-confidence answer read back, the summary spoken and texted', async () => {
    const phone = newNumber('us');
    const call = new PhoneCall(server.url, phone, BOT);
    const voice = 'Polly.Joanna-Neural';

    const greeting = await call.dial();
    expectQuestion(greeting, 'en-US', voice);
    expect(greeting.said).toEqual([`Welcome! Let's create your birth chart. It takes about a minute. ${NAME_EN}`]);
    expect(greeting.gather?.attributes.action).toMatch(/^https:\/\/bot\.example\.test\/webhooks\/twilio\/voice\/gather\?.*t=1/);

    // A spelled name is joined, and a name is always read back.
    const name = await call.say('M. A. R. I. A.', 0.9);
    expectQuestion(name, 'en-US', voice);
    expect(name.said).toEqual(['I understood Maria. Is that right?', CONFIRM_KEYS_EN]);
    expect(name.gather?.attributes).toMatchObject({ numDigits: '1', hints: 'Yes, No' });

    const date = await call.press('1');
    expectQuestion(date, 'en-US', voice);
    expect(date.said).toEqual([DATE_EN]);
    expect(date.gather?.attributes.numDigits).toBe('8');

    // Eight keypad digits, day first, read back as a spoken date.
    const keypadDate = await call.press('05031990');
    expect(keypadDate.said).toEqual(['I understood March 5, 1990. Is that right?', CONFIRM_KEYS_EN]);
    expect((await call.say("Yes, that's right.", 0.95)).said).toEqual([TIME_EN]);

    // A time is not easy to mishear, but this one was heard with little confidence: read back; "no" asks again.
    const unsure = await call.say('seven thirty in the morning', 0.41);
    expect(unsure.said).toEqual(['I understood 7:30 AM. Is that right?', CONFIRM_KEYS_EN]);
    expect((await call.say('No.', 0.9)).said).toEqual(["No problem, let's try again.", TIME_EN]);
    const place = await call.say('seven thirty in the morning', 0.93);
    expectQuestion(place, 'en-US', voice);
    expect(place.said).toEqual([PLACE_EN]);
    // A caller is told to say the town, never to write it (issue 19).
    const unreadable = await call.say('1 2 3', 0.9);
    expect(unreadable.said[0]).toMatch(/^Please say the name of the town or city where you were born/);
    expect(unreadable.said.join(' ')).not.toMatch(/write/i);

    expect((await call.say('Madrid.', 0.88)).said).toEqual(['I understood Madrid, Spain. Is that right?', CONFIRM_KEYS_EN]);
    const done = await call.press('1');
    expectGoodbye(done);
    expect(done.said[0]).toMatch(/^Maria, here is your birth chart for Madrid: your Sun is in Pisces/);
    expect(done.said.slice(1)).toEqual(["I've also sent this to you by text message.", 'Thank you for calling. Goodbye!']);
    for (const line of done.said) expect(line).not.toMatch(UNSPEAKABLE);

    expect(await sessionsOf(phone)).toEqual([
      expect.objectContaining({
        channel: 'voice',
        language: 'en',
        status: 'completed',
        bot_number: BOT,
        collected_data: expect.objectContaining({ name: 'Maria', birth_date: '1990-03-05', birth_time: '07:30', birth_place: expect.objectContaining({ name: 'Madrid' }) }),
      }),
    ]);
    // The summary goes out by SMS once, as written for the screen, from the number called.
    expect(await outboxOf(phone)).toEqual([expect.objectContaining({ channel: 'sms', kind: 'profile_ready', from_address: BOT })]);
    const [sms] = await smsSent(phone);
    expect(sms).toEqual({ from: BOT, body: expect.stringMatching(/^Maria, here is your birth chart for Madrid.*°/) });
  });

  it('holds a whole call in Spanish for a Spanish number, in its voice and words', async () => {
    const phone = newNumber('es-mobile');
    const call = new PhoneCall(server.url, phone, BOT);
    const voice = 'Polly.Lucia-Neural';
    const confirmKeys = 'Di sí o pulsa 1. Di no o pulsa 2.';

    const greeting = await call.dial();
    expectQuestion(greeting, 'es-ES', voice);
    expect(greeting.said).toEqual(['¡Bienvenido! Vamos a crear tu carta astral. Solo lleva un minuto. ¿Cómo te llamas? También puedes deletrear tu nombre, letra por letra.']);
    expect((await call.say('María', 0.93)).said).toEqual(['He entendido María. ¿Es correcto?', confirmKeys]);
    expect((await call.say('Sí.', 0.9)).said[0]).toMatch(/^¿Cuándo naciste\? Di el día, el mes y el año, o marca ocho cifras/);
    expect((await call.say('el 5 de marzo de 1990', 0.91)).said).toEqual(['He entendido 5 de marzo de 1990. ¿Es correcto?', confirmKeys]);
    expect((await call.say('sí, correcto', 0.9)).said).toEqual(['¿A qué hora naciste? Por ejemplo: a las siete y media de la mañana. Si no lo sabes, di: no sé.']);
    // Confident, and a time: taken without reading it back.
    const place = await call.say('a las siete y media de la mañana', 0.94);
    expectQuestion(place, 'es-ES', voice);
    expect(place.said).toEqual(['¿En qué ciudad o pueblo naciste? Añade el país si el nombre es común.']);
    expect((await call.say('Sevilla', 0.9)).said).toEqual(['He entendido Sevilla, España. ¿Es correcto?', confirmKeys]);
    const done = await call.press('1');
    expectGoodbye(done);
    expect(done.said[0]).toMatch(/^María, aquí tienes tu carta natal para Sevilla/);
    expect(done.said.slice(1)).toEqual(['También te lo he enviado por mensaje de texto.', 'Gracias por llamar. ¡Hasta luego!']);

    expect(await sessionsOf(phone)).toEqual([
      expect.objectContaining({ channel: 'voice', language: 'es', status: 'completed', collected_data: expect.objectContaining({ name: 'María', birth_date: '1990-03-05', birth_time: '07:30' }) }),
    ]);
    expect((await smsSent(phone)).map((s) => s.body)).toEqual([expect.stringMatching(/^María, aquí tienes tu carta natal/)]);
  });

  it('asks again after a silence, then offers to go on by SMS, pauses and hangs up; the SMS reply continues', async () => {
    const phone = newNumber('es-mobile');
    const call = new PhoneCall(server.url, phone, BOT);
    await call.dial();
    await call.say('María', 0.95);
    const date = await call.say('sí', 0.95);

    const again = await call.silence();
    expectQuestion(again, 'es-ES', 'Polly.Lucia-Neural', 2);
    expect(again.said).toEqual(['Perdona, no he oído nada.', ...date.said]);
    // The same question keeps waiting for the same answer; the silence path now counts two.
    expect(again.gather?.attributes.action).toBe(date.gather?.attributes.action);

    const bye = await call.silence();
    expectGoodbye(bye);
    expect(bye.said).toEqual([
      'Parece que no es buen momento. Te envío un mensaje de texto: respóndelo cuando quieras para seguir donde lo dejaste. ¡Hasta luego!',
    ]);
    expect(await sessionsOf(phone)).toEqual([expect.objectContaining({ status: 'paused', collected_data: { name: 'María' } })]);
    expect(await smsSent(phone)).toEqual([{ from: BOT, body: expect.stringMatching(/^¡Hola! Soy el asistente de bienvenida al que llamaste/) }]);
    // Twilio repeating the webhook sends nothing twice.
    expectGoodbye(await call.repeat());
    expect(await outboxOf(phone)).toHaveLength(1);
    expect(await call.hangUp()).toBe(204);

    // A reply to that SMS finds the call's session and picks up at its question, as text now.
    const reply = await postWebhook(server.url, MESSAGING_PATH, inboundForm(phone, BOT, 'Hola'));
    expect(reply.messages).toEqual(['¡Hola de nuevo! Sigamos.', '¿Cuándo naciste? (por ejemplo: 5 de marzo de 1990)']);
    expect((await postWebhook(server.url, MESSAGING_PATH, inboundForm(phone, BOT, '5 de marzo de 1990'))).messages[0]).toMatch(/^¿A qué hora naciste\?/);
    expect(await sessionsOf(phone)).toEqual([expect.objectContaining({ channel: 'voice', status: 'collecting_data', current_step: 'birth_time' })]);
  });

  it('says so when the number cannot take an SMS, and sends none', async () => {
    const phone = newNumber('es-landline');
    const call = new PhoneCall(server.url, phone, BOT);
    await call.dial();
    await call.silence();
    const bye = await call.silence();
    expectGoodbye(bye);
    expect(bye.said[0]).toMatch(/^Parece que no es buen momento, y no puedo enviar mensajes de texto a este número/);
    expect(await sessionsOf(phone)).toEqual([expect.objectContaining({ status: 'paused', collected_data: {} })]);
    expect(await outboxOf(phone)).toEqual([]);
  });

  it('pauses the session when the caller hangs up, and offers to resume it on the next call', async () => {
    const phone = newNumber('us');
    const first = new PhoneCall(server.url, phone, BOT);
    await first.dial();
    await first.say('Maria', 0.95);
    await first.say('yes', 0.95);
    expect(await first.hangUp()).toBe(204);
    expect(await sessionsOf(phone)).toEqual([expect.objectContaining({ status: 'paused', collected_data: { name: 'Maria' } })]);
    // A repeated status callback changes nothing more.
    expect(await first.hangUp()).toBe(204);

    const second = new PhoneCall(server.url, phone, BOT);
    const offer = await second.dial();
    expectQuestion(offer, 'en-US', 'Polly.Joanna-Neural');
    expect(offer.said).toEqual([
      'Welcome back! You stopped in the middle of your questions. To continue where you stopped, press 1 or say yes. To start over, press 2.',
    ]);
    expect(offer.gather?.attributes.numDigits).toBe('1');
    const resumed = await second.press('1');
    expectQuestion(resumed, 'en-US', 'Polly.Joanna-Neural');
    expect(resumed.said).toEqual(["Welcome back! Let's continue.", DATE_EN]);
    expect((await second.press('19900305')).said[0]).toBe('I understood March 5, 1990. Is that right?');
    expect((await second.press('1')).said).toEqual([TIME_EN]);
    expect(await sessionsOf(phone)).toEqual([expect.objectContaining({ status: 'collecting_data', collected_data: { name: 'Maria', birth_date: '1990-03-05' } })]);

    // Hung up again; the third call starts over with 2.
    expect(await second.hangUp()).toBe(204);
    const third = new PhoneCall(server.url, phone, BOT);
    await third.dial();
    const over = await third.press('2');
    expect(over.said).toEqual(["Let's start again from the beginning.", NAME_EN]);
    const [session] = await sessionsOf(phone);
    expect(session).toMatchObject({ status: 'collecting_data', current_step: 'name', collected_data: {} });
    expect(await sessionsOf(phone)).toHaveLength(1);
  });

  it('answers a repeated webhook with the same TwiML and changes nothing, the call\'s first included', async () => {
    const phone = newNumber('us');
    const call = new PhoneCall(server.url, phone, BOT);
    const greeting = await call.dial();
    expect((await call.repeat()).twiml).toEqual(greeting.twiml);
    expect(await sessionsOf(phone)).toHaveLength(1);
    const confirm = await call.say('Maria', 0.95);
    expect((await call.repeat()).twiml).toEqual(confirm.twiml);
    const date = await call.press('1');
    expect((await call.repeat()).twiml).toEqual(date.twiml);
    const [session] = await sessionsOf(phone);
    expect(session?.collected_data).toEqual({ name: 'Maria' });
    expect(await count(`select count(*)::int as n from onboarding_events where session_id = $1 and kind = 'inbound'`, [session?.id])).toBe(2);
  });

  it('reaches a session only from its own number and call: another number, another call, a web or WhatsApp session\'s id change nothing', async () => {
    const phone = newNumber('us');
    const call = new PhoneCall(server.url, phone, BOT);
    await call.dial();
    await call.say('Maria', 0.95);
    await call.press('1');
    const gather = call.action();
    const sessionRow = async (id: string) => (await server.service.sql.query('select * from instant_onboarding_sessions where id = $1', [id]))[0];
    const [voice] = await sessionsOf(phone);
    const before = await sessionRow(voice!.id);
    const date = { Digits: '01012000' };

    // The call's own gather URL, signed as Twilio would sign it, but from another number, or from another call.
    expectUnknownSession(await postCallWebhook(server.url, gather, answerForm(call.callSid, newNumber('us'), date)));
    expectUnknownSession(await postCallWebhook(server.url, gather, answerForm(newCallSid(), phone, date)));
    // The silence path of another call would pause the session and text the caller.
    expectUnknownSession(await postCallWebhook(server.url, `${gather}&q=2`, answerForm(newCallSid(), phone, {})));
    // Another call of the same number ending does not pause this call's session.
    expect((await postCallWebhook(server.url, VOICE_STATUS_PATH, answerForm(newCallSid(), phone, { CallStatus: 'completed' }))).status).toBe(204);
    expect(await sessionRow(voice!.id)).toEqual(before);

    // Sessions of other channels, by id, even with this call's own number and CallSid.
    const asking = await webSession(server.url, ['Maria']);
    const completed = await webSession(server.url, ['Maria', '5 March 1990', '7:30 am', 'Madrid']);
    await postWebhook(server.url, MESSAGING_PATH, inboundForm(`whatsapp:${phone}`, `whatsapp:${BOT}`, 'Hi'));
    const whatsapp = (await sessionsOf(phone)).find((row) => row.channel === 'whatsapp')!.id;
    for (const id of [asking, completed, whatsapp]) {
      const row = await sessionRow(id);
      const turn = await postCallWebhook(server.url, gatherPath(id), answerForm(call.callSid, phone, date));
      expectUnknownSession(turn);
      expect(turn.said.join(' ')).not.toMatch(/Maria|birth chart/);
      expect(await sessionRow(id)).toEqual(row);
    }

    // The call itself carries on.
    expect((await call.press('05031990')).said[0]).toBe('I understood March 5, 1990. Is that right?');
  });

  it('holds a call from a withheld number, which its own call alone reaches', async () => {
    const call = new PhoneCall(server.url, 'anonymous', BOT);
    await call.dial();
    expect((await call.say('Maria', 0.95)).said).toEqual(['I understood Maria. Is that right?', CONFIRM_KEYS_EN]);
    expectUnknownSession(await postCallWebhook(server.url, call.action(), answerForm(newCallSid(), 'anonymous', { Digits: '1' })));
    expect((await call.press('1')).said).toEqual([DATE_EN]);
  });

  it('once a later call resumes a session, the earlier call\'s webhooks no longer reach it', async () => {
    const phone = newNumber('us');
    const first = new PhoneCall(server.url, phone, BOT);
    await first.dial();
    await first.say('Maria', 0.95);
    const stale = first.action();
    await first.hangUp();
    const second = new PhoneCall(server.url, phone, BOT);
    await second.dial();
    expectUnknownSession(await postCallWebhook(server.url, stale, answerForm(first.callSid, phone, { Digits: '1' })));
    expect((await second.press('1')).said).toEqual(["Welcome back! Let's continue.", 'I understood Maria. Is that right?', CONFIRM_KEYS_EN]);
    // The first call's status callback, late, does not pause the second call's conversation either.
    expect(await first.hangUp()).toBe(204);
    expect(await sessionsOf(phone)).toEqual([expect.objectContaining({ status: 'collecting_data' })]);
  });

  it('refuses a bad or missing signature with 403 and starts nothing', async () => {
    const phone = newNumber('us');
    expect((await new PhoneCall(server.url, phone, BOT).dial({ signature: null })).status).toBe(403);
    expect((await new PhoneCall(server.url, phone, BOT).dial({ signature: 'bm90IGEgc2lnbmF0dXJl' })).status).toBe(403);
    expect(await sessionsOf(phone)).toEqual([]);
  });
});

describe('phone calls in console mode (TWILIO_CONSOLE=true, no Twilio credentials)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { PROFILE_WAIT_MS: '0', TWILIO_CONSOLE: 'true' }, compose: { outboxAutoRun: false } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('a web session\'s id on the unsigned gather route changes nothing and reads nothing out', async () => {
    for (const answers of [['Maria'], ['Maria', '5 March 1990', '7:30 am', 'Madrid']]) {
      const id = await webSession(server.url, answers);
      const [before] = await server.service.sql.query('select * from instant_onboarding_sessions where id = $1', [id]);
      const turn = await postCallWebhook(server.url, gatherPath(id), answerForm(newCallSid(), newNumber('us'), { SpeechResult: '1 January 2000', Confidence: '0.99' }), { signature: null });
      expectUnknownSession(turn);
      expect(turn.said.join(' ')).not.toMatch(/Maria|birth chart/);
      expect((await server.service.sql.query('select * from instant_onboarding_sessions where id = $1', [id]))[0]).toEqual(before);
    }
  });

  it('takes unsigned webhooks and points the Gather at a relative URL', async () => {
    const call = new PhoneCall(server.url, newNumber('us'), BOT);
    const greeting = await call.dial({ signature: null });
    expect(greeting.status).toBe(200);
    expect(greeting.gather?.attributes.action).toMatch(/^\/webhooks\/twilio\/voice\/gather\?/);
    expect(greeting.said[0]).toMatch(/^Welcome!/);
  });

  it('says a profile that is not ready yet will come by SMS, and the profile runner sends it so', async () => {
    const phone = newNumber('us');
    const call = new PhoneCall(server.url, phone, BOT);
    await call.dial({ signature: null });
    for (const [speech, confidence] of [['Maria', 0.9], ['yes', 0.9], ['5 March 1990', 0.9], ['yes', 0.9], ['7:30 am', 0.9], ['Madrid', 0.9]] as const) {
      await call.say(speech, confidence);
    }
    const late = await call.press('1');
    expectGoodbye(late);
    expect(late.said).toEqual([
      "Thank you! I'm preparing your profile now.",
      "It's taking a little longer than usual: I'll send it to you by text message as soon as it's ready.",
      'Thank you for calling. Goodbye!',
    ]);
    await server.service.service.profiles.drain();
    const rows = await server.service.sql.query<{ channel: string; kind: string; body: string }>('select channel, kind, body from onboarding_outbox where to_address = $1', [phone]);
    expect(rows).toEqual([{ channel: 'sms', kind: 'profile_ready', body: expect.stringMatching(/^Maria, here is your birth chart for Madrid/) }]);
  });

  it('ignores the status of a call it cannot place (withheld number) or that is still ringing', async () => {
    const status = async (form: Record<string, string>) =>
      (await fetch(`${server.url}/webhooks/twilio/voice/status`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() })).status;
    const sid = `CA${'1'.repeat(32)}`;
    expect(await status({ CallSid: sid, From: 'anonymous', To: BOT, CallStatus: 'completed' })).toBe(204);
    expect(await status({ CallSid: sid, From: '+12025550100', To: BOT, CallStatus: 'ringing' })).toBe(204);
    expect(await status({ From: '+12025550100', CallStatus: 'completed' })).toBe(400);
  });
});

describe('the TwiML reader', () => {
  it('reads elements, attributes, text and entities, and refuses what is not well formed', () => {
    const doc = parseXml('<?xml version="1.0" encoding="UTF-8"?><Response><Gather action="/a?x=1&amp;y=2"><Say>Hi &lt;you&gt; &#233;</Say></Gather><Hangup/></Response>');
    expect(doc).toEqual({
      name: 'Response',
      attributes: {},
      children: [
        { name: 'Gather', attributes: { action: '/a?x=1&y=2' }, children: [{ name: 'Say', attributes: {}, children: ['Hi <you> é'] }] },
        { name: 'Hangup', attributes: {}, children: [] },
      ],
    });
    expect(() => parseXml('<Response><Say>Hi</Response>')).toThrow();
    expect(() => parseXml('<Response><Say>Hi</Say>')).toThrow();
    expect(() => parseXml('<Response><!-- no --></Response>')).toThrow();
  });
});
