import type { AnswerValue } from '../conversation/parsers/parser-types.js';
import type { OutcomeWrite } from '../outcomes/outcome-writes.js';

/** Channels a session can be reached on (the `onboarding_channel` enum); `api` is a product's own form (PATCH). */
export const channels = ['web', 'sms', 'whatsapp', 'voice', 'api'] as const;
export type Channel = (typeof channels)[number];

/** Session statuses (the `session_status` enum). */
export type SessionStatus = 'started' | 'collecting_data' | 'paused' | 'skipped' | 'generating_chart' | 'completed' | 'failed' | 'abandoned';

/** Every session status, in the enum's order. */
export const sessionStatuses = ['started', 'collecting_data', 'paused', 'skipped', 'generating_chart', 'completed', 'failed', 'abandoned'] as const satisfies readonly SessionStatus[];

/** A session row as the service sees it. */
export interface SessionRecord {
  id: string;
  keyHash: string;
  flowId: string;
  flowVersion: number | null;
  flowHash: string | null;
  channel: Channel;
  language: string;
  status: SessionStatus;
  currentStep: string | null;
  collectedData: Record<string, AnswerValue>;
  snapshot: unknown;
  version: number;
  phoneNumber: string | null;
  /** Voice: the Twilio CallSid of the call the session is on now (null before this was stored, and off voice). */
  callSid: string | null;
  /** The code that continues the session on another channel while it is open (read from the database; absent on a row this process built after a commit). */
  resumeCode?: string | null;
  userId: string | null;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
}

/** A generated profile. */
export interface ProfileRecord {
  kind: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

/** A session with its profile, and the stored reply when the inbound message was seen before. */
export interface LoadedSession {
  session: SessionRecord;
  profile: ProfileRecord | null;
  /** Present when `messageKey` was given to load() and that message was already processed. */
  duplicateReply?: unknown;
  /** True when the row came from this process's memory (cached-session-store.ts), not from the database. */
  remembered?: boolean;
}

/** An event for the append-only log. */
export interface SessionEvent {
  kind: 'session_started' | 'inbound' | 'outbound' | 'step_prompted' | 'answer_accepted' | 'answer_rejected' | 'status_changed';
  step?: string | null;
  channel?: Channel;
  payload?: Record<string, unknown>;
}

/** The session columns a turn writes. */
export interface SessionWrite {
  status: SessionStatus;
  currentStep: string | null;
  collectedData: Record<string, AnswerValue>;
  snapshot: unknown;
  language?: string;
  flowVersion?: number;
  flowHash?: string;
  /** Voice: the call the session is on from now on; absent leaves it as it is. */
  callSid?: string;
}

/** Everything one turn writes, atomically. */
export interface TurnWrite {
  sessionId: string;
  /** For a new session: its key hash and creation columns; otherwise the version the turn read. */
  create?: {
    keyHash: string;
    channel: Channel;
    language: string;
    flowId: string;
    phoneNumber?: string | null;
    userId?: string | null;
    /** SMS / WhatsApp: the number the person wrote to; the session's later messages come from it. */
    botNumber?: string | null;
  };
  expectedVersion?: number;
  /**
   * The inbound message's idempotency key; a second commit with the same key from the same sender (the session's
   * channel and phone number) is a duplicate. Another sender's equal key is another message.
   */
  messageKey?: string | null;
  /** What the turn answered, stored with messageKey so a duplicate delivery gets the same answer. */
  reply?: unknown;
  session: SessionWrite;
  events: SessionEvent[];
  profile?: { kind: string; data: Record<string, unknown> };
  /** Updates the stored reply of an earlier message (the turn that started a long generation). */
  replaceReply?: { messageKey: string; reply: unknown };
  /** Messages to send after the commit (SMS / WhatsApp sessions only), addressed from the session's row. */
  outbox?: OutboxWrite[];
  /** A signed-in user's status row and the product's rows this turn completed (public.onboarding_apply_writes). */
  writes?: OutcomeWrite[];
}

/** One message for the outbox; `kind` picks the WhatsApp template used outside the 24-hour window. */
export interface OutboxWrite {
  kind: string;
  body: string;
  /** The template's variables, by position ("1", "2", ...), for when a template is used instead of the body. */
  variables?: Record<string, string>;
}

export type CommitOutcome =
  | { outcome: 'committed'; version: number }
  | { outcome: 'conflict' }
  | { outcome: 'duplicate'; reply: unknown };

export interface LoadOptions {
  /**
   * The caller commits with the version it read, so a row this process remembers will do (see
   * cached-session-store.ts); such a load may also skip the duplicate check, which the commit repeats.
   */
  reuse?: boolean;
  /**
   * Only the row whose `session_key` is this hash (the caller holds a key): a wrong key then gets no row, exactly
   * as an unknown id does, from the same database work (issue 15, timing).
   */
  keyHash?: string;
}

/** A signed-in user's onboarding of one flow (the `user_onboarding` row). */
export interface UserOnboardingRecord {
  userId: string;
  flowId: string;
  sessionId: string | null;
  status: 'not_started' | 'in_progress' | 'completed' | 'skipped';
  currentStep: number;
  totalSteps: number;
  completedSteps: string[];
  startedAt: Date | null;
  completedAt: Date | null;
  skippedAt: Date | null;
}

/** The persistence port; every driver passes the same contract suite. */
export interface SessionStore {
  readonly description: string;
  load(sessionId: string, messageKey?: string | null, options?: LoadOptions): Promise<LoadedSession | null>;
  commit(turn: TurnWrite): Promise<CommitOutcome>;
  /** Sessions left in generating_chart (a crash between the answer and the profile), oldest first. */
  listGenerating(limit: number): Promise<string[]>;
  /** The open session (collecting_data, paused or generating_chart) of a phone number on a channel, the latest one; null if none. */
  findOpenSession(phoneNumber: string, channel: Channel): Promise<string | null>;
  /**
   * The latest session of a phone number on a channel that completed after `since`; null if none. Optional: the
   * SQL drivers read it directly, the Supabase driver would need an RPC function (a migration) and lacks it, so an
   * SMS after a finished onboarding there still starts a new one.
   */
  findFinishedSession(phoneNumber: string, channel: Channel, since: Date): Promise<string | null>;
  /** A signed-in user's onboarding of a flow; null if they never started it. */
  findUserOnboarding(userId: string, flowId: string): Promise<UserOnboardingRecord | null>;
  /** Resolves when the database answers (readiness); throws otherwise. */
  ping(): Promise<void>;
  /** The measured median seconds from prompt to answer of each step of a flow (last 90 days); {} without data. */
  stepMedianSeconds(flowId: string): Promise<Record<string, number>>;
  close(): Promise<void>;
}
