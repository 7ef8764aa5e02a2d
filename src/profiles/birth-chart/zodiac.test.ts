import { describe, expect, it } from 'vitest';
import { angleDifference, normalizeDegrees, signName, zodiacPosition } from './zodiac.js';

describe('zodiac', () => {
  it('places longitudes in signs with the degree within the sign', () => {
    expect(zodiacPosition(344.42)).toEqual({ sign: 'pisces', degree: expect.closeTo(14.42, 9) as number });
    expect(zodiacPosition(0)).toEqual({ sign: 'aries', degree: 0 });
    expect(zodiacPosition(29.9999).sign).toBe('aries');
    expect(zodiacPosition(30).sign).toBe('taurus');
    expect(zodiacPosition(-1).sign).toBe('pisces');
    expect(signName('sagittarius')).toBe('Sagittarius');
  });

  it('normalizes angles and measures the short way round', () => {
    expect(normalizeDegrees(-30)).toBe(330);
    expect(normalizeDegrees(720)).toBe(0);
    expect(angleDifference(350, 10)).toBe(20);
    expect(angleDifference(10, 350)).toBe(-20);
  });
});
