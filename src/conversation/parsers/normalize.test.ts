import { describe, expect, it } from 'vitest';
import { normalizeCharByChar, normalizeWithMap } from './normalize.js';

/** Every span of a text mapped back, to compare two normalisations' maps whole. */
function allSpans(normalized: ReturnType<typeof normalizeWithMap>): Array<{ start: number; end: number }> {
  const spans = [];
  for (let start = -1; start <= normalized.text.length + 1; start++) {
    for (let end = start; end <= normalized.text.length + 1; end++) spans.push(normalized.toOriginal(start, end));
  }
  return spans;
}

describe('normalizeWithMap', () => {
  const pieces = ['a', 'Z', 'm', '5', ':', ',', '.', "'", '-', '@', ' ', ' ', '  ', '\t', '\n', 'é', 'Ü', 'ß', '’', '५', '０', 'नाम', 'º'];

  it('gives the general normalisation\'s text and map, plain ASCII or not', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const texts = ['5 March 1990', 'Madrid', '07:30', 'I was born in Buenos Aires', 'x', ' lead', 'trail ', 'two  spaces', 'MARIA'];
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = 1 + Math.floor(random() * 12);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
      texts.push(text);
    }
    let plain = 0;
    for (const text of texts) {
      const fast = normalizeWithMap(text);
      const general = normalizeCharByChar(text);
      expect(fast.text, JSON.stringify(text)).toBe(general.text);
      expect(allSpans(fast), JSON.stringify(text)).toEqual(allSpans(general));
      if (/^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/.test(text)) plain += 1;
    }
    // Both kinds were compared: the plain-ASCII shortcut and the general path.
    expect(plain).toBeGreaterThan(100);
    expect(texts.length - plain).toBeGreaterThan(100);
  });

  it('maps a span of the lower-cased text back onto the original', () => {
    const normalized = normalizeWithMap('Born 5 March 1990');
    expect(normalized.text).toBe('born 5 march 1990');
    expect(normalized.toOriginal(7, 12)).toEqual({ start: 7, end: 12 });
    expect(normalized.toOriginal(4, 6)).toEqual({ start: 5, end: 6 });
  });
});
