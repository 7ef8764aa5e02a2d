import { fromPglite, PgBoss } from 'pg-boss';
import type { ServiceLogger } from '../sessions/service-deps.js';
import type { JobsDatabase } from '../store/open-store.js';

/** A periodic task: a name, a cron line (UTC, minute precision) and what it does. Handlers must be idempotent. */
export interface PeriodicJob {
  name: string;
  cron: string;
  run(): Promise<unknown>;
}

/** The job queue of a running service. */
export interface JobRunner {
  readonly description: string;
  /** Whether the worker is running (readiness). */
  running(): boolean;
  /** Queues a run of a periodic job now (besides its schedule), e.g. after a deploy; resolves with its id. */
  runSoon(name: string): Promise<string | null>;
  stop(): Promise<void>;
}

/** Where to poll and how often; tests and the embedded default keep their own. */
export interface JobRunnerOptions {
  database: JobsDatabase;
  jobs: PeriodicJob[];
  logger: ServiceLogger;
  /** How often a worker looks for due jobs (seconds). */
  pollSeconds?: number;
}

/**
 * Durable scheduled work on pg-boss, in the service's own database (schema `pgboss`): on the embedded default
 * through pg-boss's PGlite adapter, on a server through its own small pool. pg-boss's scheduler queues each
 * periodic job once per cron tick across all processes, and its fetch (`FOR UPDATE SKIP LOCKED`) gives each job
 * to one worker; a failed run is retried with backoff, then kept as failed (the dead state).
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { database, jobs, logger } = options;
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(database.db), backend: 'pglite' })
      : new PgBoss({ connectionString: database.url, max: 2, application_name: 'onboarding-bot-jobs' });
  let up = false;
  boss.on('error', (error: unknown) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  up = true;
  for (const job of jobs) {
    await boss.createQueue(job.name, { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 15 * 60 }).catch(async (error: unknown) => {
      // The queue exists already (another process, or an earlier boot): fine.
      if (!(await boss.getQueue(job.name))) throw error;
    });
    await boss.schedule(job.name, job.cron);
    await boss.work(job.name, { pollingIntervalSeconds: options.pollSeconds ?? 10 }, async () => {
      await job.run();
    });
  }
  return {
    description: `pg-boss on ${database.kind === 'pglite' ? 'the embedded database' : 'Postgres'} (${jobs.map((j) => `${j.name} ${j.cron}`).join(', ')})`,
    running: () => up,
    runSoon: (name) => boss.send(name, {}),
    stop: async () => {
      up = false;
      await boss.stop({ graceful: true, timeout: 5_000 });
    },
  };
}
