import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTwilioApi, type FakeTwilioApi } from '../support/fake-twilio-api.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { PhoneCall } from '../support/twilio-voice-calls.js';
import { PNG } from '../support/png.js';
import { inboundForm, MESSAGING_PATH, postWebhook, TWILIO_TEST_ENV } from '../support/twilio-webhooks.js';

const PHOTO_LINE = '+15550007777';

/** A flow with a photo question, reached by phone (its texts are the user-profile flow's). */
const PHOTO_FLOW = `id: voice-photo
version: 1
namespace: user-profile
languages: [en]
steps:
  - { id: full_name, type: text, prompt: full_name.prompt, help: full_name.help, validation: { min_length: 2 } }
  - { id: avatar, type: image, prompt: avatar.prompt, help: avatar.help }
`;

/**
 * A photo question on a call (issue 14): the call cannot take a picture, so the caller gets a text message and
 * the call ends; a picture sent in reply answers the question on the same session.
 */
describe('a photo question reached by phone', () => {
  let server: TestServer;
  let fake: FakeTwilioApi;
  let media: Server;
  let flowsDir = '';
  let dataDir = '';

  beforeAll(async () => {
    flowsDir = mkdtempSync(join(tmpdir(), 'photo-flows-'));
    dataDir = mkdtempSync(join(tmpdir(), 'photo-data-'));
    for (const file of readdirSync('flows').filter((f) => f.endsWith('.yaml'))) copyFileSync(join('flows', file), join(flowsDir, file));
    writeFileSync(join(flowsDir, 'voice-photo.yaml'), PHOTO_FLOW);
    media = createServer((_req, res) => {
      res.setHeader('content-type', 'image/png');
      res.end(PNG);
    });
    await new Promise<void>((resolve) => media.listen(0, '127.0.0.1', resolve));
    const mediaBase = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
    fake = await startFakeTwilioApi();
    server = await startTestServer({
      env: { ...TWILIO_TEST_ENV, FLOWS_DIR: flowsDir, DATA_DIR: dataDir, TWILIO_FLOW_BY_NUMBER: `${PHOTO_LINE}=voice-photo` },
      compose: { twilioHttpClient: fake.httpClient, outboxAutoRun: false, twilioMediaUrl: (url) => url.replace('https://api.twilio.com', mediaBase) },
    });
  });
  afterAll(async () => {
    await server.close();
    await fake.close();
    await new Promise((resolve) => media.close(resolve));
    rmSync(flowsDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('texts the caller, ends the call, and takes the picture sent in reply', async () => {
    const phone = '+12025550199';
    const call = new PhoneCall(server.url, phone, PHOTO_LINE);
    expect((await call.dial()).said.join(' ')).toContain("What's your full name?");
    const ended = await call.say('Robin Smith');
    expect(ended.hangup).toBe(true);
    expect(ended.said.join(' ')).toContain("This question needs a photo, which I can't take on a call.");
    await call.hangUp();
    await server.service.outbox.runOnce();
    const texted = fake.received.filter((r) => r.params.To === phone).map((r) => r.params.Body ?? '');
    expect(texted.some((body) => body.startsWith('Hi! This is the onboarding assistant you called. Reply to this message with your photo'))).toBe(true);

    const picture = {
      NumMedia: '1',
      MediaContentType0: 'image/png',
      MediaUrl0: `https://api.twilio.com/2010-04-01/Accounts/${TWILIO_TEST_ENV.TWILIO_ACCOUNT_SID}/Messages/MM${'2'.repeat(32)}/Media/ME${'2'.repeat(32)}`,
    };
    const answered = await postWebhook(server.url, MESSAGING_PATH, inboundForm(phone, PHOTO_LINE, '', picture));
    expect(answered.status).toBe(200);
    const [session] = await server.service.sql.query<{ status: string; collected_data: { full_name: string; avatar: { path: string } } }>(
      `select status, collected_data from instant_onboarding_sessions where phone_number = $1 and channel = 'voice'`,
      [phone],
    );
    expect(session?.status).toBe('completed');
    expect(session?.collected_data.full_name).toBe('Robin Smith');
    expect(session?.collected_data.avatar.path).toMatch(/^sessions\/[0-9a-f-]{36}\/avatar-[0-9a-f-]{36}\.png$/);
  });
});
