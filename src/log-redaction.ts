/**
 * Keys whose values are personal data, secrets or message text: never written to a log, at any depth (error
 * objects included). Compared in lower case without `_`, so `phone_number`, `phoneNumber` and `PhoneNumber` match.
 */
const SENSITIVE = new Set(
  [
    'text', 'body', 'message_text', 'console_message', 'said', 'speech', 'speech_result', 'digits', 'inbound',
    'name', 'full_name', 'first_name', 'last_name', 'bio', 'email', 'phone', 'phone_number', 'from', 'caller',
    'birth_date', 'birth_time', 'birth_place', 'answers', 'collected_data', 'onboarding_data', 'data', 'snapshot',
    'values', 'value', 'params', 'parameters', 'detail', 'where',
    'session_key', 'key', 'key_hash', 'authorization', 'cookie', 'token', 'access_token', 'refresh_token',
    'password', 'secret', 'otp', 'verification_code', 'x_twilio_signature', 'x_session_key',
  ].map((key) => key.replace(/_/g, '')),
);

const CENSOR = '[redacted]';
const MAX_DEPTH = 8;

/** The verdict per key seen, since log lines use few distinct keys (bounded, for keys made of data). */
const verdicts = new Map<string, boolean>();

function sensitive(key: string): boolean {
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    verdict = SENSITIVE.has(key.toLowerCase().replace(/[_-]/g, ''));
    if (verdicts.size < 5_000) verdicts.set(key, verdict);
  }
  return verdict;
}

/** A copy of `value` with every sensitive key's value replaced, at every depth; the same value when nothing is. */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  // An error as plain data (its message and stack are not enumerable), then censored like the rest.
  if (value instanceof Error) {
    const { name, message, stack } = value;
    const cause = value.cause === undefined ? {} : { cause: value.cause };
    return redactDeep({ type: name, message, stack, ...Object.fromEntries(Object.entries(value)), ...cause }, depth + 1);
  }
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const redacted = redactDeep(item, depth + 1);
      changed ||= redacted !== item;
      return redacted;
    });
    return changed ? items : value;
  }
  let copy: Record<string, unknown> | null = null;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const item = record[key];
    const redacted = sensitive(key) && item !== undefined && item !== null ? CENSOR : redactDeep(item, depth + 1);
    if (redacted !== item) {
      copy ??= { ...(value as Record<string, unknown>) };
      copy[key] = redacted;
    }
  }
  return copy ?? value;
}
