import type { ParserLanguage } from './language.js';

/** A calendar date as the person gave it; months 1–12. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Whether the parts name a day that exists (no 31 February, no 29 February 1990). */
export function isRealDate({ year, month, day }: DateParts): boolean {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1) return false;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= lastDay;
}

export function toIso({ year, month, day }: DateParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Today's date in UTC: parsers do not know the person's zone, and UTC keeps tests machine-independent. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The century for a two-digit year. With `past` (birth dates) it is the latest year not after today
 * ("20" is 2020 in 2025, "30" is 1930); otherwise the year closest to today.
 */
export function resolveTwoDigitYear(yy: number, month: number, day: number, now: Date, past: boolean): number {
  const today = isoDay(now);
  const recent = 2000 + yy;
  if (past) return toIso({ year: recent, month, day }) <= today ? recent : 1900 + yy;
  const nowYear = now.getUTCFullYear();
  const options = [1900 + yy, 2000 + yy, 2100 + yy];
  return options.reduce((best, y) => (Math.abs(y - nowYear) < Math.abs(best - nowYear) ? y : best));
}

/** English dates are written day first here ("5 March 1990"), which reads the same in the UK and the US. */
const dateLocales: Record<ParserLanguage, string> = {
  en: 'en-GB', es: 'es', fr: 'fr', de: 'de', pt: 'pt', hi: 'hi',
};

/** A date in words in the person's language, for questions and options ("5 de marzo de 1990"). */
export function formatDate(parts: DateParts, language: ParserLanguage): string {
  const date = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  date.setUTCFullYear(parts.year);
  return new Intl.DateTimeFormat(dateLocales[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** Parses "YYYY-MM-DD" (validation bounds); null for anything else. */
export function partsFromIso(iso: string): DateParts | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (!match) return null;
  const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isRealDate(parts) ? parts : null;
}
