import { pino, type Logger } from 'pino';
import { redactDeep } from './log-redaction.js';

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
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
    serializers: { err: (error: unknown) => redactDeep(error) },
  };
  return destination ? pino(options, destination) : pino(options);
}
