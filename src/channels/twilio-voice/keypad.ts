import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** What the answer to the question being asked is expected to be, as far as the call is concerned. */
export type AnswerMode = 'date' | 'phone' | 'confirm' | 'plain';

const inRange = (n: number, low: number, high: number) => Number.isInteger(n) && n >= low && n <= high;

/**
 * Eight keypad digits as an ISO date the date parser reads: year first (19900305) when they start with a
 * plausible year, else day, month, year (05031990), as the voice prompt asks. Anything else is left as typed,
 * for the parser to refuse with its own message.
 */
function keypadDate(digits: string): string {
  if (!/^\d{8}$/.test(digits)) return digits;
  const yearFirst = { y: digits.slice(0, 4), m: digits.slice(4, 6), d: digits.slice(6, 8) };
  const dayFirst = { d: digits.slice(0, 2), m: digits.slice(2, 4), y: digits.slice(4, 8) };
  for (const c of [yearFirst, dayFirst]) {
    if (inRange(Number(c.y), 1800, 2199) && inRange(Number(c.m), 1, 12) && inRange(Number(c.d), 1, 31)) return `${c.y}-${c.m}-${c.d}`;
  }
  return digits;
}

/**
 * Keypad digits as the text of an answer. Dates: see keypadDate. Phone numbers: national digits get the
 * caller's country code (a person types their number as they know it). Otherwise the digits themselves (a
 * choice's number, 1 / 2 for yes / no, a time as 0730); `*` and `#` are dropped.
 */
export function keypadText(typed: string, mode: AnswerMode, callerCountry?: string): string {
  const digits = typed.replace(/[^0-9]/g, '');
  if (mode === 'date') return keypadDate(digits);
  if (mode === 'phone' && callerCountry) {
    const parsed = parsePhoneNumberFromString(digits, callerCountry as CountryCode);
    if (parsed?.isValid()) return parsed.number;
  }
  return digits;
}

/** The country of a caller's number (ISO 3166), for national numbers typed on the keypad. */
export function countryOf(phoneNumber: string | null): string | undefined {
  return phoneNumber ? parsePhoneNumberFromString(phoneNumber)?.country : undefined;
}
