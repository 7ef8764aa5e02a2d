import { z } from 'zod';

/** The channels the messaging store serves (opt-outs, Twilio). */
export type MessagingChannel = 'sms' | 'whatsapp';
/** The channels an outbox message can go by: Twilio's, and email (reminders of web sessions). */
export type OutboxChannel = MessagingChannel | 'email';

/** An outbox message a worker pass claimed, with what the sending decision needs. */
export interface ClaimedOutboxMessage {
  id: number;
  /** The attempt this claim is (1 for the first try); settle() must name it. */
  attempt: number;
  sessionId: string | null;
  channel: OutboxChannel;
  /** E.164, without the whatsapp: prefix; an email address on email. */
  to: string;
  from: string | null;
  kind: string;
  body: string;
  /** Email only. */
  subject: string | null;
  variables: Record<string, string>;
  /** When the person last wrote (the WhatsApp 24-hour window); null if never. */
  lastInboundAt: Date | null;
  optedOut: boolean;
}

/** What became of a claimed message. */
export type OutboxSettlement =
  /** Twilio took it: its status (queued, accepted, sent, ...) and message sid. */
  | { status: 'provider'; providerStatus: string; providerSid: string | null }
  /** A retryable failure: try again at nextAttemptAt. */
  | { status: 'pending'; error: string; nextAttemptAt: Date }
  /** Final without sending: retries used up or a permanent error (dead), window closed without template (skipped), opted out (suppressed). */
  | { status: 'dead' | 'skipped' | 'suppressed'; error: string | null };

/** Persistence of the messaging channel: opt-outs and the outbox. Every driver passes the same contract suite. */
export interface MessagingStore {
  /** Records STOP (true) or START (false) for a number on a channel. */
  setOptOut(phoneNumber: string, channel: MessagingChannel, optedOut: boolean, keyword: string | null): Promise<void>;
  isOptedOut(phoneNumber: string, channel: MessagingChannel): Promise<boolean>;
  /** Claims due messages (pending and due, or claimed with an expired lease), oldest first. */
  claimOutbox(now: Date, limit: number, leaseSeconds: number): Promise<ClaimedOutboxMessage[]>;
  /** Settles a claim; false when that claim is no longer current (its lease expired and another took it). */
  settleOutbox(id: number, attempt: number, settlement: OutboxSettlement): Promise<boolean>;
  /** Applies a delivery status callback if it moves the message forward; false when ignored. */
  recordDeliveryStatus(providerSid: string, status: string, errorCode: string | null): Promise<boolean>;
}

// public.onboarding_outbox_claim's JSON, the same from every driver.
const claimedJson = z.array(
  z.object({
    id: z.coerce.number().int(),
    attempts: z.number().int(),
    session_id: z.string().nullable(),
    channel: z.enum(['sms', 'whatsapp', 'email']),
    to_address: z.string(),
    from_address: z.string().nullable(),
    kind: z.string(),
    body: z.string(),
    subject: z.string().nullish(),
    variables: z.record(z.string(), z.coerce.string()),
    last_inbound_at: z.coerce.date().nullable(),
    opted_out: z.boolean(),
  }),
);

/** Reads the claim function's answer into the port's shape. */
export function parseClaimed(value: unknown): ClaimedOutboxMessage[] {
  return claimedJson.parse(value).map((r) => ({
    id: r.id,
    attempt: r.attempts,
    sessionId: r.session_id,
    channel: r.channel,
    to: r.to_address,
    from: r.from_address,
    kind: r.kind,
    body: r.body,
    subject: r.subject ?? null,
    variables: r.variables,
    lastInboundAt: r.last_inbound_at,
    optedOut: r.opted_out,
  }));
}

/** The arguments of public.onboarding_outbox_settle after id and attempt. */
export function settleArgs(s: OutboxSettlement): { status: string; providerSid: string | null; error: string | null; nextAttemptAt: string | null } {
  switch (s.status) {
    case 'provider':
      return { status: s.providerStatus, providerSid: s.providerSid, error: null, nextAttemptAt: null };
    case 'pending':
      return { status: 'pending', providerSid: null, error: s.error, nextAttemptAt: s.nextAttemptAt.toISOString() };
    default:
      return { status: s.status, providerSid: null, error: s.error, nextAttemptAt: null };
  }
}
