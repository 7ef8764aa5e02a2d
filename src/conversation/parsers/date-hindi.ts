import { phraseAlternation, WORD_END, WORD_START } from './normalize.js';
import { regexMatches } from '../regex-matches.js';

/**
 * Hindi dates, which chrono-node does not read: month names in Devanagari and in the romanised
 * spellings people type, day first ("5 मार्च 1990") or month first ("march 5, 1990").
 */
const months: string[][] = [
  ['जनवरी', 'जन', 'janvari', 'janwari', 'january', 'jan'],
  ['फ़रवरी', 'फरवरी', 'फ़र', 'फर', 'farvari', 'farwari', 'february', 'feb'],
  ['मार्च', 'march', 'maarch', 'mar'],
  ['अप्रैल', 'अप्रै', 'aprail', 'april', 'apr'],
  ['मई', 'mai', 'may'],
  ['जून', 'joon', 'june', 'jun'],
  ['जुलाई', 'जुल', 'julai', 'july', 'jul'],
  ['अगस्त', 'अग', 'agast', 'august', 'aug'],
  ['सितंबर', 'सितम्बर', 'सित', 'sitambar', 'september', 'sept', 'sep'],
  ['अक्टूबर', 'अक्तूबर', 'अक्टू', 'aktubar', 'aktoobar', 'october', 'oct'],
  ['नवंबर', 'नवम्बर', 'नव', 'navambar', 'november', 'nov'],
  ['दिसंबर', 'दिसम्बर', 'दिस', 'disambar', 'december', 'dec'],
];

const monthByName = new Map<string, number>();
months.forEach((names, i) => names.forEach((n) => monthByName.set(n.normalize('NFKD').normalize('NFC'), i + 1)));

/** A month, with the abbreviation sign or dot Intl and people write after a short one ("अक्टू॰"). */
const MONTH = `${WORD_START}(${phraseAlternation(months.flat())})(?:${WORD_END}|(?=[॰.]))[॰.]?`;
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4}|\\d{2})(?!\\d)';
const DAY_FIRST = new RegExp(`(?<!\\d)${DAY}\\s*(?:of\\s+)?${MONTH}\\s*,?\\s*${YEAR}`, 'gu');
const MONTH_FIRST = new RegExp(`${MONTH}\\s*${DAY}\\s*,?\\s+${YEAR}`, 'gu');
/** A month name with a day but no year: read, so the answer can say the year is missing. */
const NO_YEAR = new RegExp(`(?<!\\d)${DAY}\\s*${MONTH}|${MONTH}\\s*${DAY}(?!\\d)`, 'u');

export interface HindiDate {
  day: number;
  month: number;
  year: number;
  twoDigitYear: boolean;
  start: number;
  end: number;
}

function monthOf(name: string | undefined): number {
  return monthByName.get((name ?? '').replace(/[\s-]+/g, ' ')) ?? 0;
}

/** Dates with a month name in normalised text, in order of position. */
export function findHindiDates(text: string): HindiDate[] {
  const found: HindiDate[] = [];
  for (const m of regexMatches(DAY_FIRST, text)) {
    found.push({ day: Number(m[1]), month: monthOf(m[2]), year: Number(m[3]), twoDigitYear: (m[3] ?? '').length === 2,
      start: m.index, end: m.index + m[0].length });
  }
  for (const m of regexMatches(MONTH_FIRST, text)) {
    if (found.some((f) => f.start <= m.index && m.index < f.end)) continue;
    found.push({ day: Number(m[2]), month: monthOf(m[1]), year: Number(m[3]), twoDigitYear: (m[3] ?? '').length === 2,
      start: m.index, end: m.index + m[0].length });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Whether the text has a day and month but no year ("5 मार्च"). */
export function hasHindiDateWithoutYear(text: string): boolean {
  return NO_YEAR.test(text);
}

/** "Today" in Hindi; "kal" is left out because it means both yesterday and tomorrow. */
export const HINDI_TODAY = new RegExp(`${WORD_START}(?:आज|aaj)${WORD_END}`, 'u');
