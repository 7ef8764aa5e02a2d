import * as chrono from 'chrono-node';
import {
  accepted,
  rejected,
  type AnswerParser,
  type MessageRef,
  type ParseContext,
  type ParseResult,
} from './parser-types.js';
import {
  formatDate,
  isRealDate,
  isoDay,
  partsFromIso,
  resolveTwoDigitYear,
  toIso,
  type DateParts,
} from './date-parts.js';
import { findHindiDates, hasHindiDateWithoutYear, HINDI_TODAY } from './date-hindi.js';
import { findNumericDates, type NumericDate } from './date-numeric.js';
import { parserLanguage, type ParserLanguage } from './language.js';
import { normalizeText, normalizeWithMap } from './normalize.js';
import { spelledDateToDigits } from './date-words.js';
import { isNotADateContext, prepareForChrono } from './date-prepare.js';
import { plainWrittenDate } from './date-plain.js';
import { isUnknownAnswer, UNKNOWN } from './unknown.js';

/** chrono-node ships no Hindi; Hindi answers in Latin script are English month names ("5 march 1990"). */
const chronoFor: Record<ParserLanguage, chrono.Chrono> = {
  en: chrono.en.GB, es: chrono.es.casual, fr: chrono.fr.casual, de: chrono.de.casual, pt: chrono.pt.casual,
  hi: chrono.en.GB,
};

/** A date found in the text, before validation: one reading, or two when day and month may swap. */
interface Reading {
  options: DateParts[];
  /** True when the language's own order failed and only the swapped order makes a date. */
  swapped: boolean;
  start: number;
  end: number;
}

export type Found =
  | Reading
  | { impossible: true; start: number; end: number }
  | { missingYear: true }
  | { relative: true };

const EXAMPLE: DateParts = { year: 1990, month: 3, day: 5 };

function unreadable(language: ParserLanguage): ParseResult {
  return rejected('parsers:date.unreadable', { example: formatDate(EXAMPLE, language) });
}

function yearOf(yy: number, twoDigit: boolean, month: number, day: number, context: ParseContext): number {
  return twoDigit ? resolveTwoDigitYear(yy, month, day, context.now, context.validation.past === true) : yy;
}

function fromNumeric(found: NumericDate, language: ParserLanguage, context: ParseContext): Found {
  if (found.kind === 'iso') {
    const parts = { year: found.year, month: found.month, day: found.day };
    return isRealDate(parts)
      ? { options: [parts], swapped: false, start: found.start, end: found.end }
      : { impossible: true, start: found.start, end: found.end };
  }
  const make = (day: number, month: number): DateParts => ({
    day,
    month,
    year: yearOf(found.year, found.twoDigitYear, month, day, context),
  });
  const dayFirst = make(found.first, found.second);
  const monthFirst = make(found.second, found.first);
  const span = { start: found.start, end: found.end };
  const dayFirstReal = isRealDate(dayFirst);
  const monthFirstReal = isRealDate(monthFirst) && found.first !== found.second;
  if (dayFirstReal && monthFirstReal && language === 'en' && found.separator !== '.') {
    // English speakers write both orders (UK day first, US month first): ask rather than guess.
    // Dots ("5.3.1990") are a day-first habit everywhere, so those are not asked about.
    return { options: [dayFirst, monthFirst], swapped: false, ...span };
  }
  if (dayFirstReal) return { options: [dayFirst], swapped: false, ...span };
  if (monthFirstReal) return { options: [monthFirst], swapped: language !== 'en', ...span };
  return { impossible: true, ...span };
}

/** Whether chrono-node wrote the year with two digits ("5 Mar 90"), which it resolves its own way. */
function writtenWithTwoDigits(matched: string, year: number): boolean {
  return !matched.includes(String(year)) && new RegExp(`(?<!\\d)'?${String(year % 100).padStart(2, '0')}(?!\\d)`).test(matched);
}

/** chrono-node's tags of a date read relative to today ("yesterday", "5 days ago", "les 30 jours précédents"). */
const RELATIVE_TAG = /relative|casualReference|CasualDate/i;

/**
 * chrono-node's reading of the last text it was given, with that text's language and context. A turn reads the same
 * text with the same step's context more than once (the several-answers pass finds the date in the message, then the
 * step's parser reads the span it found, often the whole message): chrono-node is the costliest part of a date turn.
 * The context is compared by identity, so a reading is never carried into another turn.
 */
let lastChronoReading: { text: string; language: ParserLanguage; context: ParseContext; found: Found | null } | null = null;

function fromChrono(text: string, language: ParserLanguage, context: ParseContext): Found | null {
  const last = lastChronoReading;
  if (last && last.text === text && last.language === language && last.context === context) return last.found;
  const found = readWithChrono(text, language, context);
  lastChronoReading = { text, language, context, found };
  return found;
}

function readWithChrono(text: string, language: ParserLanguage, context: ParseContext): Found | null {
  const prepared = prepareForChrono(text, language);
  return plainWrittenDate(prepared, language) ?? chronoReading(prepared, language, context);
}

