import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantApi } from '../support/api-client.js';
import { startFakeSmtp, type FakeSmtp } from '../support/fake-smtp.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** Email leaves through the outbox like SMS: SMTP (nodemailer) to a local server, retried on 4xx, dead on 5xx. */
describe('email through the outbox', () => {
  let server: TestServer;
  let smtp: FakeSmtp;
  let clockAt: Date | null = null;

  beforeAll(async () => {
    smtp = await startFakeSmtp();
    server = await startTestServer({
      env: { SMTP_URL: smtp.url, EMAIL_FROM: 'Onboarding <hello@bot.example.test>', TWILIO_OUTBOX_RETRY_BASE_MS: '60000' },
      clock: () => clockAt ?? new Date(),
      compose: { outboxAutoRun: false },
    });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  async function queueEmail(to: string): Promise<number> {
    const started = await instantApi.start(server.url);
    const [row] = await server.service.sql.query<{ id: number }>(
      `insert into onboarding_outbox (session_id, channel, to_address, kind, body, subject)
       values ($1, 'email', $2, 'nudge', 'Pick up where you left off: https://bot.example.test/r/x', 'Pick up where you left off')
       returning id::int as id`,
      [started.body.session_id, to],
    );
    return row!.id;
  }
  const statusOf = async (id: number) =>
    (await server.service.sql.query<{ status: string; attempts: number }>('select status, attempts from onboarding_outbox where id = $1', [id]))[0];

  it('sends an email message by SMTP with its subject, and records it as sent', async () => {
    const id = await queueEmail('ana@example.test');
    await server.service.outbox.runOnce();
    const mail = smtp.received.find((m) => m.to.includes('ana@example.test'));
    expect(mail?.from).toBe('hello@bot.example.test');
    expect(mail?.raw).toMatch(/^Subject: Pick up where you left off/m);
    expect(mail?.raw).toMatch(/bot\.example\.test\/r\/x/);
    expect(await statusOf(id)).toEqual({ status: 'sent', attempts: 1 });
  });

  it('tries again after a temporary refusal and gives up on a permanent one', async () => {
    const later = await queueEmail('later@example.test');
    smtp.refuseNext(451);
    await server.service.outbox.runOnce();
    expect(await statusOf(later)).toEqual({ status: 'pending', attempts: 1 });
    await server.service.outbox.runOnce();
    expect(await statusOf(later)).toEqual({ status: 'pending', attempts: 1 }); // not due for a minute
    clockAt = new Date(Date.now() + 61_000);
    await server.service.outbox.runOnce();
    clockAt = null;
    expect(await statusOf(later)).toEqual({ status: 'sent', attempts: 2 });

    const never = await queueEmail('nobody@example.test');
    smtp.refuseNext(550);
    await server.service.outbox.runOnce();
    expect(await statusOf(never)).toEqual({ status: 'dead', attempts: 1 });
    expect(smtp.received.filter((m) => m.to.includes('nobody@example.test'))).toEqual([]);
  });
});
