import { describe, expect, it } from 'vitest';
import { countryName } from './resolved-place.js';

describe('countryName', () => {
  it('names a country in the language asked for, the same the second time (remembered)', () => {
    expect(countryName('ES', 'en')).toBe('Spain');
    expect(countryName('ES', 'es')).toBe('España');
    expect(countryName('ES', 'en')).toBe('Spain');
    expect(countryName('DE', 'es')).toBe('Alemania');
  });

  it('gives the code back when ICU cannot read it, and does not remember what is not a two-letter code', () => {
    expect(countryName('not a code', 'en')).toBe('not a code');
    expect(countryName('not a code', 'en')).toBe('not a code');
    expect(countryName('ES', 'not-a-language-tag!')).toBe('ES');
  });
});
