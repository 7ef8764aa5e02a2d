import { createHmac, randomBytes, randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import twilio from 'twilio';
import type { Config } from '../config.js';
import { AppError, BadRequestError } from '../errors.js';
import type { PractitionerStore } from './practitioner-store.js';

/** Codes live this long and take this many wrong tries (console mode; Twilio Verify's own rules are the same). */
export const OTP_TTL_SECONDS = 600;
export const OTP_MAX_ATTEMPTS = 5;
const HOUR = 3600;

/** Who asks for a code, for the send limits. */
export interface OtpRequest {
  phoneNumber: string;
  /** A keyed hash of the client's address. */
  ipKey: string | null;
  /** The language of the SMS, when the provider writes it. */
  locale?: string | undefined;
}

/** Sends and checks one-time codes for a phone; sends are counted against the limits first (429 over them). */
export interface PhoneVerifier {
  readonly mode: 'twilio-verify' | 'console';
  send(request: OtpRequest): Promise<void>;
  /** approved, or invalid (wrong, expired, used or out of tries: the caller cannot tell them apart). */
  check(phoneNumber: string, code: string): Promise<'approved' | 'invalid'>;
}

export interface VerifierDeps {
  store: PractitionerStore;
  clock: () => Date;
  limits: { perPhone: number; perIp: number };
}

/** 429 RATE_LIMITED with the seconds to wait (the error handler sets Retry-After). */
export class OtpRateLimitedError extends AppError {
  constructor(readonly retryAfter: number) {
    super('RATE_LIMITED', 'Too many codes asked for; try again after the time in Retry-After.', 429);
  }
}

async function countSend(deps: VerifierDeps, request: OtpRequest, codeHash: string | null): Promise<void> {
  const result = await deps.store.recordOtpSend({
    phoneNumber: request.phoneNumber,
    ipKey: request.ipKey,
    codeHash,
    now: deps.clock(),
    ttlSeconds: OTP_TTL_SECONDS,
    windowSeconds: HOUR,
    phoneLimit: deps.limits.perPhone,
    ipLimit: deps.limits.perIp,
  });
  if (!result.sent) throw new OtpRateLimitedError(result.retryAfter);
}

/**
 * Console mode (development, no Twilio Verify): six digits from a CSPRNG, stored only as an HMAC with a key of
 * this service, checked by consuming the row (two checks cannot both pass), five wrong tries end it. The code
 * is written to one log line, `otp_console`, so a developer can sign in; never in production (compose refuses).
 */
export function consoleVerifier(deps: VerifierDeps & { secret: string | undefined; logger: Logger }): PhoneVerifier {
  const key = deps.secret ?? randomBytes(32).toString('hex');
  const hash = (phone: string, code: string) => createHmac('sha256', key).update(`${phone}:${code}`).digest('hex');
  return {
    mode: 'console',
    async send(request) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      await countSend(deps, request, hash(request.phoneNumber, code));
      // The one deliberate exception to "no codes in the logs": console mode has no SMS to send.
      deps.logger.info({ console_code: code, to_last_digits: request.phoneNumber.slice(-4) }, 'otp_console');
    },
    async check(phoneNumber, code) {
      const result = await deps.store.checkOtp(phoneNumber, hash(phoneNumber, code), deps.clock(), OTP_MAX_ATTEMPTS);
      return result === 'approved' ? 'approved' : 'invalid';
    },
  };
}

/**
 * Twilio Verify through the twilio SDK: Twilio makes, sends, expires and rate-limits the code (and guards against
 * SMS pumping with Fraud Guard); our own per-phone and per-address limits are counted first. Only `approved`
 * passes; 20404 (expired, used or out of tries) and 60202 (too many checks) are a wrong code.
 */
export function twilioVerifier(
  deps: VerifierDeps & { accountSid: string; authToken: string; serviceSid: string; httpClient?: twilio.RequestClient | undefined },
): PhoneVerifier {
  const client = twilio(deps.accountSid, deps.authToken, { autoRetry: false, ...(deps.httpClient ? { httpClient: deps.httpClient } : {}) });
  const service = () => client.verify.v2.services(deps.serviceSid);
  return {
    mode: 'twilio-verify',
    async send(request) {
      await countSend(deps, request, null);
      try {
        await service().verifications.create({ to: request.phoneNumber, channel: 'sms', ...(request.locale ? { locale: request.locale } : {}) });
      } catch (error) {
        throw sendFailure(error);
      }
    },
    async check(phoneNumber, code) {
      try {
        const check = await service().verificationChecks.create({ to: phoneNumber, code });
        return check.status === 'approved' ? 'approved' : 'invalid';
      } catch (error) {
        if (error instanceof twilio.RestException && (error.status === 404 || error.code === 60202 || error.status === 429)) return 'invalid';
        throw new AppError('OTP_PROVIDER_FAILED', 'The code could not be checked right now; try again.', 502, { cause: error });
      }
    },
  };
}

function sendFailure(error: unknown): AppError {
  if (error instanceof twilio.RestException) {
    if (error.code === 60203 || error.status === 429) return new OtpRateLimitedError(600);
    if (error.code === 60605) return new BadRequestError('PHONE_COUNTRY_NOT_ALLOWED', 'Codes cannot be sent to numbers of this country.');
    if (error.code === 60410) return new AppError('OTP_BLOCKED', 'Codes cannot be sent to this number right now; try again later.', 403);
    if (error.code === 60200 || error.code === 21614) return new BadRequestError('PHONE_INVALID', 'This is not a mobile number that can receive a code.');
  }
  return new AppError('OTP_PROVIDER_FAILED', 'The code could not be sent right now; try again.', 502, { cause: error });
}

/**
 * Practitioners' sign-in codes from the configuration: Twilio Verify when its service is configured; else console
 * mode outside production (codes made here, the code in the log); in production without Verify, none: the OTP
 * endpoints answer 503 OTP_UNAVAILABLE, so console mode can never run in production.
 */
export function phoneVerifierFor(
  config: Pick<Config, 'NODE_ENV' | 'TWILIO_VERIFY_SERVICE_SID' | 'TWILIO_ACCOUNT_SID' | 'TWILIO_AUTH_TOKEN' | 'OTP_SENDS_PER_HOUR_PER_PHONE' | 'OTP_SENDS_PER_HOUR_PER_IP' | 'OTP_HASH_SECRET'>,
  parts: { store: PractitionerStore; clock: () => Date; logger: Logger; httpClient?: twilio.RequestClient | undefined },
): PhoneVerifier | null {
  const deps = { store: parts.store, clock: parts.clock, limits: { perPhone: config.OTP_SENDS_PER_HOUR_PER_PHONE, perIp: config.OTP_SENDS_PER_HOUR_PER_IP } };
  if (config.TWILIO_VERIFY_SERVICE_SID && config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN) {
    return twilioVerifier({
      ...deps,
      accountSid: config.TWILIO_ACCOUNT_SID,
      authToken: config.TWILIO_AUTH_TOKEN,
      serviceSid: config.TWILIO_VERIFY_SERVICE_SID,
      httpClient: parts.httpClient,
    });
  }
  if (config.NODE_ENV === 'production') return null;
  return consoleVerifier({ ...deps, secret: config.OTP_HASH_SECRET, logger: parts.logger });
}
