import { createHash } from 'node:crypto';
import type { Channel } from '../../src/store/session-store.js';
import { sessionId, sessionKey } from './seed.js';
import type { SessionTemplates } from './session-templates.js';

/** One HTTP request that answers a session's current step. */
export interface TurnRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** What a response says: accepted, and the step the session asks next ('completed' when done). */
export type TurnOutcome = { ok: true; next: string } | { ok: false; reason: string };

/** A channel's way into the turn pipeline; the benchmark seeds, drives and checks each path the same way. */
export interface TurnPath {
  name: string;
  /** The channel its sessions are stored with; messaging channels also get a phone number (phoneNumber). */
  channel: Channel;
  request(n: number, text: string, messageId: string): TurnRequest;
  outcome(status: number, body: string): TurnOutcome;
}

const BASE = '/api/v2/instant-onboarding/session';

/** The web chat API: JSON body with a message id (as the widget sends it), key in x-session-key. */
export const webPath: TurnPath = {
  name: 'web',
  channel: 'web',
  request: (n, text, messageId) => ({
    method: 'POST',
    path: `${BASE}/${sessionId(n)}/reply`,
    headers: { 'content-type': 'application/json', 'x-session-key': sessionKey(n) },
    body: JSON.stringify({ text, message_id: messageId }),
  }),
  outcome: (status, body) => {
    if (status !== 200) return { ok: false, reason: `http ${status}` };
    const reply = JSON.parse(body) as { status?: string; next_step?: string | null };
    if (reply.status === 'completed') return { ok: true, next: 'completed' };
    return reply.status === 'collecting_data' && reply.next_step ? { ok: true, next: reply.next_step } : { ok: false, reason: `status ${reply.status}` };
  },
};

/** The number SMS sessions wrote to, and each session's own (a Spanish mobile number per session number). */
export const BOT_NUMBER = '+15550001111';
export function phoneNumber(n: number): string {
  return `+346${String(n).padStart(8, '0')}`;
}

/** The longest run of letters and spaces in a prompt: enough to recognise it inside TwiML, unescaped. */
function fragmentOf(prompt: string): string {
  return (prompt.match(/[A-Za-z ]+/g) ?? []).map((s) => s.trim()).sort((a, b) => b.length - a.length)[0] ?? prompt;
}

/**
 * Twilio's SMS webhook (src/routes/twilio-messaging-routes.ts): a form post from the session's phone number,
 * answered with TwiML. The service runs it in console mode (TWILIO_CONSOLE=true, no credentials), so signatures
 * are not checked (an HMAC-SHA1 of a few hundred bytes: microseconds) and nothing leaves the machine. The TwiML
 * says the next question as text; the step is recognised by its prompt, and no known prompt means completed.
 */
export function twilioSmsPath(templates: SessionTemplates): TurnPath {
  const prompts = templates.steps.map((s) => ({ step: s.step, fragment: fragmentOf(s.prompt) }));
  return {
    name: 'twilio-sms',
    channel: 'sms',
    request: (n, text, messageId) => ({
      method: 'POST',
      path: '/webhooks/twilio/messaging',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        MessageSid: `SM${createHash('md5').update(messageId).digest('hex')}`,
        From: phoneNumber(n),
        To: BOT_NUMBER,
        Body: text,
        NumMedia: '0',
      }).toString(),
    }),
    outcome: (status, body) => {
      if (status !== 200) return { ok: false, reason: `http ${status}` };
      if (!body.includes('<Message>')) return { ok: false, reason: 'no message in the TwiML' };
      return { ok: true, next: prompts.find((p) => body.includes(p.fragment))?.step ?? 'completed' };
    },
  };
}

/** The paths the benchmark drives (a new channel: add its TurnPath here). */
export function turnPaths(templates: SessionTemplates): TurnPath[] {
  return [webPath, twilioSmsPath(templates)];
}
