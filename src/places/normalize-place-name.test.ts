import { describe, expect, it } from 'vitest';
import { normalizePlaceName } from './normalize-place-name.js';

describe('normalizePlaceName', () => {
  it.each([
    ['São Paulo', 'sao paulo'],
    ['  SAINT-ÉTIENNE ', 'saint etienne'],
    ['Washington, D.C.', 'washington d c'],
    ['Łódź', 'lodz'],
    ['Straße', 'strasse'],
    ["L'Aquila", 'l aquila'],
    ['Springfield', 'springfield'],
  ])('%s -> %s', (input, expected) => expect(normalizePlaceName(input)).toBe(expected));

  it('keeps Devanagari vowel signs (only Latin accents are dropped)', () => {
    expect(normalizePlaceName('मुंबई')).toBe('मुंबई'.normalize('NFC'));
    expect(normalizePlaceName('मुंबई')).not.toBe(normalizePlaceName('मबई'));
  });
});
