import { z } from 'zod';
import type { NudgeChannel } from '../flows/nudge-schema.js';
import type { NudgeCandidate, NudgePlan } from '../reminders/nudge-plan.js';
import { channels, type Channel } from './session-store.js';

/** One nudge to record: the message, or why there was nothing to send it by. */
export type NudgeRecord = {
  sessionId: string;
  silenceKey: string;
  sequence: number;
  step: string | null;
  language: string;
} & (
  | { message: { channel: NudgeChannel; to: string; from: string | null; kind: string; body: string; subject: string | null; variables: Record<string, string> } }
  | { skipReason: string }
);

/** What recording a nudge did: sent to the outbox, recorded as skipped, already recorded, or cancelled by a reply. */
export type NudgeOutcome = 'recorded' | 'skipped' | 'duplicate' | 'cancelled';

/** The open session a resume code names. */
export interface ResumableSession {
  id: string;
  flowId: string;
  channel: Channel;
  phoneNumber: string | null;
  userId: string | null;
}

/** Persistence of reminders and of moving sessions between channels and devices; every driver, one contract suite. */
export interface ReminderStore {
  /** Open sessions due a nudge at `now` under the flows' plans, oldest silence first, after `after` (paging). */
  nudgeCandidates(now: Date, plans: Record<string, NudgePlan>, limit: number, after?: NudgeCandidate): Promise<NudgeCandidate[]>;
  /** Records a nudge and its outbox message in one transaction, unless a turn came in since the silence began. */
  recordNudge(nudge: NudgeRecord): Promise<NudgeOutcome>;
  /** Marks open sessions untouched since `before` as abandoned; returns how many. */
  markAbandoned(before: Date): Promise<number>;
  /** The open session holding a resume code (normalised: upper case, no spaces); null if none. */
  findByResumeCode(code: string): Promise<ResumableSession | null>;
  /** Moves an open session to a messaging channel and number; false if it is no longer open. */
  moveSession(sessionId: string, channel: 'sms' | 'whatsapp', phoneNumber: string, botNumber: string): Promise<boolean>;
  /** Gives an open session a new key hash (the old key stops working); false if it is not open. */
  rotateSessionKey(sessionId: string, keyHash: string): Promise<boolean>;
}

const candidatesJson = z.array(
  z.object({
    id: z.string(),
    flow_id: z.string(),
    channel: z.enum(channels),
    phone_number: z.string().nullable(),
    bot_number: z.string().nullable(),
    user_id: z.string().nullable(),
    language: z.string(),
    current_step: z.string().nullable(),
    collected_data: z.record(z.string(), z.json()),
    last_inbound_at: z.coerce.date().nullable(),
    silence_key: z.string(),
    silence_order: z.coerce.date(),
    sequence: z.number().int(),
  }),
);

/** Reads public.onboarding_nudge_candidates' answer. */
export function parseCandidates(value: unknown): NudgeCandidate[] {
  return candidatesJson.parse(value).map((r) => ({
    id: r.id,
    flowId: r.flow_id,
    channel: r.channel,
    phoneNumber: r.phone_number,
    botNumber: r.bot_number,
    userId: r.user_id,
    language: r.language,
    currentStep: r.current_step,
    collectedData: r.collected_data as NudgeCandidate['collectedData'],
    lastInboundAt: r.last_inbound_at,
    silenceKey: r.silence_key,
    silenceStartedAt: r.silence_order,
    sequence: r.sequence,
  }));
}

/** The keyset cursor after a candidate. */
export function candidateCursor(after: NudgeCandidate | undefined): { updated_at: string; id: string } | null {
  return after ? { updated_at: after.silenceKey, id: after.id } : null;
}

/** public.onboarding_record_nudge's argument. */
export function nudgeArgument(nudge: NudgeRecord): Record<string, unknown> {
  const base = { session_id: nudge.sessionId, silence_key: nudge.silenceKey, sequence: nudge.sequence, step: nudge.step, language: nudge.language };
  if ('skipReason' in nudge) return { ...base, skip_reason: nudge.skipReason };
  const m = nudge.message;
  return { ...base, channel: m.channel, to: m.to, from: m.from, kind: m.kind, body: m.body, subject: m.subject, variables: m.variables };
}

/** Reads public.onboarding_record_nudge's answer. */
export function parseNudgeOutcome(value: unknown): NudgeOutcome {
  return z.object({ outcome: z.enum(['recorded', 'skipped', 'duplicate', 'cancelled']) }).parse(value).outcome;
}

const resumableJson = z
  .object({ id: z.string(), flow_id: z.string(), channel: z.enum(channels), phone_number: z.string().nullable(), user_id: z.string().nullable() })
  .nullable();

/** Reads public.onboarding_find_by_resume_code's answer. */
export function parseResumable(value: unknown): ResumableSession | null {
  const r = resumableJson.parse(value ?? null);
  return r ? { id: r.id, flowId: r.flow_id, channel: r.channel, phoneNumber: r.phone_number, userId: r.user_id } : null;
}
