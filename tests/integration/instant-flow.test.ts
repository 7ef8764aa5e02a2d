import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantApi } from '../support/api-client.js';
import { startTestServer, type TestDriver, type TestServer } from '../support/test-server.js';

interface Turn {
  status: string;
  next_step: string | null;
  message: string;
  messages: Array<{ text: string; choices?: unknown[] }>;
  progress: { answered: number; total: number; percent: number };
  profile?: Record<string, unknown>;
  session_id: string;
  session_key: string;
}

describe.each<TestDriver>(['embedded', 'postgres'])('instant flow over HTTP (%s database)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ driver });
  });
  afterAll(async () => {
    await server.close();
  });

  async function start(language = 'en') {
    const res = await instantApi.start(server.url, { channel: 'web', language });
    expect(res.status).toBe(201);
    return res.body as unknown as Turn;
  }
  async function reply(session: Turn, text: string, message_id?: string) {
    return instantApi.reply(server.url, session.session_id, session.session_key, { text, ...(message_id ? { message_id } : {}) });
  }

  it('completes the instant flow in English', async () => {
    const session = await start('en');
    expect(session).toMatchObject({
      status: 'collecting_data',
      next_step: 'name',
      message: "Welcome! Let's create your birth chart in 90 seconds. What's your name?",
      progress: { answered: 0, total: 4, percent: 0 },
    });
    expect(session.session_key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.messages.at(-1)?.text).toBe(session.message);

    const afterName = (await reply(session, 'Maria')).body as unknown as Turn;
    expect(afterName).toMatchObject({ status: 'collecting_data', next_step: 'birth_date', progress: { answered: 1, total: 4, percent: 25 } });

    const bad = await reply(session, 'sometime in spring');
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ next_step: 'birth_date' });
    expect((bad.body as unknown as Turn).messages[0]?.text).toBe("I couldn't read that date: try 5 March 1990");

    expect((await reply(session, '5 March 1990')).body).toMatchObject({ next_step: 'birth_time' });
    // "half past seven" could be morning or evening: the bot asks, and the person picks the first option.
    const ambiguous = (await reply(session, 'half past seven')).body as unknown as Turn;
    expect(ambiguous).toMatchObject({ next_step: 'birth_time' });
    expect(ambiguous.messages.at(-1)?.choices).toEqual([{ label: '07:30', value: '1' }, { label: '19:30', value: '2' }]);
    expect((await reply(session, '1')).body).toMatchObject({ next_step: 'birth_place' });
    const done = (await reply(session, 'Madrid')).body as unknown as Turn;
    expect(done.status).toBe('completed');
    expect(done.next_step).toBeNull();
    expect(done.progress).toEqual({ answered: 4, total: 4, percent: 100 });
    expect(done.profile).toMatchObject({ kind: 'birth-chart' });

    const view = await instantApi.get(server.url, session.session_id, session.session_key);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      status: 'completed',
      collected_data: { name: 'Maria', birth_date: '1990-03-05', birth_time: '07:30' },
      profile: { kind: 'birth-chart' },
    });

    const late = await reply(session, 'hello again');
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'SESSION_COMPLETED' });
  });

  it('completes the instant flow in Spanish, recording an unknown birth time', async () => {
    const session = await start('es');
    expect(session.message).toBe('¡Bienvenido! Creemos tu carta astral en 90 segundos. ¿Cómo te llamas?');
    await reply(session, 'María');
    expect((await reply(session, '5 de marzo de 1990')).body).toMatchObject({ next_step: 'birth_time' });
    expect((await reply(session, 'no sé')).body).toMatchObject({ next_step: 'birth_place' });
    const done = (await reply(session, 'Madrid')).body as unknown as Turn;
    expect(done.status).toBe('completed');
    const view = await instantApi.get(server.url, session.session_id, session.session_key);
    expect(view.body).toMatchObject({ language: 'es', collected_data: { name: 'María', birth_date: '1990-03-05', birth_time: 'unknown' } });
  });

  it('answers a wrong or missing key exactly like an unknown session', async () => {
    const session = await start();
    const wrongKey = await instantApi.get(server.url, session.session_id, 'x'.repeat(43));
    const noKey = await instantApi.get(server.url, session.session_id, '');
    const unknown = await instantApi.get(server.url, '00000000-0000-4000-8000-000000000000', session.session_key);
    const notUuid = await instantApi.get(server.url, 'not-a-session', session.session_key);
    const replyWrongKey = await instantApi.reply(server.url, session.session_id, 'nope', { text: 'Maria' });
    for (const res of [wrongKey, noKey, unknown, notUuid, replyWrongKey]) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual(unknown.body);
    }
    expect(unknown.body).toMatchObject({ code: 'ONBOARDING_SESSION_NOT_FOUND' });
    const still = await instantApi.get(server.url, session.session_id, session.session_key);
    expect(still.body).toMatchObject({ next_step: 'name', collected_data: {} });
  });

  it('rejects malformed requests with a stable code and changes nothing', async () => {
    const session = await start();
    const cases = [
      { rawBody: '{"text": ', code: 'INVALID_JSON' },
      { body: { text: '' }, code: 'INVALID_REQUEST' },
      { body: { text: 42 }, code: 'INVALID_REQUEST' },
      { body: { answer: 'Maria' }, code: 'INVALID_REQUEST' },
      { body: { text: 'Maria', message_id: 'has spaces' }, code: 'INVALID_REQUEST' },
    ];
    const { callApi } = await import('../support/api-client.js');
    for (const c of cases) {
      const res = await callApi(server.url, 'POST', `/api/v2/instant-onboarding/session/${session.session_id}/reply`, {
        key: session.session_key,
        ...(c.rawBody !== undefined ? { rawBody: c.rawBody } : { body: c.body }),
      });
      expect(res.status, JSON.stringify(c)).toBe(400);
      expect(res.body).toMatchObject({ code: c.code });
      expect(typeof res.body.message).toBe('string');
    }
    expect((await instantApi.start(server.url, { language: 'xx' })).body).toMatchObject({ code: 'UNSUPPORTED_LANGUAGE' });
    expect((await instantApi.start(server.url, { flow: 'nope' })).body).toMatchObject({ code: 'UNKNOWN_FLOW' });
    expect((await instantApi.start(server.url, { channel: 'fax' })).status).toBe(400);
    const view = await instantApi.get(server.url, session.session_id, session.session_key);
    expect(view.body).toMatchObject({ next_step: 'name', collected_data: {} });
  });

  it('treats a repeated message id as the same message', async () => {
    const session = await start();
    const first = await reply(session, 'Maria', 'msg-1');
    const again = await reply(session, 'Maria', 'msg-1');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const differentText = await reply(session, 'Pedro', 'msg-1');
    expect(differentText.body).toEqual(first.body);
    const view = await instantApi.get(server.url, session.session_id, session.session_key);
    expect(view.body).toMatchObject({ next_step: 'birth_date', collected_data: { name: 'Maria' } });
    expect(await countEvents(session.session_id, 'inbound')).toBe(1);
  });

  it('never loses one of two concurrent replies', async () => {
    const session = await start();
    await reply(session, 'Maria', 'c-0');
    // Each text answers its own step from either state (a time given at the date question is taken for the time
    // step), so whichever turn wins the race, the other is re-run on the new state: no update may be lost.
    const [a, b] = await Promise.all([reply(session, '5 March 1990', 'c-1'), reply(session, '7:30', 'c-2')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const view = await instantApi.get(server.url, session.session_id, session.session_key);
    const data = (view.body as { collected_data: Record<string, string> }).collected_data;
    expect(data).toEqual({ name: 'Maria', birth_date: '1990-03-05', birth_time: '07:30' });
    expect(await countEvents(session.session_id, 'answer_accepted')).toBe(3);
    expect(view.body).toMatchObject({ next_step: 'birth_place' });
  });

  it('offers help after three failed answers on one step', async () => {
    const session = await start();
    await reply(session, 'Maria');
    for (let i = 1; i <= 2; i++) {
      const res = (await reply(session, 'banana')).body as unknown as Turn;
      expect(res.messages.map((m) => m.text).join(' ')).not.toContain('Let me help');
    }
    const third = (await reply(session, 'banana')).body as unknown as Turn;
    expect(third.messages.map((m) => m.text).join(' ')).toContain('Let me help: Your date of birth, with day, month and year');
    expect(third.next_step).toBe('birth_date');
  });

  async function countEvents(sessionId: string, kind: string): Promise<number> {
    const rows = await server.service.sql.query<{ n: number }>(
      'select count(*)::int as n from onboarding_events where session_id = $1 and kind = $2',
      [sessionId, kind],
    );
    return rows[0]?.n ?? -1;
  }
});

