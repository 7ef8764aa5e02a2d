import { describe, expect, it } from 'vitest';
import { findTime, parseTime } from './time.js';
import { context } from './test-support.js';

const accept = (value: string) => ({ kind: 'accepted', value });

describe('parseTime', () => {
  it.each([
    ['en', '07:30', '07:30'],
    ['en', '7.30pm', '19:30'],
    ['en', '19h30', '19:30'],
    ['en', '7pm', '19:00'],
    ['en', '7 p.m.', '19:00'],
    ['en', 'half past seven in the morning', '07:30'],
    ['en', 'quarter past six in the evening', '18:15'],
    ['en', 'twenty to nine at night', '20:40'],
    ['en', 'seven thirty pm', '19:30'],
    ['en', 'noon', '12:00'],
    ['en', 'midnight', '00:00'],
    ['en', '12:15 am', '00:15'],
    ['en', '11 at night', '23:00'],
    ['en', 'around 7 am', '07:00'],
    ['es', '7 y media de la mañana', '07:30'],
    ['es', 'las siete de la tarde', '19:00'],
    ['es', 'siete menos cuarto de la tarde', '18:45'],
    ['es', '7:30', '07:30'],
    ['en', '7:30', '07:30'],
    ['en', '7.30', '07:30'],
    ['es', 'mediodía', '12:00'],
    ['es', '3 de la madrugada', '03:00'],
    ['fr', '19 heures 30', '19:30'],
    ['fr', '7h', '07:00'],
    ['fr', 'sept heures', '07:00'],
    ['fr', '8 heures et quart', '08:15'],
    ['de', 'acht Uhr', '08:00'],
    ['en', '0730', '07:30'],
    ['fr', 'sept heures et demie du soir', '19:30'],
    ['fr', 'midi et demi', '12:30'],
    ['fr', 'huit heures moins le quart du matin', '07:45'],
    ['de', '19:30 Uhr', '19:30'],
    ['de', 'halb acht abends', '19:30'],
    ['de', '7 Uhr', '07:00'],
    ['de', 'viertel nach sieben morgens', '07:15'],
    ['de', 'fünf nach halb acht abends', '19:35'],
    ['de', 'Mitternacht', '00:00'],
    ['pt', '7 e meia da manhã', '07:30'],
    ['pt', 'quinze para as oito da noite', '19:45'],
    ['pt', 'meio-dia', '12:00'],
    ['pt', 'às 7 da tarde', '19:00'],
    ['hi', 'सुबह 7 बजे', '07:00'],
    ['hi', 'शाम 7:30', '19:30'],
    ['hi', 'साढ़े सात बजे शाम', '19:30'],
    ['hi', 'saadhe saat baje subah', '07:30'],
    ['hi', 'रात 2 बजे', '02:00'],
    ['hi', '७:३० बजे सुबह', '07:30'],
    ['hi', 'dopahar dhai baje', '14:30'],
  ])('%s reads "%s" as %s', (language, text, value) => {
    expect(parseTime(text, context(language))).toEqual(accept(value));
  });

  it.each([
    ['en', '7', '07:00', '19:00'],
    ['en', 'half past seven', '07:30', '19:30'],
    ['en', 'quarter to eight', '07:45', '19:45'],
    ['es', 'a las siete', '07:00', '19:00'],
    ['hi', '7 baje', '07:00', '19:00'],
    ['fr', 'sept et demie', '07:30', '19:30'],
  ])('%s asks whether "%s" is morning or evening', (language, text, morning, evening) => {
    expect(parseTime(text, context(language))).toEqual({
      kind: 'clarify',
      question: { key: 'parsers:time.which_half', vars: { morning, evening } },
      options: [
        { label: morning, value: morning },
        { label: evening, value: evening },
      ],
    });
  });

  it.each([
    ['en', "I don't know"],
    ['en', 'not sure'],
    ['en', 'unknown'],
    ['es', 'no sé'],
    ['fr', 'je ne sais pas'],
    ['de', 'weiß nicht'],
    ['pt', 'não sei'],
    ['hi', 'पता नहीं'],
  ])('%s: "%s" is "unknown" only when allowed', (language, text) => {
    expect(parseTime(text, context(language, { allow_unknown: true }))).toEqual(accept('unknown'));
    expect(parseTime(text, context(language))).toEqual({
      kind: 'rejected',
      reason: { key: 'parsers:time.unknown_not_allowed' },
    });
  });

  it.each(['25:00', '7:75', '19 am'])('refuses the impossible "%s"', (text) => {
    expect(parseTime(text, context('en'))).toEqual({ kind: 'rejected', reason: { key: 'parsers:time.invalid' } });
  });

  it.each(['banana', '', '1990', '5 March 1990', '!!!'])('refuses "%s" as unreadable', (text) => {
    expect(parseTime(text, context('en'))).toEqual({ kind: 'rejected', reason: { key: 'parsers:time.unreadable' } });
  });
});

describe('parseTime: issue 19 findings', () => {
  it.each([
    ['es', 'las seis cero dos pm', '18:02'],
    ['fr', 'midi quinze', '12:15'],
    ['es', '8pm y media', '20:30'],
    ['en', 'three quarters past 9pm', '21:45'],
    ['fr', "trois heures de l'après-midi", '15:00'],
    ['en', '3:15p', '15:15'],
    ['de', '12 Uhr abends', '00:00'],
    ['en', '7a', '07:00'],
    ['en', '340pm', '15:40'],
    ['es', 'medio dia', '12:00'],
    ['pt', 'meianoite', '00:00'],
    ['pt', 'São 8 da manhã', '08:00'],
  ])('[%s] "%s" is %s', (language, text, value) => {
    expect(parseTime(text, context(language))).toEqual(accept(value));
  });

  it('does not read French "après-midi" alone as noon', () => {
    expect(parseTime("l'après-midi", context('fr')).kind).toBe('rejected');
  });
});

describe('findTime', () => {
  it.each([
    ['en', "I'm Maria, born 5 March 1990 at 7:30 pm in Madrid", '19:30', '7:30 pm'],
    ['es', 'nací el 5 de marzo de 1990 a las 7 de la tarde', '19:00', '7 de la tarde'],
    ['de', 'am 5. März 1990 um 19:30 Uhr in Berlin', '19:30', '19:30 Uhr'],
    ['fr', 'le 05.03.1990 à 19h30', '19:30', '19h30'],
    ['hi', 'मेरा जन्म सुबह 7 बजे हुआ', '07:00', 'सुबह 7 बजे'],
  ])('%s finds the time in "%s"', (language, text, value, span) => {
    const found = findTime(text, context(language));
    expect(found?.value).toBe(value);
    expect(found && text.slice(found.start, found.end)).toBe(span);
  });

  it('skips a date written with dots and returns null for an ambiguous time', () => {
    expect(findTime('born 05.03.1990 in Madrid', context('de'))).toBeNull();
    expect(findTime('born 5 March 1990 at 7 in Madrid', context('en'))).toBeNull();
    expect(findTime('born 5 March 1990 at 7:30 in Madrid', context('en'))?.value).toBe('07:30');
  });
});
