import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { composeService } from '../../src/compose.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { inboundForm, MESSAGING_PATH, postWebhook } from '../support/twilio-webhooks.js';

/** TWILIO_CONSOLE=true without Twilio credentials (development): no signature checks, outbound messages go to the log. */
describe('Twilio messaging in console mode', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { PROFILE_WAIT_MS: '0', TWILIO_CONSOLE: 'true' } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('says so once at boot', () => {
    const lines = server.logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('Twilio webhooks'));
    expect(lines).toEqual([expect.objectContaining({ twilio_webhooks: 'console', msg: expect.stringMatching(/^Twilio webhooks in console mode/) })]);
    expect(server.service.twilioWebhooks).toBe('console');
  });

  it('takes unsigned webhooks and writes the late profile to the log instead of sending it', async () => {
    const phone = '+12025559876';
    let last: string[] = [];
    for (const text of ['Hi', 'Maria', '5 March 1990', '7:30 am', 'Madrid']) {
      const res = await postWebhook(server.url, MESSAGING_PATH, inboundForm(phone, '+15550003333', text), { signature: null });
      expect(res.status).toBe(200);
      last = res.messages;
    }
    expect(last).toEqual(["Thank you! I'm preparing your profile now…"]);
    // The worker runs on its own here (no test driving it): the commit that wrote the message woke it.
    await vi.waitFor(() => {
      const line = server.logs.find((l) => l.msg === 'outbound message (console mode, not sent)');
      expect(line).toMatchObject({ channel: 'sms', to: '…9876', console_chars: expect.any(Number) });
      expect(line?.console_chars).toBeGreaterThan(50);
    }, { timeout: 20_000 });
    await vi.waitFor(async () => {
      const [row] = await server.service.sql.query<{ status: string }>(
        'select o.status from onboarding_outbox o join instant_onboarding_sessions s on s.id = o.session_id where s.phone_number = $1',
        [phone],
      );
      expect(row?.status).toBe('sent');
    });
    expect(JSON.stringify(server.logs)).not.toContain(phone);
    for (const said of ['Maria', 'Madrid', 'here is your birth chart']) expect(JSON.stringify(server.logs)).not.toContain(said);
  });

  it('refuses a request a browser sent (a cross-origin form), which Twilio and npm run chat never are', async () => {
    const phone = '+12025559875';
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}${MESSAGING_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(inboundForm(phone, '+15550003333', 'STOP')).toString(),
      });
    expect((await post({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ origin: 'null' })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' })).status).toBe(403);
    const optOuts = await server.service.sql.query('select 1 from onboarding_messaging_opt_outs where phone_number = $1', [phone]);
    expect(optOuts).toEqual([]);
    expect((await post({})).status).toBe(200);
  });
});

describe('the flow a first message starts', () => {
  let server: TestServer;
  let flowsDir: string;
  beforeAll(async () => {
    // A second flow: the instant one under another id, for one of the bot's numbers.
    flowsDir = mkdtempSync(join(tmpdir(), 'onboarding-flows-'));
    const instant = readFileSync('flows/instant-birth-chart.yaml', 'utf8');
    writeFileSync(join(flowsDir, 'instant-birth-chart.yaml'), instant);
    writeFileSync(join(flowsDir, 'second-flow.yaml'), instant.replace(/^id: .*$/m, 'id: second-flow'));
    server = await startTestServer({ env: { FLOWS_DIR: flowsDir, TWILIO_FLOW_BY_NUMBER: 'whatsapp:+15550004444=second-flow', TWILIO_CONSOLE: 'true' } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(flowsDir, { recursive: true, force: true });
  });

  it('is the one configured for the number written to, else the default', async () => {
    await postWebhook(server.url, MESSAGING_PATH, inboundForm('+12025550001', '+15550004444', 'Hi'), { signature: null });
    await postWebhook(server.url, MESSAGING_PATH, inboundForm('+12025550002', '+15550005555', 'Hi'), { signature: null });
    const rows = await server.service.sql.query<{ phone_number: string; flow_id: string }>(
      `select phone_number, flow_id from instant_onboarding_sessions where phone_number in ('+12025550001', '+12025550002') order by phone_number`,
    );
    expect(rows).toEqual([
      { phone_number: '+12025550001', flow_id: 'second-flow' },
      { phone_number: '+12025550002', flow_id: 'instant-birth-chart' },
    ]);
  });

  it('must be a loaded flow, or the service does not start', async () => {
    const config = loadConfig({ NODE_ENV: 'test', TWILIO_FLOW_BY_NUMBER: '+15550004444=no-such-flow' });
    await expect(composeService(config, createLogger('silent'))).rejects.toThrow(/TWILIO_FLOW_BY_NUMBER: \+15550004444 names flow "no-such-flow"/);
  });
});
