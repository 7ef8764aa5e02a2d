import { pino, type Logger } from 'pino';

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

/** The service's JSON logger. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'onboarding-bot' } };
  return destination ? pino(options, destination) : pino(options);
}
