import { pino, type Logger } from 'pino';
import { redactDeep } from './log-redaction.js';

/**
 * Standard output, written in batches: lines gather until 4 KB or a quarter of a second has passed, then go out
 * in one write. A busy service writes two lines per turn; one write (and one wake-up of whatever reads the log)
 * per line was about 6% of its CPU per turn under load (issue 21, bench/results/). The batch is written
 * synchronously (pino's own default), from the thread that logs: handing each 4 KB to libuv's thread pool cost
 * the event loop more than the write itself (a thread wake-up per batch; 10.7 against 7.5 µs of CPU per turn's
 * two lines in a tight loop, and 4.5% of the service's main-thread time under load in a CPU profile). A reader
 * that stops reading (a full pipe) holds the service back rather than letting unwritten lines pile up in memory.
 * Nothing is lost when the process ends: what is left is written on exit, also after an uncaught error
 * (close-with-grace exits); only a SIGKILL can lose the last quarter second. A batch stays whole: each write
 * holds whole lines.
 */
function batchedStdout(): pino.DestinationStream {
  const stream = pino.destination({ dest: 1, sync: true, minLength: 4096, periodicFlush: 250 });
  // pino flushes an asynchronous destination on exit by itself, not a synchronous one that gathers lines.
  process.once('exit', () => stream.flushSync());
  return stream;
}

/** The second a timestamp was last written in, and its text up to the seconds ("2026-12-04T22:00:00"). */
let cachedSecond = Number.NaN;
let cachedPrefix = '';

/**
 * pino's `,"time":"…"` with the ISO 8601 time Date#toISOString writes, made from the current second's text and the
 * milliseconds: toISOString costs about 0.7 µs, a third of what a line costs pino (issue 21, two lines per turn).
 */
export function isoTimestamp(now = Date.now()): string {
  const second = Math.floor(now / 1000);
  if (second !== cachedSecond) {
    const iso = new Date(second * 1000).toISOString();
    // Years past 9999 or before 0 are written with a sign and six digits: left to toISOString every time.
    if (iso.length !== 24) return `,"time":"${new Date(now).toISOString()}"`;
    cachedSecond = second;
    cachedPrefix = iso.slice(0, 19);
  }
  const ms = now - second * 1000;
  return `,"time":"${cachedPrefix}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z"`;
}

/**
 * The service's JSON logger. Every line and every error object goes through redactDeep (src/log-redaction.ts):
 * personal data, secrets, keys and message text are censored at any depth (headers such as x-session-key and
 * authorization included). That one walk is the only redaction: pino's path redaction ran a second pass over
 * every line for keys redactDeep already censors.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'onboarding-bot' },
    // ISO 8601 times ("2026-12-04T22:00:00.000Z"), not epoch milliseconds, in every line.
    timestamp: isoTimestamp,
    formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
    serializers: { err: (error: unknown) => redactDeep(error) },
  };
  if (destination) return pino(options, destination);
  return level === 'silent' ? pino(options) : pino(options, batchedStdout());
}
