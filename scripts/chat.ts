/**
 * Talk to the running service as if by SMS (or WhatsApp with --whatsapp), for demos:
 *
 *   npm run dev          # in one terminal: console mode (TWILIO_CONSOLE=true), no Twilio account needed
 *   npm run chat         # in another; npm run chat -- --whatsapp --from +34612345678
 *
 * Each line you type is posted to POST /webhooks/twilio/messaging as Twilio would post it (a form with a new
 * MessageSid, From, To, Body), and the <Message> texts of the TwiML answer are printed. Messages the service
 * sends later (a profile that took long) go to its log in console mode. When TWILIO_AUTH_TOKEN and PUBLIC_URL
 * are set, requests are signed like Twilio's, so it also works against a service with credentials. A service
 * with neither credentials nor TWILIO_CONSOLE=true does not serve the webhooks (404): this says so.
 */
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import twilio from 'twilio';

const PATH = '/webhooks/twilio/messaging';
const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.CHAT_URL ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}` },
    from: { type: 'string', default: process.env.CHAT_FROM ?? '+15005550006' },
    to: { type: 'string', default: process.env.CHAT_TO ?? '+15005550001' },
    whatsapp: { type: 'boolean', default: false },
  },
});
const address = (number: string) => (values.whatsapp ? `whatsapp:${number}` : number);
const authToken = process.env.TWILIO_AUTH_TOKEN;
const publicUrl = process.env.PUBLIC_URL?.replace(/\/+$/, '');

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const messagesOf = (twiml: string): string[] =>
  [...twiml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((m) => (m[1] ?? '').replace(/&(amp|lt|gt|quot|apos);/g, (_, n: string) => ENTITIES[n] ?? ''));

async function send(text: string): Promise<string[]> {
  const form = {
    MessageSid: `SM${randomBytes(16).toString('hex')}`,
    AccountSid: process.env.TWILIO_ACCOUNT_SID ?? `AC${'0'.repeat(32)}`,
    From: address(values.from),
    To: address(values.to),
    Body: text,
    NumMedia: '0',
  };
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (authToken && publicUrl) headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(authToken, `${publicUrl}${PATH}`, form);
  const response = await fetch(`${values.url}${PATH}`, { method: 'POST', headers, body: new URLSearchParams(form).toString() });
  const body = await response.text();
  if (response.status === 404) {
    throw new Error('the service does not serve the Twilio webhooks: start it in console mode (npm run dev, or TWILIO_CONSOLE=true) or with Twilio credentials');
  }
  if (!response.ok) throw new Error(`the service answered ${response.status}: ${body}`);
  return messagesOf(body);
}

async function main(): Promise<void> {
  const channel = values.whatsapp ? 'WhatsApp' : 'SMS';
  process.stdout.write(`${channel} from ${values.from} to ${values.to} at ${values.url}. Say hi; Ctrl-D to quit.\n`);
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'you> ' });
  rl.prompt();
  // Lines are handled one at a time, in order; the loop ends with the input (Ctrl-D).
  for await (const line of rl) {
    if (line.trim() !== '') {
      try {
        const messages = await send(line);
        for (const message of messages) process.stdout.write(`bot> ${message.replaceAll('\n', '\n     ')}\n`);
        if (messages.length === 0) process.stdout.write('bot> (no answer)\n');
      } catch (error) {
        process.stdout.write(`!! ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
    rl.prompt();
  }
  process.stdout.write('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
