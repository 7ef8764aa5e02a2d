import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, instantApi } from '../support/api-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const START = '/api/v2/instant-onboarding/session/start';

/** Issue 15: a retried start with the same Idempotency-Key gets the same session and key, never a second one. */
describe('idempotent starts', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const start = (key: string, body: unknown = { channel: 'web', language: 'en' }) => callApi(server.url, 'POST', START, { body, headers: { 'idempotency-key': key } });
  const sessions = async () => (await server.service.sql.query<{ n: number }>('select count(*)::int as n from instant_onboarding_sessions'))[0]?.n ?? 0;

  it('answers a retry with the same session id, session key and reply, and stores neither key', async () => {
    const key = `retry-${crypto.randomUUID()}`;
    const before = await sessions();
    const first = await start(key);
    const again = await start(key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.body.session_id).toBe(first.body.session_id);
    expect(again.body.session_key).toBe(first.body.session_key);
    expect(again.body.messages).toEqual(first.body.messages);
    expect((await sessions()) - before).toBe(1);
    // The key a retry got opens the session.
    const read = await instantApi.get(server.url, String(first.body.session_id), String(again.body.session_key));
    expect(read.status).toBe(200);
    const stored = JSON.stringify(await server.service.sql.query('select * from onboarding_idempotency_keys'));
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(String(first.body.session_key));
    expect(JSON.stringify(server.logs)).not.toContain(key);
  });

  it('makes one session of concurrent starts with one key', async () => {
    const key = crypto.randomUUID();
    const before = await sessions();
    const answers = await Promise.all(Array.from({ length: 10 }, () => start(key)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.session_id)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.session_key)).size).toBe(1);
    expect((await sessions()) - before).toBe(1);
  });

  it('refuses the same key with another body (409 IDEMPOTENCY_KEY_REUSED), and another key makes another session', async () => {
    const key = crypto.randomUUID();
    const first = await start(key);
    const other = await start(key, { channel: 'web', language: 'es' });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const fresh = await start(crypto.randomUUID());
    expect(fresh.body.session_id).not.toBe(first.body.session_id);
    const plain = await instantApi.start(server.url);
    expect(plain.status).toBe(201);
  });

  it('forgets a key after 24 hours', async () => {
    const key = crypto.randomUUID();
    const first = await start(key);
    const [row] = await server.service.sql.query<{ hours: number }>(
      `select round(extract(epoch from expires_at - created_at) / 3600)::int as hours from onboarding_idempotency_keys where session_id = $1`,
      [first.body.session_id],
    );
    expect(row?.hours).toBe(24);
    await server.service.sql.query(`update onboarding_idempotency_keys set expires_at = now() - interval '1 second' where session_id = $1`, [first.body.session_id]);
    const later = await start(key);
    expect(later.status).toBe(201);
    expect(later.body.session_id).not.toBe(first.body.session_id);
  });

  it('refuses a malformed key', async () => {
    const answer = await start('a key with spaces');
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('INVALID_REQUEST');
  });
});
