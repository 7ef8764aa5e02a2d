import { parserLanguage } from './language.js';
import { normalizeText } from './normalize.js';
import { parseNumberWords } from './number-words.js';
import { accepted, rejected, type AnswerParser } from './parser-types.js';
import { regexMatches } from '../regex-matches.js';

const DEFAULT_MIN = 1900;
/** A year written with four digits, not part of a longer number. */
const FOUR_DIGITS = /(?<!\d)(\d{4})(?!\d)/gu;

/** Words for "until now" ("I'm still there"), in the six languages; accepted with `allow_now`. */
const NOW = [
  'now', 'present', 'current', 'currently', 'today', 'still', 'ongoing', 'to date', 'till now', 'until now', 'still there',
  'actualidad', 'actualmente', 'ahora', 'hoy', 'presente', 'en curso', 'hasta hoy', 'hasta ahora',
  'en cours', "aujourd'hui", 'maintenant', 'actuellement', "jusqu'a aujourd'hui", 'present',
  'heute', 'aktuell', 'bis heute', 'jetzt', 'derzeit', 'laufend', 'noch',
  'atual', 'atualmente', 'hoje', 'agora', 'ate hoje', 'ate agora', 'em curso',
  'अब', 'अभी', 'वर्तमान', 'आज तक', 'अब तक', 'abhi', 'ab tak', 'aaj tak',
].map(normalizeText);

/**
 * A calendar year ("2015", "in 2015", "two thousand fifteen") from `validation.min` (default 1900) to this year,
 * or with `allow_now` the word for "until now", stored as "now". Two-digit years ("'15") are refused with a
 * request for four digits: "15" could be 1915 or 2015.
 */
export const parseYear: AnswerParser = (text, context) => {
  const normalized = normalizeText(text).replace(/[.!]+$/u, '').trim();
  if (context.validation.allow_now && NOW.some((word) => normalized === word || normalized.endsWith(` ${word}`) || normalized.startsWith(`${word} `))) {
    return accepted('now');
  }
  const min = typeof context.validation.min === 'number' ? context.validation.min : Number(context.validation.min ?? DEFAULT_MIN) || DEFAULT_MIN;
  const current = context.now.getUTCFullYear();
  const years = [...new Set(regexMatches(FOUR_DIGITS, normalized).map((m) => Number(m[1])))];
  let year: number | null = years.length === 1 ? (years[0] ?? null) : null;
  if (years.length > 1) return rejected('parsers:year.several');
  if (year === null) {
    if (/(?<!\d)'?\d{2}(?!\d)/u.test(normalized)) return rejected('parsers:year.four_digits');
    year = parseNumberWords(normalized, parserLanguage(context.language));
    if (year === null || year < 1000) return rejected('parsers:year.unreadable');
  }
  if (year > current) return rejected('parsers:year.future', { year: current });
  if (year < min) return rejected('parsers:year.too_early', { min });
  return accepted(year);
};
