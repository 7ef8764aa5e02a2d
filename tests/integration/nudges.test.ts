import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepNudges } from '../../src/reminders/nudge-sweep.js';
import { startFakeTwilioApi, type FakeTwilioApi } from '../support/fake-twilio-api.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { inboundForm, MESSAGING_PATH, postWebhook, TWILIO_TEST_ENV } from '../support/twilio-webhooks.js';

const BOT = '+15550002222';
const NUDGE_TEMPLATE = `HX${'cd'.repeat(16)}`;
const HOUR = 3_600_000;

/** The next time it is `hour`:00 UTC, at least `minHours` from now: sweeps land at a known hour of the day. */
function nextUtc(hour: number, minHours = 1): Date {
  const at = new Date(Date.now() + minHours * HOUR);
  const candidate = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), hour));
  return candidate.getTime() >= at.getTime() ? candidate : new Date(candidate.getTime() + 24 * HOUR);
}

/**
 * Nudges over the messaging channels, on a real Postgres and a fake Twilio API: the instant flow's one nudge
 * after 15 minutes of silence, quiet hours in the person's own zone, WhatsApp's 24-hour rule, STOP, a reply that
 * restarts the silence, and a crash between recording a nudge and sending it. Sweeps and the outbox run with a
 * moved clock; nothing sleeps.
 */
