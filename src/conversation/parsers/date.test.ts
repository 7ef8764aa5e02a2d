import { describe, expect, it } from 'vitest';
import { findDate, parseDate } from './date.js';
import { context, type StepValidationLike } from './test-support.js';

const birth: StepValidationLike = { past: true };

describe('parseDate', () => {
  it.each([
    ['en', '5 March 1990'],
    ['en', 'March 5th, 1990'],
    ['en', '1990-03-05'],
    ['en', '5.3.1990'],
    ['en', 'the fifth of March 1990'],
    ['es', '5 de marzo de 1990'],
    ['es', '05/03/1990'],
    ['es', 'el cinco de marzo de 1990'],
    ['fr', 'le 5 mars 1990'],
    ['fr', '05/03/1990'],
    ['de', '5. März 1990'],
    ['de', '5 März 1990'],
    ['de', '5.3.1990'],
    ['pt', '5 de março de 1990'],
    ['pt', '5 de marco de 1990'],
    ['hi', '5 मार्च 1990'],
    ['hi', '५ मार्च १९९०'],
    ['hi', '5 march 1990'],
    ['hi', 'मार्च 5, 1990'],
    ['xx', '5 March 1990'],
  ])('%s reads "%s" as 1990-03-05', (language, text) => {
    expect(parseDate(text, context(language))).toEqual({ kind: 'accepted', value: '1990-03-05' });
  });

  it('asks in English when day and month could swap, day first', () => {
    const result = parseDate('05/03/1990', context('en'));
    expect(result).toEqual({
      kind: 'clarify',
      question: { key: 'parsers:date.which', vars: { first: '5 March 1990', second: '3 May 1990' } },
      options: [
        { label: '5 March 1990', value: '1990-03-05' },
        { label: '3 May 1990', value: '1990-05-03' },
      ],
    });
  });

  it('takes the only order that makes a date in English', () => {
    expect(parseDate('03/13/1990', context('en'))).toEqual({ kind: 'accepted', value: '1990-03-13' });
    expect(parseDate('13/03/1990', context('en'))).toEqual({ kind: 'accepted', value: '1990-03-13' });
    expect(parseDate('03/03/1990', context('en'))).toEqual({ kind: 'accepted', value: '1990-03-03' });
  });

  it('confirms a month-first date in a day-first language instead of guessing', () => {
    const result = parseDate('03/25/1990', context('es'));
    expect(result.kind).toBe('clarify');
    if (result.kind !== 'clarify') return;
    expect(result.question).toEqual({ key: 'parsers:date.confirm', vars: { date: '25 de marzo de 1990' } });
    expect(result.options).toEqual([{ label: '25 de marzo de 1990', value: '1990-03-25' }]);
  });

  it.each([
    ['en', '31 February 1990'],
    ['en', '31/02/1990'],
    ['en', '1990-02-30'],
    ['es', '31 de febrero de 1990'],
    ['fr', '30 février 1990'],
    ['de', '30. Februar 1990'],
    ['pt', '31 de abril de 1990'],
    ['hi', '31 फ़रवरी 1990'],
    ['en', '29 February 1990'],
  ])('%s refuses the impossible "%s"', (language, text) => {
    expect(parseDate(text, context(language))).toEqual({ kind: 'rejected', reason: { key: 'parsers:date.impossible' } });
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseDate('29 February 1992', context('en'))).toEqual({ kind: 'accepted', value: '1992-02-29' });
  });

  it('says unreadable with a localised example', () => {
    expect(parseDate('banana', context('en'))).toEqual({
      kind: 'rejected',
      reason: { key: 'parsers:date.unreadable', vars: { example: '5 March 1990' } },
    });
    expect(parseDate('plátano', context('es'))).toEqual({
      kind: 'rejected',
      reason: { key: 'parsers:date.unreadable', vars: { example: '5 de marzo de 1990' } },
    });
  });

  it('refuses dates before 1900 and future dates when past is set', () => {
    expect(parseDate('5 March 1850', context('en'))).toEqual({ kind: 'rejected', reason: { key: 'parsers:date.too_old' } });
    expect(parseDate('5 March 2030', context('en', birth))).toEqual({
      kind: 'rejected',
      reason: { key: 'parsers:date.future' },
    });
    expect(parseDate('5 March 2030', context('en'))).toEqual({ kind: 'accepted', value: '2030-03-05' });
  });

  it('applies min and max bounds', () => {
    const bounds = { min: '2000-01-01', max: '2010-12-31' };
    expect(parseDate('5 March 1990', context('en', bounds))).toEqual({
      kind: 'rejected',
      reason: { key: 'parsers:date.too_early', vars: { min: '1 January 2000' } },
    });
    expect(parseDate('5 March 2015', context('en', bounds))).toEqual({
      kind: 'rejected',
      reason: { key: 'parsers:date.too_late', vars: { max: '31 December 2010' } },
    });
    expect(parseDate('5 March 2005', context('en', bounds))).toEqual({ kind: 'accepted', value: '2005-03-05' });
  });

  it('resolves two-digit years of birth dates into the past', () => {
    expect(parseDate('5 Mar 90', context('en', birth))).toEqual({ kind: 'accepted', value: '1990-03-05' });
    expect(parseDate('5 Mar 30', context('en', birth))).toEqual({ kind: 'accepted', value: '1930-03-05' });
    expect(parseDate('05/03/20', context('es', birth))).toEqual({ kind: 'accepted', value: '2020-03-05' });
    expect(parseDate('05/03/30', context('es', birth))).toEqual({ kind: 'accepted', value: '1930-03-05' });
    expect(parseDate('5 de marzo del 90', context('es', birth))).toEqual({ kind: 'accepted', value: '1990-03-05' });
  });

  it('asks for the year when it is missing', () => {
    expect(parseDate('5 March', context('en'))).toEqual({
      kind: 'rejected',
      reason: { key: 'parsers:date.missing_year', vars: { example: '5 March 1990' } },
    });
    expect(parseDate('5 मार्च', context('hi')).kind).toBe('rejected');
  });

  it('drops an ambiguous reading that breaks the rules but still confirms the other', () => {
    // 08/03/2025 on 15 June 2025: 8 March is past, 3 August is future.
    const result = parseDate('08/03/2025', context('en', birth));
    expect(result.kind).toBe('clarify');
    if (result.kind === 'clarify') expect(result.options.map((o) => o.value)).toEqual(['2025-03-08']);
  });

  it.each([
    ['en', 'yesterday'], ['en', 'today'], ['en', '5 days ago'], ['en', '5m ago'], ['es', 'ayer'], ['hi', 'aaj'],
    ['fr', 'les 30 jours précédents'], ['pt', 'ontem'],
  ])('[%s] never takes a date counted from today ("%s") as an answer', (language, text) => {
    expect(parseDate(text, context(language))).toMatchObject({ kind: 'rejected', reason: { key: 'parsers:date.relative' } });
  });

  it.each([['en', 'Version: 1.1.30'], ['en', '$12 December 27'], ['en', 'next friday'], ['de', 'v 2.3.19']])(
    '[%s] "%s" is not a date',
    (language, text) => {
      expect(parseDate(text, context(language, { past: true })).kind).toBe('rejected');
    },
  );

  it.each([
    ['es', 'mayo 5 del 2013', '2013-05-05'], ['de', 'märz 3 2015', '2015-03-03'], ['en', '16. Nov. 2016', '2016-11-16'],
    ['pt', '5 dez 1990', '1990-12-05'], ['hi', '5 फ़र॰ 1990', '1990-02-05'], ['hi', 'अक्टू॰ 26, 2023', '2023-10-26'],
    ['en', 'Thu Oct 26 11:00:09 2023', '2023-10-26'], ['fr', 'mars 5 1990', '1990-03-05'],
  ])('[%s] reads "%s"', (language, text, value) => {
    expect(parseDate(text, context(language))).toEqual({ kind: 'accepted', value });
  });

  it('stores "unknown" only where the step allows it', () => {
    expect(parseDate('no sé', context('es', { allow_unknown: true }))).toEqual({ kind: 'accepted', value: 'unknown' });
    expect(parseDate('no sé', context('es')).kind).toBe('rejected');
  });

  it.each(['', '   ', '12345', '99/99/9999', '😀', 'a'.repeat(5000)])('never throws on "%s"', (text) => {
    expect(parseDate(text, context('en')).kind).toBe('rejected');
  });
});

