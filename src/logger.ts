import { pino, type Logger } from 'pino';
import { redactDeep } from './log-redaction.js';

/** Paths never written to logs: keys, personal data and message bodies. */
export const REDACTED_PATHS = [
  'req.headers["x-session-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-twilio-signature"]',
  'body',
  'text',
  'session_key',
  'sessionKey',
  'phone',
  'phone_number',
  'email',
  '*.text',
  '*.session_key',
  '*.phone_number',
  '*.email',
];

/**
 * The service's JSON logger. Besides the paths above, every line and every error object goes through
 * redactDeep (src/log-redaction.ts): personal data, secrets and message text are censored at any depth.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: 'onboarding-bot' },
    // ISO 8601 times ("2026-12-04T22:00:00.000Z"), not epoch milliseconds, in every line.
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
    serializers: { err: (error: unknown) => redactDeep(error) },
  };
  return destination ? pino(options, destination) : pino(options);
}
