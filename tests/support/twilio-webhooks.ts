import { randomBytes } from 'node:crypto';
import twilio from 'twilio';

/** Credentials and public URL the Twilio tests configure the service with. */
export const TWILIO_TEST_ENV = {
  TWILIO_ACCOUNT_SID: `AC${'0123456789abcdef'.repeat(2)}`,
  TWILIO_AUTH_TOKEN: 'test-auth-token-0123456789abcdef',
  PUBLIC_URL: 'https://bot.example.test',
} as const;

export const MESSAGING_PATH = '/webhooks/twilio/messaging';
export const STATUS_PATH = '/webhooks/twilio/status';

export const newMessageSid = (): string => `SM${randomBytes(16).toString('hex')}`;

/** The form Twilio posts for an inbound message; numbers with `whatsapp:` for WhatsApp. */
export function inboundForm(from: string, to: string, body: string, extra: Record<string, string> = {}): Record<string, string> {
  return { MessageSid: newMessageSid(), AccountSid: TWILIO_TEST_ENV.TWILIO_ACCOUNT_SID, From: from, To: to, Body: body, NumMedia: '0', ...extra };
}

export interface WebhookResponse {
  status: number;
  body: string;
  /** The texts of the TwiML's <Message> elements. */
  messages: string[];
}

/** Posts a form webhook as Twilio does, signed with the twilio library's own code unless `signature` says otherwise. */
export async function postWebhook(
  baseUrl: string,
  path: string,
  form: Record<string, string>,
  options: { signature?: string | null; authToken?: string } = {},
): Promise<WebhookResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const signature =
    options.signature === undefined
      ? twilio.getExpectedTwilioSignature(options.authToken ?? TWILIO_TEST_ENV.TWILIO_AUTH_TOKEN, `${TWILIO_TEST_ENV.PUBLIC_URL}${path}`, form)
      : options.signature;
  if (signature !== null) headers['x-twilio-signature'] = signature;
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: new URLSearchParams(form).toString() });
  const body = await response.text();
  return { status: response.status, body, messages: twimlMessages(body) };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The <Message> texts of a TwiML document. */
export function twimlMessages(twiml: string): string[] {
  return [...twiml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((m) =>
    (m[1] ?? '').replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? ''),
  );
}
