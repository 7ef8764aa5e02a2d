import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantApi } from '../support/api-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { inboundForm, MESSAGING_PATH, postWebhook } from '../support/twilio-webhooks.js';

/** Floods are limited (issue 15, item 5): 429 with Retry-After past each limit, and nothing more is stored. */
describe('rate limits and the turn cap', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: {
        RATE_LIMITS: 'true',
        RATE_LIMIT_STARTS_PER_MINUTE: '3',
        RATE_LIMIT_REPLIES_PER_MINUTE: '5',
        RATE_LIMIT_INBOUND_PER_MINUTE: '4',
        SESSION_MAX_TURNS: '10',
        TWILIO_CONSOLE: 'true',
      },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const sessions = async () => (await server.service.sql.query<{ n: number }>('select count(*)::int as n from instant_onboarding_sessions'))[0]?.n ?? 0;

  it('limits session starts per client address', async () => {
    const before = await sessions();
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await instantApi.start(server.url));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 429, 429]);
    expect(answers[3]?.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(answers[3]?.headers['retry-after'])).toBeGreaterThan(0);
    expect((await sessions()) - before).toBe(3);
  });

  it('limits replies per session, and stops a session at its turn cap', async () => {
    // A session started on the service itself, so the start limit of this address is not in the way.
    const started = await server.service.service.start({ language: 'en', channel: 'web' });
    const id = started.reply.session_id;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await instantApi.reply(server.url, id, started.sessionKey, { text: `not a name ${'!'.repeat(i)}` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    // The turn cap holds whatever the rate: the service refuses the turn after SESSION_MAX_TURNS.
    let refused: unknown = null;
    for (let i = 0; i < 12 && !refused; i++) {
      await server.service.service.reply({ sessionId: id, key: started.sessionKey, text: '?', messageKey: null }).catch((error: unknown) => {
        refused = error;
      });
    }
    expect(refused).toMatchObject({ code: 'SESSION_TURN_LIMIT', status: 429 });
    const [row] = await server.service.sql.query<{ version: number }>('select version from instant_onboarding_sessions where id = $1', [id]);
    expect(row?.version).toBe(10);
  });

  it('limits inbound messages per sender number', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await postWebhook(server.url, MESSAGING_PATH, inboundForm('+12025550188', '+15550003333', `hi ${i}`), { signature: null })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    // Another number is counted apart.
    expect((await postWebhook(server.url, MESSAGING_PATH, inboundForm('+12025550189', '+15550003333', 'hi'), { signature: null })).status).toBe(200);
  });
});
