import { z } from 'zod';
import type { AnswerMode } from './keypad.js';

export const VOICE_PATH = '/webhooks/twilio/voice';
export const GATHER_PATH = '/webhooks/twilio/voice/gather';
export const VOICE_STATUS_PATH = '/webhooks/twilio/voice/status';

/**
 * Where a call stands, carried in the URLs of its TwiML (a Gather's action, the Redirect taken on silence), so
 * each request says which session and which question it answers. Twilio signs the URL it calls, query
 * included, so these values come from this service.
 */
export interface CallStep {
  sessionId: string;
  flowId: string;
  language: string;
  /** The answer's number in the call; `voice:<CallSid>:<turn>` is its idempotency key. */
  turn: number;
  mode: AnswerMode;
  /** The question is the offer to resume a session (1: continue, 2: start over). */
  offer: boolean;
  /** On a Redirect: how many times in a row nothing was heard at this question, this one included. */
  silence: number;
}

/** The query of a gather URL (also the route's schema, so it is in the OpenAPI document). */
export const callStepQuery = z.object({
  s: z.uuid(),
  f: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/),
  l: z.string().regex(/^[a-z]{2,3}$/),
  t: z.coerce.number().int().min(1).max(100_000),
  m: z.enum(['date', 'phone', 'confirm', 'plain']).default('plain'),
  o: z.literal('1').optional(),
  q: z.coerce.number().int().min(0).max(9).default(0),
});

/** The query of a gather URL, or null when it is not one this service made. */
export function readCallStep(value: unknown): CallStep | null {
  const parsed = callStepQuery.safeParse(value);
  if (!parsed.success) return null;
  const p = parsed.data;
  return { sessionId: p.s, flowId: p.f, language: p.l, turn: p.t, mode: p.m, offer: p.o === '1', silence: p.q };
}

/** The gather URL for a step, under `base` (PUBLIC_URL, or '' for a relative URL in console mode). */
export function gatherUrl(base: string, step: CallStep): string {
  const params = new URLSearchParams({ s: step.sessionId, f: step.flowId, l: step.language, t: String(step.turn), m: step.mode });
  if (step.offer) params.set('o', '1');
  if (step.silence > 0) params.set('q', String(step.silence));
  return `${base}${GATHER_PATH}?${params.toString()}`;
}
