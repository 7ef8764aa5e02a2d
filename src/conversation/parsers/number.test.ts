import { describe, expect, it } from 'vitest';
import { parseNumber } from './number.js';
import { context } from './test-support.js';

describe('parseNumber', () => {
  it.each([
    ['en', '42', 42],
    ['en', '3.5', 3.5],
    ['en', '1,500', 1500],
    ['en', '-3', -3],
    ['en', 'minus five', -5],
    ['en', 'thirty-five', 35],
    ['en', 'two hundred and five', 205],
    ['en', "I'm 34 years old", 34],
    ['es', '3,5', 3.5],
    ['es', '1.500', 1500],
    ['es', 'treinta y cinco', 35],
    ['es', 'doscientos cinco', 205],
    ['es', 'tengo veintiún años', 21],
    ['fr', '3,5', 3.5],
    ['fr', '1 500', 1500],
    ['fr', 'quatre-vingt-dix', 90],
    ['fr', 'soixante et onze', 71],
    ['de', '1.234,5', 1234.5],
    ['de', 'einundzwanzig', 21],
    ['de', 'zweihundertdreißig', 230],
    ['pt', '3,5', 3.5],
    ['pt', 'vinte e um', 21],
    ['pt', 'dezesseis', 16],
    ['hi', '१२', 12],
    ['hi', 'पाँच', 5],
    ['hi', 'bees', 20],
    ['hi', '1,50,000', 150000],
    ['en', '3 and a half', 3.5],
    ['es', 'tres y medio', 3.5],
    ['fr', 'deux et demi', 2.5],
    ['de', 'dreieinhalb', 3.5],
    ['pt', 'dois e meio', 2.5],
    ['hi', 'साढ़े तीन', 3.5],
    ['hi', 'dhai', 2.5],
  ])('%s reads "%s" as %s', (language, text, value) => {
    expect(parseNumber(text, context(language))).toEqual({ kind: 'accepted', value });
  });

  it.each(['banana', '', 'between 3 and 5', '1.2.3', 'twelve and thirteen'])('refuses "%s"', (text) => {
    expect(parseNumber(text, context('en'))).toEqual({ kind: 'rejected', reason: { key: 'parsers:number.unreadable' } });
  });

  it('applies integer, min and max', () => {
    expect(parseNumber('3.5', context('en', { integer: true }))).toEqual({
      kind: 'rejected',
      reason: { key: 'parsers:number.not_integer' },
    });
    expect(parseNumber('2', context('en', { min: 3 }))).toEqual({
      kind: 'rejected',
      reason: { key: 'parsers:number.too_small', vars: { min: 3 } },
    });
    expect(parseNumber('200', context('en', { max: '120' }))).toEqual({
      kind: 'rejected',
      reason: { key: 'parsers:number.too_large', vars: { max: 120 } },
    });
    expect(parseNumber('120', context('en', { min: 0, max: 120, integer: true }))).toEqual({ kind: 'accepted', value: 120 });
  });
});
