import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantApi } from '../support/api-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { inboundForm, MESSAGING_PATH, postWebhook, TWILIO_TEST_ENV } from '../support/twilio-webhooks.js';

const METRICS_TOKEN = 'metrics-token-0123456789';
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The value of one sample in Prometheus text, e.g. sample(text, 'onboarding_turns_total', { outcome: 'started' }). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(match[3]);
  }
  return null;
}

describe('operations: request log, probes, metrics', () => {
  let server: TestServer;
  const metrics = async (token: string | null = METRICS_TOKEN) =>
    fetch(`${server.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    server = await startTestServer({ env: { ...TWILIO_TEST_ENV, METRICS_TOKEN }, compose: { outboxAutoRun: false, processMetrics: false } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('logs one line per request, 4xx included, with the route pattern and no URL, and ISO times everywhere', async () => {
    const started = (await instantApi.start(server.url)).body as { session_id: string; session_key: string };
    const wrongKey = await fetch(`${server.url}/api/v2/instant-onboarding/session/${started.session_id}`, { headers: { 'x-session-key': 'not-the-key' } });
    expect(wrongKey.status).toBe(404);
    const missing = await fetch(`${server.url}/no/such/route?email=maria@example.com`, { headers: { 'x-request-id': 'proxy-request-0001' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toBe('proxy-request-0001');

    const requests = server.logs.filter((line) => line.msg === 'request');
    expect(requests.map((line) => [line.method, line.route, line.status])).toEqual([
      ['POST', '/api/v2/instant-onboarding/session/start', 201],
      ['GET', '/api/v2/instant-onboarding/session/:id', 404],
      ['GET', '(unmatched)', 404],
    ]);
    for (const line of requests) {
      expect(typeof line.ms).toBe('number');
      expect(typeof line.reqId).toBe('string');
    }
    expect(requests[2]?.reqId).toBe('proxy-request-0001');
    expect(new Set(requests.map((line) => line.reqId)).size).toBe(3);
    const requestLines = JSON.stringify(requests);
    expect(requestLines).not.toContain(started.session_id);
    expect(requestLines).not.toContain('maria@example.com');
    for (const line of server.logs) expect(line.time).toMatch(ISO_TIME);
  });

  it('makes up its own request id when the given one does not look like one', async () => {
    const response = await fetch(`${server.url}/health`, { headers: { 'x-request-id': 'not an id <script>' } });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('/health and /ready answer, and /ready says 503 with the reason when a migration is missing', async () => {
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', jobs: 'ok', migrations: 'ok' } });

    const sql = server.service.sql;
    const [last] = await sql.query<{ version: string; name: string; statements: string[] }>(
      'select version, name, statements from supabase_migrations.schema_migrations order by version desc limit 1',
    );
    await sql.query('delete from supabase_migrations.schema_migrations where version = $1', [last?.version]);
    try {
      const notReady = await fetch(`${server.url}/ready`);
      expect(notReady.status).toBe(503);
      expect(notReady.headers.get('retry-after')).toBe('5');
      const body = (await notReady.json()) as { code: string; message: string; checks: Record<string, string> };
      expect(body.code).toBe('SERVICE_UNAVAILABLE');
      expect(body.message).toContain(`migrations: 1 not applied (first ${last?.version})`);
      expect(body.checks.database).toBe('ok');
    } finally {
      await sql.query(`insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, array[$3::text])`, [
        last?.version,
        last?.name,
        last?.statements[0] ?? '',
      ]);
    }
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
  });

  it('/metrics needs METRICS_TOKEN when it is set', async () => {
    expect((await metrics(null)).status).toBe(401);
    expect((await metrics('wrong-token-0123456789')).status).toBe(401);
    const ok = await metrics();
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/plain');
  });

  it('counts turns by flow, channel and outcome, times them, and counts requests by route and status', async () => {
    const before = await (await metrics()).text();
    const startedBefore = sample(before, 'onboarding_turns_total', { flow: 'instant-birth-chart', channel: 'web', outcome: 'started' }) ?? 0;
    const started = (await instantApi.start(server.url)).body as { session_id: string; session_key: string };
    await instantApi.reply(server.url, started.session_id, started.session_key, { text: 'Maria' });
    await instantApi.reply(server.url, started.session_id, started.session_key, { text: 'not a date at all' });
    const text = await (await metrics()).text();
    expect(sample(text, 'onboarding_turns_total', { flow: 'instant-birth-chart', channel: 'web', outcome: 'started' })).toBe(startedBefore + 1);
    expect(sample(text, 'onboarding_turns_total', { flow: 'instant-birth-chart', channel: 'web', outcome: 'answer' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'onboarding_turns_total', { flow: 'instant-birth-chart', channel: 'web', outcome: 'invalid' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'onboarding_turn_duration_seconds_count', { flow: 'instant-birth-chart', channel: 'web' })).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'http_requests_total', { method: 'POST', route: '/api/v2/instant-onboarding/session/:id/reply', status: '200' })).toBe(2);
    expect(sample(text, 'http_requests_total', { method: 'GET', route: '/metrics', status: '401' })).toBe(2);
    expect(text).not.toContain(started.session_id);
  });

  it('counts refused webhook signatures and shows the outbox depth', async () => {
    const refused = await postWebhook(server.url, MESSAGING_PATH, inboundForm('+34600000001', '+15550001111', 'hola'), { signature: 'bm90IGEgc2lnbmF0dXJl' });
    expect(refused.status).toBe(403);
    await server.service.sql.query(
      `insert into public.onboarding_outbox (channel, to_address, kind, body, attempts) values ('sms', '+34600000002', 'profile_ready', 'x', 0), ('sms', '+34600000003', 'profile_ready', 'y', 2)`,
    );
    const text = await (await metrics()).text();
    expect(sample(text, 'onboarding_webhook_verifications_failed_total', { provider: 'twilio' })).toBe(1);
    expect(sample(text, 'onboarding_outbox_messages', { state: 'pending' })).toBe(2);
    expect(sample(text, 'onboarding_outbox_messages', { state: 'retrying' })).toBe(1);
    expect(sample(text, 'onboarding_outbox_messages', { state: 'claimed' })).toBe(0);
  });
});