/** chrono-node's reading of a prepared text (prepareForChrono); exported for date-plain.test.ts. */
export function chronoReading(prepared: string, language: ParserLanguage, context: ParseContext): Found | null {
  const reference = { instant: context.now, timezone: 'UTC' };
  const parsers = language === 'en' || language === 'hi' ? [chronoFor[language]] : [chronoFor[language], chrono.en.GB];
  let missingYear = false;
  let relative = false;
  for (const parser of parsers) {
    for (const result of parser.parse(prepared, reference)) {
      const { start } = result;
      // A date counted from today is never a birth date, and "today" is not an answer to "when".
      if ([...result.tags()].some((tag) => RELATIVE_TAG.test(tag))) {
        relative = true;
        continue;
      }
      if (isNotADateContext(prepared.slice(0, result.index))) continue;
      if (!start.isCertain('day') || !start.isCertain('month')) continue;
      const month = start.get('month') ?? 0;
      const day = start.get('day') ?? 0;
      const rawYear = start.get('year') ?? 0;
      const twoDigits = writtenWithTwoDigits(result.text, rawYear);
      // Another parser may still see the year ("05-mar-1990" is English-style): keep looking. A year
      // chrono-node took from today ("next friday") is no year either.
      if (!start.isCertain('year') || (!twoDigits && !result.text.includes(String(rawYear)))) {
        missingYear = true;
        continue;
      }
      const year = twoDigits ? yearOf(rawYear % 100, true, month, day, context) : rawYear;
      return { options: [{ year, month, day }], swapped: false, start: result.index, end: result.index + result.text.length };
    }
  }
  if (relative) return { relative: true };
  return missingYear ? { missingYear: true } : null;
}

/**
 * chrono-node silently skips dates that do not exist ("31 February"). If the same text reads as a
 * date once the day is made 1, the person wrote a real-looking date with an impossible day.
 */
function impossibleByChrono(text: string, language: ParserLanguage, context: ParseContext): boolean {
  const day = /(?<!\d)(29|30|31)(?=(?:st|nd|rd|th|er|º|o|\.)?(?!\d))/u.exec(text);
  if (!day) return false;
  const probe = fromChrono(text.replace(day[0], '1'), language, context);
  if (!probe || !('options' in probe)) return false;
  const [parts] = probe.options;
  return parts !== undefined && !isRealDate({ ...parts, day: Number(day[1]) });
}

function fromHindi(normalized: string, context: ParseContext): Found | null {
  const [found] = findHindiDates(normalized);
  if (found) {
    const parts = { day: found.day, month: found.month, year: yearOf(found.year, found.twoDigitYear, found.month, found.day, context) };
    return isRealDate(parts)
      ? { options: [parts], swapped: false, start: found.start, end: found.end }
      : { impossible: true, start: found.start, end: found.end };
  }
  if (HINDI_TODAY.test(normalized)) return { relative: true };
  return hasHindiDateWithoutYear(normalized) ? { missingYear: true } : null;
}

/** The first date in the answer, from digits, Hindi month names or chrono-node, in that order. */
function read(text: string, language: ParserLanguage, context: ParseContext, wholeAnswer: boolean): Found | null {
  const normalized = normalizeText(text);
  const [numeric] = findNumericDates(normalized).filter((found) => !isNotADateContext(normalized.slice(0, found.start)));
  if (numeric) return fromNumeric(numeric, language, context);
  const source = wholeAnswer ? spelledDateToDigits(text, language) : text;
  if (language === 'hi') {
    const hindi = fromHindi(wholeAnswer ? normalizeText(source) : normalized, context);
    if (hindi) return hindi;
  }
  const found = fromChrono(source, language, context);
  if (found) return found;
  return impossibleByChrono(source, language, context) ? { impossible: true, start: 0, end: text.length } : null;
}

/** Why a real date is refused by the step's rules, or null when it passes. */
function refusal(parts: DateParts, language: ParserLanguage, context: ParseContext): ParseResult | null {
  const iso = toIso(parts);
  const { validation } = context;
  if (parts.year < 1900) return rejected('parsers:date.too_old');
  if (validation.past && iso > isoDay(context.now)) return rejected('parsers:date.future');
  const min = typeof validation.min === 'string' ? partsFromIso(validation.min) : null;
  const max = typeof validation.max === 'string' ? partsFromIso(validation.max) : null;
  if (min && iso < toIso(min)) return rejected('parsers:date.too_early', { min: formatDate(min, language) });
  if (max && iso > toIso(max)) return rejected('parsers:date.too_late', { max: formatDate(max, language) });
  return null;
}

function clarify(options: DateParts[], language: ParserLanguage): ParseResult {
  const labelled = options.map((parts) => ({ label: formatDate(parts, language), value: toIso(parts) }));
  const [first, second] = labelled;
  const question: MessageRef =
    first && second
      ? { key: 'parsers:date.which', vars: { first: first.label, second: second.label } }
      : { key: 'parsers:date.confirm', vars: { date: first?.label ?? '' } };
  return { kind: 'clarify', question, options: labelled };
}

