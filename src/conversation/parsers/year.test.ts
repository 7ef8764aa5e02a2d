import { describe, expect, it } from 'vitest';
import { context } from './test-support.js';
import { parseYear } from './year.js';

describe('year parser', () => {
  it.each([
    ['2015', 2015],
    ['in 2015', 2015],
    ['since 1998.', 1998],
    ['en 2010', 2010],
    ['२०१२', 2012],
    ['two thousand fifteen', 2015],
  ])('%j -> %j', (text, year) => {
    expect(parseYear(text, context('en'))).toEqual({ kind: 'accepted', value: year });
  });

  it.each(['now', 'Present', "I'm still there", 'actualidad', 'en cours', 'bis heute', 'atual', 'अब तक'])('"%s" is "now" with allow_now', (text) => {
    expect(parseYear(text, context('en', { allow_now: true }))).toEqual({ kind: 'accepted', value: 'now' });
  });

  it('refuses "now" without allow_now, two-digit, future, too early and several years', () => {
    expect(parseYear('now', context('en'))).toMatchObject({ kind: 'rejected', reason: { key: 'parsers:year.unreadable' } });
    expect(parseYear("'15", context('en'))).toMatchObject({ kind: 'rejected', reason: { key: 'parsers:year.four_digits' } });
    expect(parseYear('2031', context('en'))).toEqual({ kind: 'rejected', reason: { key: 'parsers:year.future', vars: { year: 2025 } } });
    expect(parseYear('1949', context('en', { min: 1950 }))).toEqual({ kind: 'rejected', reason: { key: 'parsers:year.too_early', vars: { min: 1950 } } });
    expect(parseYear('1850', context('en'))).toMatchObject({ kind: 'rejected', reason: { key: 'parsers:year.too_early', vars: { min: 1900 } } });
    expect(parseYear('2010 to 2014', context('en'))).toMatchObject({ kind: 'rejected', reason: { key: 'parsers:year.several' } });
    expect(parseYear('banana', context('en'))).toMatchObject({ kind: 'rejected', reason: { key: 'parsers:year.unreadable' } });
  });
});
