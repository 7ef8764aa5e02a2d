import { regexMatches } from '../regex-matches.js';

/** A date written only with digits, found in normalised text. */
export type NumericDate =
  | { kind: 'iso'; year: number; month: number; day: number; start: number; end: number }
  /** "05/03/1990": which of `first` and `second` is the day depends on the language. */
    | {
      kind: 'pair';
      first: number;
      second: number;
      year: number;
      twoDigitYear: boolean;
      separator: string;
      start: number;
      end: number;
    };

const ISO = /(?<![\d.:/-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d]|[./-]\d)/g;
/** Same separator twice, so "5.3.1990" and "05/03/90" match but "7.30" or a phone number do not. */
const PAIR = /(?<![\d.:/-])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d]|[./-]\d)/g;

/** Every all-digit date in the text, in order of position. */
export function findNumericDates(text: string): NumericDate[] {
  const found: NumericDate[] = [];
  for (const m of regexMatches(ISO, text)) {
    found.push({
      kind: 'iso',
      year: Number(m[1]),
      month: Number(m[3]),
      day: Number(m[4]),
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  for (const m of regexMatches(PAIR, text)) {
    const year = m[4] ?? '';
    found.push({
      kind: 'pair',
      first: Number(m[1]),
      second: Number(m[3]),
      year: Number(year),
      twoDigitYear: year.length === 2,
      separator: m[2] ?? '',
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return found.sort((a, b) => a.start - b.start);
}
