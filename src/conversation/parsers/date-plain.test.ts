import { describe, expect, it } from 'vitest';
import { chronoReading, findDate, parseDate } from './date.js';
import { plainWrittenDate } from './date-plain.js';
import { prepareForChrono } from './date-prepare.js';
import type { ParserLanguage } from './language.js';
import { context } from './test-support.js';

/** Month names as people type them, in three cases. */
const MONTH_NAMES: Record<Exclude<ParserLanguage, 'hi'>, string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  es: ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  de: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  pt: ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
};
const cases = (word: string) => [word, word.toLowerCase(), word.toUpperCase()];

/** Every form the plain reader takes, and near misses it must leave to chrono-node (or read as chrono-node does). */
function texts(language: ParserLanguage, day: number, month: string, year: number): string[] {
  const d = String(day);
  const dd = d.padStart(2, '0');
  const ordinal = `${d}${day % 10 === 1 && day !== 11 ? 'st' : day % 10 === 2 && day !== 12 ? 'nd' : day % 10 === 3 && day !== 13 ? 'rd' : 'th'}`;
  switch (language) {
    case 'en':
    case 'hi':
      return [`${d} ${month} ${year}`, `${dd} ${month} ${year}`, `${ordinal} ${month} ${year}`, `${month} ${d}, ${year}`, `${month} ${ordinal} ${year}`, `${month} ${d} ${year}`, `${d}  ${month} ${year}`, `${d} ${month.slice(0, 3)} ${year}`];
    case 'es':
    case 'pt':
      return [`${d} de ${month} de ${year}`, `${d} ${month} ${year}`, `${dd} de ${month} de ${year}`, `${d} de ${month} ${year}`, `${d} ${month} de ${year}`, `el ${d} de ${month} de ${year}`];
    case 'fr':
      return [`${d} ${month} ${year}`, `${dd} ${month} ${year}`, `le ${d} ${month} ${year}`, `${d}er ${month} ${year}`];
    case 'de':
      return [`${d}. ${month} ${year}`, `${d} ${month} ${year}`, `${d}.${month} ${year}`, `${dd}. ${month} ${year}`, `am ${d}. ${month} ${year}`];
  }
}

describe('plainWrittenDate', () => {
  const languages: ParserLanguage[] = ['en', 'es', 'fr', 'de', 'pt', 'hi'];
  it.each(languages)('reads %s exactly as chrono-node does, or leaves the text to it', (language) => {
    const names = MONTH_NAMES[language === 'hi' ? 'en' : language];
    const ctx = context(language, { past: true });
    let plain = 0;
    let checked = 0;
    for (const [index, name] of names.entries()) {
      for (const year of [1799, 1800, 1957, 2000, 2199, 2200]) {
        // Every day of a month (31 April included) for one year, the first and last days for the others.
        const days = year === 1957 ? Array.from({ length: 31 }, (_, i) => i + 1) : [1, 28, 29, 30, 31];
        for (const day of days) {
          for (const month of year === 1957 ? cases(name) : [name]) {
            for (const text of texts(language, day, month, year)) {
              const prepared = prepareForChrono(text, language);
              const reading = plainWrittenDate(prepared, language);
              checked += 1;
              if (!reading) continue;
              plain += 1;
              expect(reading, `${language} "${text}" (month ${index + 1})`).toEqual(chronoReading(prepared, language, ctx));
            }
          }
        }
      }
    }
    // The reader must take the plain forms, or this test proves nothing: more than a third of the texts.
    expect(plain).toBeGreaterThan(checked / 3);
  });

  it('leaves to chrono-node what is not a whole plain date', () => {
    for (const [language, text] of [
      ['en', '31 April 1990'],
      ['en', '29 February 1990'],
      ['en', '5 March 90'],
      ['en', '5 Mar 1990'],
      ['en', 'born 5 March 1990'],
      ['en', '5 March 1990 at 7:30'],
      ['en', '5 Marchy 1990'],
      ['en', '5 March 3000'],
      ['es', '5 marzo del 1990'],
      ['de', '5 März 1990'],
      ['fr', '1er mars 1990'],
    ] as const) {
      expect(plainWrittenDate(text, language), `${language} "${text}"`).toBeNull();
    }
    expect(plainWrittenDate('29 February 2000', 'en')).toEqual({ options: [{ year: 2000, month: 2, day: 29 }], swapped: false, start: 0, end: 16 });
  });

  it('gives parseDate and findDate the answers chrono-node gave', () => {
    expect(parseDate('5 March 1990', context('en', { past: true }))).toEqual({ kind: 'accepted', value: '1990-03-05' });
    expect(parseDate('March 5th, 1990', context('en', { past: true }))).toEqual({ kind: 'accepted', value: '1990-03-05' });
    expect(parseDate('5. März 1990', context('de', { past: true }))).toEqual({ kind: 'accepted', value: '1990-03-05' });
    expect(parseDate('5 March 2030', context('en', { past: true }))).toEqual({ kind: 'rejected', reason: { key: 'parsers:date.future' } });
    expect(findDate('5 de março de 1990', context('pt', { past: true }))).toEqual({ value: '1990-03-05', start: 0, end: 18 });
  });
});
