import { describe, expect, it } from 'vitest';
import { editDistance } from './edit-distance.js';
import { parserLanguage } from './language.js';
import { normalizeText, normalizeWithMap } from './normalize.js';
import { parseNumberWords } from './number-words.js';
import { ordinalValue } from './ordinal-words.js';

describe('normalizeText', () => {
  it('lower-cases, strips Latin accents, collapses spaces and keeps Devanagari signs', () => {
    expect(normalizeText('  Árbol   MAÑANA\tÇa ')).toBe('arbol manana ca');
    expect(normalizeText('Weiß')).toBe('weiss');
    expect(normalizeText('साढ़े ७')).toBe(normalizeText('साढ़े 7'));
    expect(normalizeText('हाँ')).toBe('हाँ');
  });

  it('maps spans back to the original text', () => {
    const original = 'Él   nació a las 7';
    const map = normalizeWithMap(original);
    const at = map.text.indexOf('7');
    const span = map.toOriginal(at, at + 1);
    expect(original.slice(span.start, span.end)).toBe('7');
  });
});

describe('number words', () => {
  it.each([
    ['en', 'ninety-nine', 99],
    ['es', 'veintidós', 22],
    ['fr', 'soixante-dix-sept', 77],
    ['fr', 'quatre-vingt-onze', 91],
    ['de', 'siebenundvierzig', 47],
    ['pt', 'quarenta e dois', 42],
    ['hi', 'ग्यारह', 11],
  ] as const)('%s: %s is %d', (language, text, value) => {
    expect(parseNumberWords(text, language)).toBe(value);
  });

  it('reads ordinals and refuses non-numbers', () => {
    expect(ordinalValue('troisième', 'fr')).toBe(3);
    expect(ordinalValue('2º', 'pt')).toBe(2);
    expect(ordinalValue('last', 'en')).toBe(-1);
    expect(parseNumberWords('banana', 'en')).toBeNull();
  });
});

describe('editDistance and parserLanguage', () => {
  it('counts a swap of neighbours as one typo', () => {
    expect(editDistance('email', 'emial')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('falls back to English for unknown languages', () => {
    expect(parserLanguage('es-MX')).toBe('es');
    expect(parserLanguage('it')).toBe('en');
  });
});