describe('nudges', () => {
  let server: TestServer;
  let fake: FakeTwilioApi;
  let clockAt: Date | null = null;
  let serial = 0;

  beforeAll(async () => {
    fake = await startFakeTwilioApi();
    server = await startTestServer({
      driver: 'postgres',
      env: { ...TWILIO_TEST_ENV, TWILIO_WHATSAPP_TEMPLATES: `nudge=${NUDGE_TEMPLATE}` },
      clock: () => clockAt ?? new Date(),
      compose: { twilioHttpClient: fake.httpClient, outboxAutoRun: false },
    });
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
  });

  /** A conversation from a new number that stops after the name, asked for the birth date. */
  async function stopAfterName(prefix: string, channel: 'sms' | 'whatsapp' = 'sms'): Promise<string> {
    const phone = `${prefix}${String(1000 + ++serial).slice(-4)}`;
    const [from, to] = channel === 'whatsapp' ? [`whatsapp:${phone}`, `whatsapp:${BOT}`] : [phone, BOT];
    let last: string[] = [];
    for (const text of ['Hi', 'English', 'Maria']) last = (await postWebhook(server.url, MESSAGING_PATH, inboundForm(from, to, text))).messages;
    expect(last.join(' ')).toMatch(/born/i);
    return phone;
  }

  const sweepAt = (at: Date) => sweepNudges(server.service.nudges, at);

  async function sendOutboxAt(at: Date): Promise<Array<Record<string, string>>> {
    clockAt = at;
    const before = fake.received.length;
    await server.service.outbox.runOnce();
    clockAt = null;
    return fake.received.slice(before).map((r) => r.params);
  }

  async function nudgesOf(phone: string) {
    return server.service.sql.query<{ status: string; channel: string; sequence: number; step: string; skip_reason: string | null }>(
      `select n.status, n.channel::text, n.sequence, n.step, n.skip_reason from onboarding_nudges n
       join instant_onboarding_sessions s on s.id = n.session_id where s.phone_number = $1 order by n.id`,
      [phone],
    );
  }

  it('sends one nudge after 15 minutes of silence, with a magic link, and no second one', async () => {
    const phone = await stopAfterName('+3461277');
    expect((await sweepAt(new Date(Date.now() + 10 * 60_000))).sent).toBe(0);
    const noonInMadrid = nextUtc(11);
    expect((await sweepAt(noonInMadrid)).sent).toBeGreaterThanOrEqual(1);
    expect(await nudgesOf(phone)).toEqual([{ status: 'sent', channel: 'sms', sequence: 0, step: 'birth_date', skip_reason: null }]);
    const sent = (await sendOutboxAt(noonInMadrid)).filter((p) => p.To === phone);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ From: BOT });
    expect(sent[0]?.Body).toMatch(/partway through/);
    expect(sent[0]?.Body).toMatch(new RegExp(`${TWILIO_TEST_ENV.PUBLIC_URL}/r/[\\w-]+\\.[\\w-]+\\.[\\w-]+`));
    await sweepAt(new Date(noonInMadrid.getTime() + 3 * 24 * HOUR));
    expect(await nudgesOf(phone)).toHaveLength(1);
  });

  it('waits for the morning in the person\'s own time zone', async () => {
    const phone = await stopAfterName('+8190123');
    const tenPmInTokyo = nextUtc(13);
    await sweepAt(tenPmInTokyo);
    expect(await nudgesOf(phone)).toEqual([]);
    const nineAmInTokyo = new Date(tenPmInTokyo.getTime() + 11 * HOUR);
    await sweepAt(nineAmInTokyo);
    expect((await nudgesOf(phone)).map((n) => n.status)).toEqual(['sent']);
  });

  it('starts the silence again when the person answers: nothing is due 10 minutes after the reply', async () => {
    const phone = await stopAfterName('+3461278');
    await postWebhook(server.url, MESSAGING_PATH, inboundForm(phone, BOT, '5 March 1990'));
    await sweepAt(new Date(Date.now() + 10 * 60_000));
    expect(await nudgesOf(phone)).toEqual([]);
  });

  it('sends nothing to a number that said STOP', async () => {
    const phone = await stopAfterName('+3461279');
    await postWebhook(server.url, MESSAGING_PATH, inboundForm(phone, BOT, 'STOP'));
    const noon = nextUtc(11);
    await sweepAt(noon);
    expect(await nudgesOf(phone)).toEqual([{ status: 'skipped', channel: 'sms', sequence: 0, step: 'birth_date', skip_reason: 'the number opted out' }]);
    expect((await sendOutboxAt(noon)).filter((p) => p.To === phone)).toEqual([]);
  });

  it('keeps WhatsApp\'s 24-hour rule: outside it the nudge goes as the approved template', async () => {
    const phone = await stopAfterName('+3461280', 'whatsapp');
    const dayAndMore = nextUtc(11, 25);
    await sweepAt(dayAndMore);
    expect((await nudgesOf(phone)).map((n) => [n.status, n.channel])).toEqual([['sent', 'whatsapp']]);
    const [sent, ...more] = (await sendOutboxAt(dayAndMore)).filter((p) => p.To === `whatsapp:${phone}`);
    expect(more).toEqual([]);
    expect(sent).toMatchObject({ ContentSid: NUDGE_TEMPLATE, From: `whatsapp:${BOT}` });
    expect(JSON.parse(sent?.ContentVariables ?? '{}')).toEqual({ '1': expect.stringMatching(/\/r\//) });
  });

  it('sends a nudge recorded before a crash exactly once after the restart, and two processes sweeping at once send it once', async () => {
    const phone = await stopAfterName('+3461281');
    const noon = nextUtc(11);
    const process = () =>
      startTestServer({
        driver: 'postgres',
        databaseUrl: server.databaseUrl!,
        env: { ...TWILIO_TEST_ENV },
        compose: { twilioHttpClient: fake.httpClient, outboxAutoRun: false },
      });
    const second = await process();
    // Two processes on one database sweep at the same moment: the nudge is recorded once.
    await Promise.all([sweepAt(noon), sweepNudges(second.service.nudges, noon)]);
    expect(await nudgesOf(phone)).toHaveLength(1);
    // The second process stops before any outbox pass ran (a crash between enqueue and send); a new process
    // on the same database sends what was recorded, once.
    await second.close();
    const restarted = await process();
    try {
      await restarted.service.outbox.runOnce();
    } finally {
      await restarted.close();
    }
    const delivered = fake.received.filter((r) => r.params.To === phone && /partway/.test(r.params.Body ?? ''));
    expect(delivered).toHaveLength(1);
    expect((await sendOutboxAt(noon)).filter((p) => p.To === phone)).toEqual([]);
  });
});
