import type { ServiceLogger } from '../../sessions/service-deps.js';
import type { ClaimedOutboxMessage, MessagingStore, OutboxSettlement } from '../../store/messaging-store.js';
import type { EmailSender } from '../../email/email-sender.js';
import { SendFailure, type MessageSender } from './message-sender.js';
import { chooseDelivery } from './whatsapp-window.js';

export interface OutboxWorkerOptions {
  store: MessagingStore;
  sender: MessageSender;
  /** Where email messages go (reminders of web sessions); without it they are dead-lettered. */
  email?: EmailSender;
  clock: () => Date;
  logger: ServiceLogger;
  /** WhatsApp template ContentSid per message kind, for outside the 24-hour window. */
  templates: Readonly<Record<string, string>>;
  maxAttempts: number;
  /** The first retry's delay; each next one doubles, up to MAX_RETRY_DELAY_MS. */
  retryBaseMs: number;
  /** Poll interval; 0: no timer (passes run when a commit wrote messages, or when asked). */
  pollMs: number;
  /** Where Twilio posts delivery statuses (PUBLIC_URL + /webhooks/twilio/status); none without a public URL. */
  statusCallback?: string;
  /** False: passes run only when runOnce() is called (tests drive the worker with their own clock). Default true. */
  autoRun?: boolean;
  batchSize?: number;
  /** How long a claim holds a message; past it, another pass may take it (a worker that died mid-send). */
  leaseSeconds?: number;
}

const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

/** Statuses Twilio answers a create with that the outbox records as they are; anything else counts as queued. */
const FIRST_STATUSES = new Set(['accepted', 'scheduled', 'queued', 'sending', 'sent', 'delivered', 'read', 'undelivered', 'failed', 'canceled']);

/**
 * Sends the outbox after the turns that wrote it committed. One pass at a time per process (passes queue up);
 * across processes the claim's lease and skip-locked keep a message in one pass. A crash after Twilio accepted a
 * message but before it was settled sends it again when the lease runs out: delivery is at least once.
 */
export class OutboxWorker {
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: OutboxWorkerOptions) {}

  /** Starts polling (if configured) and runs one pass now, for messages left from before a restart. */
  start(): void {
    if (this.options.autoRun === false) return;
    if (this.options.pollMs > 0) {
      this.timer = setInterval(() => this.kick(), this.options.pollMs);
      this.timer.unref();
    }
    this.kick();
  }

  /** Asks for a pass soon without waiting for it (after a commit that wrote messages). */
  kick(): void {
    if (this.stopped || this.options.autoRun === false) return;
    this.runOnce().catch((error: unknown) => this.options.logger.error({ err: error }, 'outbox pass failed'));
  }

  /** Runs one pass after any pass under way; resolves with how many messages it handled. */
  runOnce(): Promise<number> {
    const pass = this.chain.then(() => this.pass());
    this.chain = pass.catch(() => undefined);
    return pass;
  }

  /** Stops polling and waits for the pass under way (graceful shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.chain;
  }

  private async pass(): Promise<number> {
    const batch = this.options.batchSize ?? 20;
    let handled = 0;
    for (;;) {
      const claimed = await this.options.store.claimOutbox(this.options.clock(), batch, this.options.leaseSeconds ?? 60);
      for (const message of claimed) await this.deliver(message);
      handled += claimed.length;
      if (claimed.length < batch) return handled;
    }
  }

  private async deliver(message: ClaimedOutboxMessage): Promise<void> {
    const settlement = await this.attempt(message);
    const settled = await this.options.store.settleOutbox(message.id, message.attempt, settlement);
    const fields = { outbox: message.id, session: message.sessionId, channel: message.channel, kind: message.kind, attempt: message.attempt };
    if (!settled) this.options.logger.warn(fields, 'outbox message was taken over by another pass (lease expired)');
    else if (settlement.status === 'dead') this.options.logger.error({ ...fields, error: settlement.error }, 'outbox message dead-lettered');
    else if (settlement.status === 'pending') this.options.logger.warn({ ...fields, error: settlement.error }, 'outbox message will be retried');
    else this.options.logger.info({ ...fields, status: settlement.status === 'provider' ? settlement.providerStatus : settlement.status }, 'outbox message');
  }

  /** Hands the message to its provider: Twilio for SMS and WhatsApp, SMTP for email. */
  private async send(message: ClaimedOutboxMessage, now: Date): Promise<OutboxSettlement> {
    if (message.channel === 'email') {
      if (!this.options.email) return { status: 'dead', error: 'no email sender' };
      const html = message.variables.html;
      const sent = await this.options.email.send({ to: message.to, subject: message.subject ?? '', text: message.body, ...(html ? { html } : {}) });
      // SMTP has no delivery callbacks: accepted by the server is as far as the outbox follows an email.
      return { status: 'provider', providerStatus: 'sent', providerSid: sent.id ? `email:${sent.id}` : null };
    }
    const choice = chooseDelivery({ ...message, channel: message.channel }, now, this.options.templates);
    if (choice.kind === 'none') return { status: 'skipped', error: choice.reason };
    if (!message.from) return { status: 'dead', error: 'the session has no bot number to send from' };
    const result = await this.options.sender.send({
      channel: message.channel,
      to: message.to,
      from: message.from,
      content: choice.kind === 'text' ? { kind: 'text', body: choice.body } : choice,
      ...(this.options.statusCallback ? { statusCallback: this.options.statusCallback } : {}),
    });
    return { status: 'provider', providerStatus: FIRST_STATUSES.has(result.status) ? result.status : 'queued', providerSid: result.sid };
  }

  private async attempt(message: ClaimedOutboxMessage): Promise<OutboxSettlement> {
    if (message.optedOut) return { status: 'suppressed', error: null };
    const now = this.options.clock();
    try {
      return await this.send(message, now);
    } catch (error) {
      const failure = error instanceof SendFailure ? error : new SendFailure(error instanceof Error ? error.message : String(error), true);
      if (!failure.retryable || message.attempt >= this.options.maxAttempts) return { status: 'dead', error: failure.message };
      const delay = Math.min(this.options.retryBaseMs * 2 ** (message.attempt - 1), MAX_RETRY_DELAY_MS);
      return { status: 'pending', error: failure.message, nextAttemptAt: new Date(now.getTime() + delay) };
    }
  }
}