function judge(found: Found | null, language: ParserLanguage, context: ParseContext): ParseResult {
  if (!found) return unreadable(language);
  if ('relative' in found) return rejected('parsers:date.relative', { example: formatDate(EXAMPLE, language) });
  if ('missingYear' in found) return rejected('parsers:date.missing_year', { example: formatDate(EXAMPLE, language) });
  if ('impossible' in found) return rejected('parsers:date.impossible');
  const verdicts = found.options.map((parts) => ({ parts, refusal: refusal(parts, language, context) }));
  const passing = verdicts.filter((v) => v.refusal === null).map((v) => v.parts);
  if (passing.length === 0) return verdicts[0]?.refusal ?? unreadable(language);
  const [only] = passing;
  // A single reading is accepted unless it came from swapping day and month, or another reading was
  // dropped by the rules (then "8 March 2025, right?" is safer than a silent pick).
  if (passing.length === 1 && only && !found.swapped && found.options.length === 1) return accepted(toIso(only));
  return clarify(passing, language);
}

/** A calendar date as "YYYY-MM-DD", in the session language's usual spellings. */
export const parseDate: AnswerParser = (text, context) => {
  const language = parserLanguage(context.language);
  const result = judge(read(text, language, context, true), language, context);
  // "Not sure, maybe 5 March 1990" still gives a date; "I don't know" alone is the unknown answer.
  if (result.kind === 'accepted' || !isUnknownAnswer(text)) return result;
  return context.validation.allow_unknown
    ? accepted(UNKNOWN)
    : rejected('parsers:date.unknown_not_allowed', { example: formatDate(EXAMPLE, language) });
};

/** A date inside a longer message: its value and where it is in `text`, or null. */
export interface FoundDate {
  value: string;
  start: number;
  end: number;
}

/** Prepositions chrono-node keeps at the start of a match ("on 5 March"), not part of the date. */
const LEADING_WORDS = /^(?:on|the|el|le|am|em|no|dia|en|de|a)\s+/iu;

/**
 * The first date in a longer message ("I'm Maria, born 5 March 1990 at 7:30 in Madrid"), when it reads
 * as exactly one acceptable date; an ambiguous or refused date returns null, so the step asks for it.
 * The span covers the date only, not a time chrono-node read with it.
 */
export function findDate(text: string, context: ParseContext, parse: AnswerParser = parseDate): FoundDate | null {
  const language = parserLanguage(context.language);
  const map = normalizeWithMap(text);
  const normalized = map.text;
  const numeric = findNumericDates(normalized).find((found) => !isNotADateContext(normalized.slice(0, found.start)));
  const hindi = language === 'hi' ? findHindiDates(normalized)[0] : undefined;
  const local = [numeric, hindi].filter((f) => f !== undefined).sort((a, b) => a.start - b.start)[0];
  let span: { start: number; end: number } | null = local ? map.toOriginal(local.start, local.end) : null;
  // A reading by chrono-node is only taken with its year in digits (fromChrono): no digit, no date to find there.
  const byChrono = /\d/.test(text) ? fromChrono(text, language, context) : null;
  if (byChrono && 'options' in byChrono && (!span || byChrono.start < span.start)) {
    span = trimChronoSpan(text, byChrono, language, context);
  }
  if (!span) return null;
  const result = parse(text.slice(span.start, span.end), context);
  return result.kind === 'accepted' && typeof result.value === 'string'
    ? { value: result.value, ...span }
    : null;
}

/** Drops a leading preposition and a trailing time ("on 5 March 1990 at 7:30" -> "5 March 1990"). */
function trimChronoSpan(
  text: string,
  reading: Reading,
  language: ParserLanguage,
  context: ParseContext,
): { start: number; end: number } {
  const { start, end } = reading;
  let from = start;
  const lead = LEADING_WORDS.exec(text.slice(from, end));
  if (lead) from += lead[0].length;
  // Without a leading word the span is the reading's own text: its date is the one already read.
  const full = lead ? fromChrono(text.slice(from, end), language, context) : reading;
  const target = full && 'options' in full ? full.options[0] : undefined;
  let to = end;
  // A span that ends with its year, written once, has no time after it: cutting its last word cuts the year.
  const spanText = text.slice(from, end);
  const year = target ? String(target.year) : '';
  if (target && spanText.endsWith(year) && spanText.indexOf(year) === spanText.length - year.length) return { start: from, end: to };
  // Shorten word by word while the same date still reads: what is cut is the time.
  for (let cut = text.lastIndexOf(' ', to - 1); cut > from; cut = text.lastIndexOf(' ', cut - 1)) {
    const shorter = fromChrono(text.slice(from, cut), language, context);
    const parts = shorter && 'options' in shorter ? shorter.options[0] : undefined;
    if (!parts || !target || toIso(parts) !== toIso(target)) break;
    to = cut;
  }
  return { start: from, end: to };
}
