import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SignatureCheck } from './channels/twilio-messaging/verify-signature.js';
import type { MessagingStore } from './store/messaging-store.js';
import type { OutboxDepth } from './store/ops-store.js';

/** What a turn reports to the metrics: counted and timed, nothing else (the turn path is benchmarked). */
export interface TurnObservation {
  flow: string;
  channel: string;
  outcome: string;
  /** Wall time of the turn in milliseconds. */
  ms: number;
  /** Attempts that lost the race for the session row before the turn went through (another process wrote it). */
  conflicts?: number;
}

/**
 * The service's Prometheus metrics, on a registry of their own (never prom-client's global one, so each
 * service built in a test process has its own counts). Served at /metrics by src/routes/ops-routes.ts.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly turns = new Counter({
    name: 'onboarding_turns_total',
    help: 'Conversation turns by flow, channel and outcome (started, answer, invalid, completed, refused, ...).',
    labelNames: ['flow', 'channel', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly turnSeconds = new Histogram({
    name: 'onboarding_turn_duration_seconds',
    help: 'Time a turn took in the service, database commit included.',
    labelNames: ['flow', 'channel'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });
  private readonly turnConflicts = new Counter({
    name: 'onboarding_turn_conflicts_total',
    help: 'Reply attempts that found the session row changed by another turn or process, and were run again on the new row.',
    labelNames: ['flow', 'channel'] as const,
    registers: [this.registry],
  });
  private readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly httpSeconds = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request time by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });
  private readonly outboxFailures = new Counter({
    name: 'onboarding_outbox_failures_total',
    help: 'Outbox send attempts that failed, by result: retry (will be tried again) or dead (given up).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly webhookFailures = new Counter({
    name: 'onboarding_webhook_verifications_failed_total',
    help: 'Webhook requests refused because their signature did not verify, by provider.',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });

  /** @param outboxDepth read at each scrape (one query); null: no outbox gauge. */
  constructor(options: { outboxDepth?: () => Promise<OutboxDepth>; processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    const read = options.outboxDepth;
    if (read) {
      new Gauge({
        name: 'onboarding_outbox_messages',
        help: 'Outbox messages by state: pending (waiting, retries included), retrying (pending after a failure), claimed (being sent).',
        labelNames: ['state'] as const,
        registers: [this.registry],
        async collect() {
          // A database that does not answer leaves the gauge empty (the scrape still works; /ready says why).
          const depth = await read().catch(() => null);
          this.reset();
          if (depth) for (const state of ['pending', 'retrying', 'claimed'] as const) this.set({ state }, depth[state]);
        },
      });
    }
  }

  turn(observation: TurnObservation): void {
    this.turns.inc({ flow: observation.flow, channel: observation.channel, outcome: observation.outcome });
    this.turnSeconds.observe({ flow: observation.flow, channel: observation.channel }, observation.ms / 1000);
    if (observation.conflicts) this.turnConflicts.inc({ flow: observation.flow, channel: observation.channel }, observation.conflicts);
  }

  /** `route` is the pattern (/api/v2/.../:id), never the URL: URLs can carry ids and tokens. */
  request(method: string, route: string, status: number, ms: number): void {
    this.httpRequests.inc({ method, route, status: String(status) });
    this.httpSeconds.observe({ method, route }, ms / 1000);
  }

  outboxFailure(result: 'retry' | 'dead'): void {
    this.outboxFailures.inc({ result });
  }

  webhookVerificationFailed(provider: string): void {
    this.webhookFailures.inc({ provider });
  }

  /** The text exposition format, and its content type. */
  async expose(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** The messaging store, counting the outbox's failed attempts (retried or given up) in the metrics. */
export function countOutboxFailures(messaging: MessagingStore, metrics: Metrics): MessagingStore {
  return {
    ...messaging,
    settleOutbox: async (id, attempt, settlement) => {
      const settled = await messaging.settleOutbox(id, attempt, settlement);
      if (settled && settlement.status === 'pending') metrics.outboxFailure('retry');
      if (settled && settlement.status === 'dead') metrics.outboxFailure('dead');
      return settled;
    },
  };
}

/** The Twilio signature check, counting refusals in the metrics; null (console mode) stays null. */
export function countFailedSignatures(check: SignatureCheck | null, metrics: Metrics): SignatureCheck | null {
  if (!check) return null;
  return (url, signature, form) => {
    const valid = check(url, signature, form);
    if (!valid) metrics.webhookVerificationFailed('twilio');
    return valid;
  };
}
