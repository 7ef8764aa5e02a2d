import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
} from 'libphonenumber-js/max';
import { accepted, rejected, type AnswerParser, type ParseContext } from './parser-types.js';
import { parserLanguage, type ParserLanguage } from './language.js';
import { normalizeText } from './normalize.js';
import { parseNumberWords } from './number-words.js';

/**
 * Country assumed for a number without prefix when nothing better is known. Portuguese maps to Brazil:
 * about 95% of Portuguese speakers live there, so a bare "pt" session is far more likely Brazilian.
 */
const countryByLanguage: Record<ParserLanguage, CountryCode> = {
  en: 'US', es: 'ES', fr: 'FR', de: 'DE', pt: 'BR', hi: 'IN',
};

function defaultCountry(context: ParseContext): CountryCode {
  for (const candidate of [context.country, context.validation.default_country]) {
    const code = candidate?.toUpperCase();
    if (code && isSupportedCountry(code)) return code;
  }
  return countryByLanguage[parserLanguage(context.language)];
}

/** "Double five", "doble cinco", "double cinq", "doppel fünf": the digit twice. */
const repeaters: Array<[string[], number]> = [
  [['double', 'doble', 'doppel', 'dobro'], 2],
  [['triple', 'dreifach', 'triplo'], 3],
];

/** Words for digits spoken one by one that are not plain numbers ("oh" for zero, Brazilian "meia" for six). */
const extraDigits: Record<ParserLanguage, Array<[string, number]>> = {
  en: [['oh', 0], ['o', 0]],
  es: [],
  fr: [],
  de: [],
  pt: [['meia', 6]],
  hi: [],
};

const MAX_WORDS = 5;

/** One spoken digit group ("seis", "sesenta y cinco", "seiscientos cincuenta y cinco"), or null. */
function spokenGroup(words: string[], language: ParserLanguage): number | null {
  const phrase = words.join(' ');
  const extra = words.length === 1 ? extraDigits[language].find(([w]) => w === phrase) : undefined;
  if (extra) return extra[1];
  const value = parseNumberWords(phrase, language);
  return value !== null && value < 1000 ? value : null;
}

/**
 * Turns a dictated number into digits, group by group and longest group first, so "six five five",
 * "sesenta y cinco" and "seiscientos cincuenta y cinco" all work; "double five" is "55".
 */
function spokenToDigits(text: string, language: ParserLanguage): string {
  const tokens = text.replace(/[,;.]+/g, ' ').split(' ').filter((t) => t.length > 0);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const repeat = repeaters.find(([words]) => words.includes(tokens[i] ?? ''))?.[1] ?? 1;
    const from = repeat > 1 ? i + 1 : i;
    let done = false;
    for (let size = Math.min(MAX_WORDS, tokens.length - from); size >= 1 && !done; size -= 1) {
      const value = spokenGroup(tokens.slice(from, from + size), language);
      if (value === null) continue;
      out.push(String(value).repeat(repeat));
      i = from + size - 1;
      done = true;
    }
    if (!done) out.push(tokens[i] ?? '');
  }
  return out.join(' ');
}

/** A phone number in E.164 ("+34655123456"), written in any common format or spoken digit by digit. */
export const parsePhone: AnswerParser = (text, context) => {
  const language = parserLanguage(context.language);
  const country = defaultCountry(context);
  let normalized = normalizeText(text).replace(/\bplus\b|\bmas\b|\bmais\b/g, '+');
  if (!/\d/.test(normalized) || /\p{L}{2,}/u.test(normalized)) {
    normalized = spokenToDigits(normalized, language);
    if (language !== 'en') normalized = spokenToDigits(normalized, 'en');
  }
  // Only "+", digits and the separators people type or dictate (commas between spoken groups);
  // anything else between digits is not part of the number.
  const candidate = (normalized.match(/\+?[\d\s().,\-/]{3,}\d/) ?? [])[0];
  if (!candidate) return rejected('parsers:phone.unreadable');
  const digits = candidate.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');
  const length = validatePhoneNumberLength(digits, country);
  if (length === 'TOO_SHORT' || length === 'NOT_A_NUMBER') return rejected('parsers:phone.too_short');
  if (length === 'TOO_LONG') return rejected('parsers:phone.too_long');
  const phone = parsePhoneNumberFromString(digits, country);
  if (!phone || !phone.isValid()) return rejected('parsers:phone.invalid');
  return accepted(phone.number);
};
