import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, instantApi, userApi } from '../support/api-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const SECRET = 'privacy-test-secret-0123456789abcdef-0123';
const BASE = '/api/v2/instant-onboarding/session';

async function tokenFor(userId: string): Promise<string> {
  return new SignJWT({ role: 'authenticated', name: 'Maria Lopez' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setAudience('authenticated')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));
}

/** Issue 15: a person's data is exported and erased over HTTP, with the session key or the access token. */
describe('erase and export over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { SUPABASE_JWT_SECRET: SECRET } });
  });
  afterAll(() => server.close());

  const count = async (table: string, column: string, value: string) =>
    (await server.service.sql.query<{ n: number }>(`select count(*)::int as n from ${table} where ${column} = $1`, [value]))[0]?.n;

  it('exports a session with its key, erases it with its key, and then knows it no more', async () => {
    const started = await instantApi.start(server.url);
    const id = String(started.body.session_id);
    const key = String(started.body.session_key);
    expect((await instantApi.reply(server.url, id, key, { text: 'Maria Lopez', message_id: 'm1' })).status).toBe(200);
    const exported = await callApi<{ sessions: Array<Record<string, unknown>>; events: unknown[]; inbox: unknown[] }>(server.url, 'GET', `${BASE}/${id}/export`, { key });
    expect(exported.status).toBe(200);
    expect(exported.body.sessions[0]?.collected_data).toMatchObject({ name: 'Maria Lopez' });
    expect(exported.body.events.length).toBeGreaterThan(2);
    expect(exported.body.inbox).toHaveLength(1);

    expect((await callApi(server.url, 'DELETE', `${BASE}/${id}`, { key: 'wrong' })).status).toBe(404);
    expect((await callApi(server.url, 'GET', `${BASE}/${id}/export`, { key: 'wrong' })).status).toBe(404);
    expect(await count('instant_onboarding_sessions', 'id', id)).toBe(1);

    const erased = await callApi<{ erased: Record<string, number> }>(server.url, 'DELETE', `${BASE}/${id}`, { key });
    expect(erased.status).toBe(200);
    expect(erased.body.erased).toMatchObject({ sessions: 1, inbox: 1 });
    for (const [table, column] of [['instant_onboarding_sessions', 'id'], ['onboarding_events', 'session_id'], ['onboarding_inbox', 'session_id']] as const) {
      expect(await count(table, column, id)).toBe(0);
    }
    // Not even the process's memory of it answers: the reply is the unknown session's.
    expect((await instantApi.reply(server.url, id, key, { text: 'again' })).status).toBe(404);
    expect((await instantApi.get(server.url, id, key)).status).toBe(404);
    expect(JSON.stringify(server.logs)).not.toContain('Maria Lopez');
  });

  it('exports and erases everything of a signed-in user, and nobody else\'s', async () => {
    const userId = randomUUID();
    const token = await tokenFor(userId);
    const other = randomUUID();
    const otherToken = await tokenFor(other);
    expect((await userApi.start(server.url, token)).status).toBe(200);
    expect((await userApi.step(server.url, token, 0, { full_name: 'Maria Lopez', bio: 'Maps' })).status).toBe(200);
    expect((await userApi.start(server.url, otherToken)).status).toBe(200);
    expect((await userApi.step(server.url, otherToken, 0, { full_name: 'Ana Ruiz', bio: 'Boats' })).status).toBe(200);

    const exported = await callApi<{ sessions: unknown[]; user_onboarding: unknown[]; user_profiles: Array<Record<string, unknown>> }>(
      server.url, 'GET', '/api/users/me/onboarding/export', { headers: { authorization: `Bearer ${token}` } });
    expect(exported.status).toBe(200);
    expect(exported.body.sessions).toHaveLength(1);
    expect(exported.body.user_onboarding).toHaveLength(1);
    expect(exported.body.user_profiles[0]?.full_name).toBe('Maria Lopez');
    expect(JSON.stringify(exported.body)).not.toContain('Ana Ruiz');

    expect((await callApi(server.url, 'DELETE', '/api/users/me/onboarding')).status).toBe(401);
    const erased = await callApi<{ erased: Record<string, number> }>(server.url, 'DELETE', '/api/users/me/onboarding', { headers: { authorization: `Bearer ${token}` } });
    expect(erased.status).toBe(200);
    expect(erased.body.erased).toMatchObject({ sessions: 1, user_onboarding: 1, user_profiles: 1 });
    for (const table of ['instant_onboarding_sessions', 'user_onboarding', 'user_profiles']) {
      expect(await count(table, 'user_id', userId)).toBe(0);
      expect(await count(table, 'user_id', other)).toBe(1);
    }
    // Erased, the user starts from nothing.
    expect((await userApi.status(server.url, token)).body).toMatchObject({ status: 'not_started' });
  });
});
