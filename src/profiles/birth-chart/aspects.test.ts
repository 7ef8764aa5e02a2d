import { describe, expect, it } from 'vitest';
import { findAspects } from './aspects.js';

describe('findAspects', () => {
  it('finds each major aspect with its orb, across 0° Aries', () => {
    const aspects = findAspects([
      { name: 'Sun', longitude: 355 },
      { name: 'Moon', longitude: 3 }, // 8° from the Sun: conjunction at the edge of its orb
      { name: 'Mars', longitude: 86 }, // 91° from the Sun: square, orb 1
      { name: 'Venus', longitude: 237 }, // 118° from the Sun: trine, orb 2
    ]);
    expect(aspects).toEqual([
      { a: 'Sun', b: 'Moon', type: 'conjunction', orb: expect.closeTo(8, 9) as number },
      { a: 'Sun', b: 'Mars', type: 'square', orb: expect.closeTo(1, 9) as number },
      { a: 'Sun', b: 'Venus', type: 'trine', orb: expect.closeTo(2, 9) as number },
      { a: 'Moon', b: 'Mars', type: 'square', orb: expect.closeTo(7, 9) as number },
      { a: 'Moon', b: 'Venus', type: 'trine', orb: expect.closeTo(6, 9) as number },
      // Mars-Venus: 151°, no major aspect.
    ]);
  });

  it('sees no aspect outside the orbs (45° is none of the five)', () => {
    expect(findAspects([{ name: 'A', longitude: 10 }, { name: 'B', longitude: 55 }])).toEqual([]);
    expect(findAspects([{ name: 'A', longitude: 0 }, { name: 'B', longitude: 179 }])[0]?.type).toBe('opposition');
  });
});
