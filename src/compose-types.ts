import type { FastifyInstance } from 'fastify';
import type twilio from 'twilio';
import type { OutboxWorker } from './channels/twilio-messaging/outbox-worker.js';
import type { TwilioWebhookMode } from './channels/twilio-webhook-mode.js';
import type { JobRunner } from './jobs/job-runner.js';
import type { Metrics } from './metrics.js';
import type { NudgeSweepDeps } from './reminders/nudge-sweep.js';
import type { ResumeService } from './resume/resume-service.js';
import type { SessionService } from './sessions/session-service.js';
import type { SessionStore } from './store/session-store.js';
import type { SqlClient } from './store/sql-client.js';
import type { StoreTarget } from './store/open-store.js';
import type { WorkspaceMessagesDeps } from './workspaces/workspace-messages.js';

/** A running service: the app and everything it holds, with one close for all. */
export interface Service {
  app: FastifyInstance;
  service: SessionService;
  store: SessionStore;
  /** The database connection under the store (tests read the event log through it). */
  sql: SqlClient;
  appliedMigrations: string[];
  /** Sends SMS / WhatsApp messages written outside a reply (tests drive it with runOnce). */
  outbox: OutboxWorker;
  /** How signed-in users' access tokens are verified, for the boot line; null without a signed-in flow. */
  auth: string | null;
  /** The Prometheus metrics served at /metrics. */
  metrics: Metrics;
  /** Whether the Twilio webhooks are mounted, and signed (the boot line says it). */
  twilioWebhooks: TwilioWebhookMode;
  /** Nudges (tests run a sweep with their own clock through it). */
  nudges: NudgeSweepDeps;
  /** Continuing sessions elsewhere (codes, magic links). */
  resume: ResumeService;
  /** Workspace welcomes and trial reminders (tests run them with their own clock). */
  workspaceMessages: WorkspaceMessagesDeps;
  /** The job worker; null when JOBS=false or no database for it (the boot line says which). */
  jobs: JobRunner | null;
  close(): Promise<void>;
}

export interface ComposeOptions {
  storeTarget?: StoreTarget;
  clock?: () => Date;
  /** Per-stage turn durations in the turn log (the benchmark). */
  timeTurns?: boolean;
  /** Tests: the twilio library's HTTP client, pointed at a local fake of Twilio's API. */
  twilioHttpClient?: twilio.RequestClient;
  /** Tests: false to run the outbox only when they call `outbox.runOnce()`. */
  outboxAutoRun?: boolean;
  /** Tests: points Twilio's media URLs at a local fake of its media host. */
  twilioMediaUrl?: (url: string) => string;
  /** Process metrics (CPU, memory, event loop) in /metrics; default true. */
  processMetrics?: boolean;
  /** Tests: false to start no job worker (they run sweeps themselves with a moved clock). */
  jobs?: boolean;
}
