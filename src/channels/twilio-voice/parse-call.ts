import { z } from 'zod';

/** The call a webhook is about; numbers in E.164, null when withheld ("anonymous") or not a phone number. */
export interface CallInfo {
  callSid: string;
  from: string | null;
  to: string | null;
}

/** What the caller answered to a Gather: speech (with its confidence, when given) or keypad digits; both null for silence. */
export interface CallAnswer extends CallInfo {
  speech: string | null;
  confidence: number | null;
  digits: string | null;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const number = z
  .string()
  .max(100)
  .optional()
  .transform((v) => (v && E164.test(v) ? v : null));

const call = z.object({ CallSid: z.string().regex(/^CA[0-9a-fA-F]{32}$/), From: number, To: number });

const answer = call.extend({
  SpeechResult: z.string().max(2000).optional(),
  Confidence: z.coerce.number().min(0).max(1).optional().catch(undefined),
  Digits: z.string().regex(/^[0-9*#]{0,40}$/).optional(),
});

const status = call.extend({ CallStatus: z.string().regex(/^[a-z-]{1,30}$/) });

const info = (p: z.infer<typeof call>): CallInfo => ({ callSid: p.CallSid, from: p.From, to: p.To });

export function parseCall(form: Readonly<Record<string, string>>): CallInfo | null {
  const parsed = call.safeParse(form);
  return parsed.success ? info(parsed.data) : null;
}

export function parseAnswer(form: Readonly<Record<string, string>>): CallAnswer | null {
  const parsed = answer.safeParse(form);
  if (!parsed.success) return null;
  const p = parsed.data;
  const speech = p.SpeechResult?.trim() ?? '';
  const digits = p.Digits?.replace(/[*#]/g, '') ?? '';
  return { ...info(p), speech: speech === '' ? null : speech, confidence: p.Confidence ?? null, digits: digits === '' ? null : digits };
}

/** Twilio's call status callback; `ended` for a call that is over, however it ended. */
export function parseCallStatus(form: Readonly<Record<string, string>>): (CallInfo & { status: string; ended: boolean }) | null {
  const parsed = status.safeParse(form);
  if (!parsed.success) return null;
  const ended = ['completed', 'busy', 'no-answer', 'failed', 'canceled'].includes(parsed.data.CallStatus);
  return { ...info(parsed.data), status: parsed.data.CallStatus, ended };
}
