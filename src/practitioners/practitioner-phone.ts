import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Why a phone number cannot be a practitioner's key. */
export type PhoneProblem = 'PHONE_INVALID' | 'PHONE_COUNTRY_NOT_ALLOWED';

/**
 * The E.164 form of an international number ("+1 415 555 0101", "00 44 20 7946 0018"), with its country; a
 * number without its country code is refused, since a practitioner anywhere may be imported or sign in.
 * `allowed`: ISO country codes (OTP_ALLOWED_COUNTRIES), empty for all.
 */
export function normalisePhone(text: string, allowed: readonly string[] = []): { phone: string; country: string } | { problem: PhoneProblem } {
  const typed = text.trim().replace(/^00/, '+');
  if (!typed.startsWith('+') || typed.length > 32) return { problem: 'PHONE_INVALID' };
  const parsed = parsePhoneNumberFromString(typed);
  if (!parsed?.isValid()) return { problem: 'PHONE_INVALID' };
  const country = parsed.country ?? '';
  if (allowed.length > 0 && !allowed.includes(country)) return { problem: 'PHONE_COUNTRY_NOT_ALLOWED' };
  return { phone: parsed.number, country };
}
