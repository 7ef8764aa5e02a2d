import { describe, expect, it } from 'vitest';
import { regexMatches } from './regex-matches.js';

/** What matchAll gives, reduced to comparable data. */
function summary(matches: Iterable<RegExpMatchArray>) {
  return [...matches].map((m) => ({ text: m[0], index: m.index, groups: m.groups ? { ...m.groups } : undefined, captures: [...m], indices: m.indices?.map((i) => i && [...i]) }));
}

describe('regexMatches', () => {
  const cases: Array<[RegExp, string]> = [
    [/(?<hour>\d{1,2})[:.h](?<minute>\d{2})/gu, 'at 7:30 or 19h45, not 123'],
    [/\d*/g, 'a1b22c'],
    [/(?:)/gu, 'a😀b'],
    [/(?<place>\p{L}+) में/dgu, 'मैं मुंबई में पैदा हुआ, दिल्ली में नहीं'],
    [/x/g, 'nothing here'],
  ];
  it.each(cases)('gives the matches matchAll gives for %s', (pattern, text) => {
    expect(summary(regexMatches(pattern, text))).toEqual(summary(text.matchAll(new RegExp(pattern))));
  });

  it('leaves the pattern ready for the next text', () => {
    const pattern = /\d+/g;
    expect(regexMatches(pattern, '1 22').map((m) => m[0])).toEqual(['1', '22']);
    expect(pattern.lastIndex).toBe(0);
    expect(regexMatches(pattern, '333').map((m) => m[0])).toEqual(['333']);
  });

  it('refuses a pattern that is not global, as matchAll does', () => {
    expect(() => regexMatches(/\d/, '1')).toThrow(TypeError);
  });
});
