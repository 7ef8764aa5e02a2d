import type { Channel } from '../../src/store/session-store.js';
import { instantTemplate } from './instant-template.js';
import type { BenchPath } from './path-template.js';
import { practitionerPath } from './practitioner-path.js';
import { sessionId, sessionKey } from './seed.js';
import type { SessionTemplates } from './session-templates.js';
import { smsWebhookRequest } from './sms-webhook.js';
import { chatReplyOutcome, fragmentOf, twimlOutcome, type TurnOutcome } from './turn-replies.js';
import { userChatPath, userPatchPath } from './user-paths.js';

export type { TurnOutcome } from './turn-replies.js';

/** One HTTP request that answers a session's current step. */
export interface TurnRequest {
  method: 'POST' | 'PATCH';
  path: string;
  headers: Record<string, string>;
  body: string;
}

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
  outcome: chatReplyOutcome,
};

/** The number SMS sessions wrote to, and each session's own (a Spanish mobile number per session number). */
export const BOT_NUMBER = '+15550001111';
export function phoneNumber(n: number): string {
  return `+346${String(n).padStart(8, '0')}`;
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
    request: (n, text, messageId) => smsWebhookRequest(phoneNumber(n), BOT_NUMBER, text, messageId),
    outcome: (status, body) => twimlOutcome(prompts, status, body),
  };
}

/**
 * The paths the benchmark drives (BENCH_PATHS picks them by name; a new one: add it here). The instant flow's
 * come from the in-process template conversation; the signed-in and practitioner ones are recorded on the
 * running bench service when their turn comes.
 */
export function turnPaths(templates: SessionTemplates): BenchPath[] {
  return [
    { ...webPath, prepare: async () => instantTemplate(templates, 'web', BOT_NUMBER, 'every-step') },
    { ...twilioSmsPath(templates), prepare: async () => instantTemplate(templates, 'sms', BOT_NUMBER, 'every-step') },
    { ...webPath, name: 'last-turn', prepare: async () => instantTemplate(templates, 'web', BOT_NUMBER, 'last-step') },
    userChatPath(),
    userPatchPath(),
    practitionerPath(),
  ];
}
