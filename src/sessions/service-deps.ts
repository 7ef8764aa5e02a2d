import type { FlowRuntime } from '../conversation/flow-runtime.js';
import type { AnswerParser } from '../conversation/parsers/parser-types.js';
import type { InputType } from '../flows/flow-schema.js';
import type { Localizer } from '../i18n/create-i18n.js';
import type { OutcomeModule } from '../outcomes/outcome-module.js';
import type { ProfileGenerator } from '../profiles/profile-generator.js';
import type { OutgoingMessage } from '../conversation/render-outputs.js';
import type { IdempotencyStore } from '../store/idempotency-store.js';
import type { OutboxWrite, SessionRecord, SessionStore } from '../store/session-store.js';

/** The part of a pino logger the services use. */
export interface ServiceLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * Messages a session gets outside a reply (SMS / WhatsApp: the profile that was not ready when the reply went).
 * The sessions layer asks for outbox rows and commits them with the turn; the channel decides what they are.
 */
export interface OutboundMessages {
  /** Outbox rows for these messages of this session; none for channels whose clients fetch (web). */
  rowsFor(session: SessionRecord, kind: 'profile_ready' | 'profile_failed', messages: readonly OutgoingMessage[]): OutboxWrite[];
  /** A commit wrote outbox rows: send them now rather than at the next poll. */
  written(): void;
}

/** What the session services are built from; tests build them with real parts and a fixed clock. */
export interface ServiceDeps {
  store: SessionStore;
  flows: ReadonlyMap<string, FlowRuntime>;
  localizer: Localizer;
  parsers: Readonly<Record<InputType, AnswerParser>>;
  generators: ReadonlyMap<string, ProfileGenerator>;
  /** Outcome modules by name: what signed-in flows write into the product's tables. */
  outcomes: ReadonlyMap<string, OutcomeModule>;
  logger: ServiceLogger;
  clock: () => Date;
  /** How long a reply waits for the profile before answering "generating" (the client then polls). */
  profileWaitMs: number;
  defaultFlow: string;
  outbound?: OutboundMessages;
  /** The most turns one session takes (SESSION_MAX_TURNS); more are refused with 429. */
  maxTurns?: number;
  /**
   * Told of every logged turn (the metrics: counters and a histogram, nothing slow: it runs in the turn);
   * `conflicts`: the attempts of a reply that lost the race for the session row first (another process wrote it).
   */
  observeTurn?: (turn: { flow: string; channel: string; outcome: string; ms: number; conflicts?: number }) => void;
  /** Starts under an Idempotency-Key, and the secret the session key of such a start is derived with. */
  idempotency?: { store: IdempotencyStore; secret: string };
}