describe('findDate', () => {
  const cases: Array<[string, string, string, string]> = [
    ['en', "I'm Maria, born 5 March 1990 at 7:30 in Madrid", '1990-03-05', '5 March 1990'],
    ['en', 'born 13/03/1990 in Paris', '1990-03-13', '13/03/1990'],
    ['es', 'Soy Ana, nací el 5 de marzo de 1990 a las 7:30', '1990-03-05', '5 de marzo de 1990'],
    ['fr', 'Je suis né le 5 mars 1990 à Lyon', '1990-03-05', '5 mars 1990'],
    ['de', 'am 5. März 1990 um 7:30 Uhr in Berlin', '1990-03-05', '5. März 1990'],
    ['pt', 'nasci em 5 de março de 1990 em Lisboa', '1990-03-05', '5 de março de 1990'],
    ['hi', 'मेरा जन्म 5 मार्च 1990 को हुआ', '1990-03-05', '5 मार्च 1990'],
  ];
  it.each(cases)('%s finds the date in "%s"', (language, text, value, span) => {
    const found = findDate(text, context(language));
    expect(found?.value).toBe(value);
    expect(found && text.slice(found.start, found.end)).toBe(span);
  });

  it('returns null without a date or with an ambiguous one', () => {
    expect(findDate('I live in Madrid', context('en'))).toBeNull();
    expect(findDate('born 05/03/1990', context('en'))).toBeNull();
  });
});
