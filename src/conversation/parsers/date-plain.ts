import { isRealDate, type DateParts } from './date-parts.js';
import type { ParserLanguage } from './language.js';

/**
 * The plainest written dates ("5 March 1990", "March 5th, 1990", "5 de marzo de 1990", "5. März 1990"), read
 * without chrono-node. chrono-node runs some thirty patterns and its refiners over every text, about 60 µs of a
 * date turn in the service (issue 21), and most people answer a birth-date question in exactly these forms. Only a
 * whole text in one of them, with a full month name, a four-digit year 1800-2199 and a day that exists, is read
 * here; anything else (abbreviations, other spacing, a time or words around it, 31 April) is left to chrono-node.
 * date-plain.test.ts checks every form, month, day and case against chrono-node's own reading.
 */

/** Hindi answers in Latin script use English month names (chrono-node's English parser reads them): read as English. */
type PlainLanguage = Exclude<ParserLanguage, 'hi'>;

const MONTHS: Record<PlainLanguage, readonly string[]> = {
  en: ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  de: ['januar', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember'],
  pt: ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
};

/** Day, month name and year in each language's plain order ("5 March 1990"; Spanish and Portuguese with "de"). */
const DAY_FIRST: Record<PlainLanguage, RegExp> = {
  en: /^(\d{1,2})(?:st|nd|rd|th)? (\p{L}+) (\d{4})$/u,
  es: /^(\d{1,2}) (?:de )?(\p{L}+) (?:de )?(\d{4})$/u,
  pt: /^(\d{1,2}) (?:de )?(\p{L}+) (?:de )?(\d{4})$/u,
  fr: /^(\d{1,2}) (\p{L}+) (\d{4})$/u,
  de: /^(\d{1,2})\. ?(\p{L}+) (\d{4})$/u,
};

/** English month first ("March 5, 1990"). */
const MONTH_FIRST = /^(\p{L}+) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/u;

/** The reading chrono-node gives a text that is nothing but a plain date; null where chrono-node must read it. */
export function plainWrittenDate(text: string, parserLanguage: ParserLanguage): { options: [DateParts]; swapped: false; start: number; end: number } | null {
  const language: PlainLanguage = parserLanguage === 'hi' ? 'en' : parserLanguage;
  let day: string | undefined;
  let month: string | undefined;
  let year: string | undefined;
  const dayFirst = DAY_FIRST[language].exec(text);
  if (dayFirst) [, day, month, year] = dayFirst;
  else if (language === 'en') {
    const monthFirst = MONTH_FIRST.exec(text);
    if (monthFirst) [, month, day, year] = monthFirst;
  }
  if (day === undefined || month === undefined || year === undefined) return null;
  const parts = { year: Number(year), month: MONTHS[language].indexOf(month.toLowerCase()) + 1, day: Number(day) };
  if (parts.month === 0 || parts.year < 1800 || parts.year > 2199 || !isRealDate(parts)) return null;
  return { options: [parts], swapped: false, start: 0, end: text.length };
}
