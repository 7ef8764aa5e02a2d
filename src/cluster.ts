import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import closeWithGrace from 'close-with-grace';
import type { Config } from './config.js';
import type { ServiceLogger } from './sessions/service-deps.js';

/** A worker closes within this (close-with-grace's delay, as a single process); the primary waits a little longer. */
const WORKER_CLOSE_MS = 10_000;
const PRIMARY_STOP_MS = WORKER_CLOSE_MS + 5_000;
/** A worker that lived this long before it died is restarted at once; earlier deaths double the wait. */
const STABLE_AFTER_MS = 30_000;
const FIRST_RESTART_MS = 500;
const LONGEST_RESTART_MS = 30_000;

/**
 * How long to wait before replacing a worker that died, given how many workers of its place died soon after
 * starting, in a row: 0.5 s, then 1, 2, 4 ... up to 30 s, so a crash loop does not spin.
 */
export function restartDelayMs(quickDeathsInARow: number): number {
  return Math.min(LONGEST_RESTART_MS, FIRST_RESTART_MS * 2 ** Math.max(0, quickDeathsInARow));
}

/** One of the N places a worker runs in; its replacement inherits the count of quick deaths. */
interface Place {
  index: number;
  quickDeaths: number;
  startedAt: number;
  listening: boolean;
}

/**
 * The primary of SERVICE_PROCESSES > 1 (node:cluster): forks that many workers, each the whole service on the
 * same port (the primary accepts connections and hands them out in turn), and serves nothing itself.
 * - A worker that fails to start before every first worker listened stops the service (exit 1): the same
 *   configuration, flow files and database would fail again. Its own error is on stderr.
 * - Later, a worker that dies (crash, kill -9, its own SIGTERM) is replaced, after restartDelayMs.
 * - SIGTERM or SIGINT stops every worker with SIGTERM (each closes gracefully, as a single process would) and
 *   exits 0 when all exited 0; 1 otherwise, or when they have not exited within 15 s (then they are killed).
 * Workers share one OTP_HASH_SECRET: unset, a random one of this primary, so a code made by one is checked by
 * another.
 */
export function runClusterPrimary(config: Pick<Config, 'SERVICE_PROCESSES' | 'OTP_HASH_SECRET'>, logger: ServiceLogger): void {
  const env = config.OTP_HASH_SECRET ? {} : { OTP_HASH_SECRET: randomBytes(32).toString('hex') };
  const places: Place[] = Array.from({ length: config.SERVICE_PROCESSES }, (_, index) => ({ index, quickDeaths: 0, startedAt: 0, listening: false }));
  const live = new Set<Worker>();
  const restarts = new Set<NodeJS.Timeout>();
  let booted = false;
  let stopping = false;
  let failed = false;

  const finishIfDone = (): void => {
    if (stopping && live.size === 0) {
      logger.info({ exitCode: failed ? 1 : 0 }, 'every service process has stopped');
      process.exit(failed ? 1 : 0);
    }
  };

  const stop = (reason: { signal?: string; failure?: string }): void => {
    if (reason.failure) failed = true;
    if (stopping) return;
    stopping = true;
    for (const timer of restarts) clearTimeout(timer);
    logger.info({ ...reason, workers: live.size }, `stopping ${live.size} service processes`);
    for (const worker of live) worker.process.kill('SIGTERM');
    setTimeout(() => {
      logger.error({ workers: [...live].map((w) => w.process.pid) }, `service processes still running after ${PRIMARY_STOP_MS} ms: killed`);
      for (const worker of live) worker.process.kill('SIGKILL');
      process.exit(1);
    }, PRIMARY_STOP_MS).unref();
    finishIfDone();
  };

  const start = (place: Place): void => {
    const worker = cluster.fork(env);
    live.add(worker);
    place.startedAt = Date.now();
    place.listening = false;
    worker.once('listening', () => {
      place.listening = true;
      logger.info({ worker: worker.process.pid, place: place.index + 1 }, `service process ${worker.process.pid} listening`);
      if (!booted && places.every((p) => p.listening)) {
        booted = true;
        logger.info({ workers: places.length }, `all ${places.length} service processes listening`);
      }
    });
    worker.once('exit', (code, signal) => {
      live.delete(worker);
      const pid = worker.process.pid;
      if (stopping) {
        if (code !== 0) failed = true;
        finishIfDone();
        return;
      }
      if (!booted && !place.listening) {
        logger.error({ worker: pid, code, signal }, `service process ${pid} failed to start (its error is above): stopping`);
        stop({ failure: 'a service process failed to start' });
        return;
      }
      place.quickDeaths = Date.now() - place.startedAt >= STABLE_AFTER_MS ? 0 : place.quickDeaths + 1;
      const delay = restartDelayMs(place.quickDeaths);
      logger.error({ worker: pid, code, signal, restartInMs: delay }, `service process ${pid} exited (${signal ?? `code ${code}`}); another starts in ${delay} ms`);
      const timer = setTimeout(() => {
        restarts.delete(timer);
        if (!stopping) start(place);
      }, delay);
      restarts.add(timer);
    });
  };

  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    // A second signal: stop waiting.
    if (++signals > 1) {
      logger.error({ signal }, `second ${signal}: killing the service processes`);
      for (const worker of live) worker.process.kill('SIGKILL');
      process.exit(1);
    }
    stop({ signal });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  logger.info({ workers: places.length }, `starting ${places.length} service processes`);
  for (const place of places) start(place);
}

/**
 * How this process shuts down: a single process through close-with-grace, as before; a worker the same way, but
 * SIGTERM and SIGINT start one close and a repeat is ignored (a Ctrl-C reaches the whole process group, and the
 * primary then sends SIGTERM: that second signal must not turn a graceful close into exit 1).
 */
export function closeOnSignals(logger: ServiceLogger, close: () => Promise<void>): void {
  const worker = cluster.isWorker;
  const grace = closeWithGrace({ delay: WORKER_CLOSE_MS, ...(worker ? { skip: ['SIGTERM', 'SIGINT'] } : {}) }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'shutting down after an error');
    else if (!worker) logger.info({ signal }, 'shutting down');
    await close();
  });
  if (!worker) return;
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    void grace.close();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
