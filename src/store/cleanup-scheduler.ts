/** Removing abandoned anonymous sessions (public.cleanup_expired_onboarding_sessions) through a store driver. */
export interface SessionCleanup {
  /**
   * Removes incomplete anonymous sessions untouched for maxAgeDays and, with completedDays > 0, completed
   * anonymous sessions finished that many days ago; returns how many.
   */
  removeExpired(maxAgeDays: number, completedDays?: number): Promise<number>;
  /** The pg_cron schedule that runs the cleanup inside the database, or null when the service has to. */
  databaseSchedule(): Promise<string | null>;
  /** Releases what the cleanup holds of its own (a connection of its own, see open-store.ts). */
  close?(): Promise<void>;
}

/** The two pino methods the scheduler logs with (a pino Logger fits). */
export interface CleanupLogger {
  info(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface CleanupSchedulerOptions {
  cleanup: SessionCleanup;
  maxAgeDays: number;
  /** COMPLETED_SESSION_RETENTION_DAYS; 0 (default) keeps completed sessions. pg_cron's job does not know it, so
   * with a value the service runs the cleanup even where pg_cron does (running it twice removes nothing more). */
  completedDays?: number;
  /** 0: the service never runs the cleanup itself. */
  intervalMinutes: number;
  logger: CleanupLogger;
  /** Delay before the first run, so boot and recovery go first. Default one minute. */
  firstRunDelayMs?: number;
}

/** The running timer; stop() waits for a run in progress. */
export interface CleanupScheduler {
  stop(): Promise<void>;
}

/**
 * Runs the cleanup on a timer where the database does not (no pg_cron job). Runs never overlap, a failed run
 * is logged and the next one tries again, and the timer never keeps the process alive.
 */
export function startCleanupScheduler(options: CleanupSchedulerOptions): CleanupScheduler {
  const { cleanup, maxAgeDays, intervalMinutes, logger } = options;
  const completedDays = options.completedDays ?? 0;
  if (intervalMinutes === 0) {
    logger.info({ cleanup: 'off' }, 'session cleanup timer is off (CLEANUP_INTERVAL_MINUTES=0)');
    return { stop: async () => {} };
  }
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const runOnce = async (): Promise<void> => {
    try {
      const removed = completedDays > 0 ? await cleanup.removeExpired(maxAgeDays, completedDays) : await cleanup.removeExpired(maxAgeDays);
      if (removed > 0) {
        logger.info({ removed, maxAgeDays, ...(completedDays > 0 ? { completedDays } : {}) }, `removed ${removed} expired anonymous sessions`);
      }
    } catch (error) {
      logger.error({ err: error }, 'session cleanup failed');
    }
  };
  const schedule = (delayMs: number): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce().then(() => schedule(intervalMinutes * 60_000));
    }, delayMs);
    timer.unref();
  };

  running = cleanup
    .databaseSchedule()
    .then((cron) => {
      if (cron && completedDays > 0) {
        logger.info({ cleanup: 'pg_cron', schedule: cron, completedDays }, 'pg_cron runs the session cleanup without completed-session retention; the service runs it too');
        schedule(options.firstRunDelayMs ?? 60_000);
      } else if (cron) logger.info({ cleanup: 'pg_cron', schedule: cron }, `session cleanup runs in the database (pg_cron ${cron})`);
      else schedule(options.firstRunDelayMs ?? 60_000);
    })
    .catch((error: unknown) => {
      // Not knowing is no reason to skip it: the cleanup is idempotent, running it twice removes nothing more.
      logger.error({ err: error }, 'could not tell whether pg_cron runs the session cleanup; the service will');
      schedule(options.firstRunDelayMs ?? 60_000);
    });

  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