describe.each<TestDriver>(['embedded', 'postgres'])('restart mid-conversation (%s database)', (driver) => {
  it('resumes at the same step with the same answers', async () => {
    const dataDir = driver === 'embedded' ? mkdtempSync(join(tmpdir(), 'onboarding-restart-')) : undefined;
    const first = await startTestServer({ driver, ...(dataDir ? { dataDir } : {}) });
    const databaseUrl = first.databaseUrl;
    const started = (await instantApi.start(first.url)).body as unknown as Turn;
    await instantApi.reply(first.url, started.session_id, started.session_key, { text: 'Maria' });
    await instantApi.reply(first.url, started.session_id, started.session_key, { text: '5 March 1990' });
    await first.service.close();

    const second = await startTestServer({ driver, ...(dataDir ? { dataDir } : {}), ...(databaseUrl ? { databaseUrl } : {}) });
    try {
      const view = await instantApi.get(second.url, started.session_id, started.session_key);
      expect(view.body).toMatchObject({ next_step: 'birth_time', collected_data: { name: 'Maria', birth_date: '1990-03-05' } });
      const next = await instantApi.reply(second.url, started.session_id, started.session_key, { text: '19:45' });
      expect(next.body).toMatchObject({ next_step: 'birth_place', progress: { answered: 3, total: 4 } });
    } finally {
      await second.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
