/** The twelve tropical signs in order from 0° Aries; keys of `birth-chart:signs.*` in the locale files. */
export const SIGNS = [
  'aries',
  'taurus',
  'gemini',
  'cancer',
  'leo',
  'virgo',
  'libra',
  'scorpio',
  'sagittarius',
  'capricorn',
  'aquarius',
  'pisces',
] as const;

export type SignKey = (typeof SIGNS)[number];

/** An angle in [0, 360). */
export function normalizeDegrees(angle: number): number {
  const wrapped = angle % 360;
  return wrapped < 0 ? wrapped + 360 : wrapped;
}

/** The signed shortest difference b - a, in (-180, 180]. */
export function angleDifference(a: number, b: number): number {
  const d = normalizeDegrees(b - a);
  return d > 180 ? d - 360 : d;
}

/** The sign a longitude falls in and the degrees into that sign ([0, 30)). */
export function zodiacPosition(longitude: number): { sign: SignKey; degree: number } {
  const lon = normalizeDegrees(longitude);
  const index = Math.min(11, Math.floor(lon / 30));
  return { sign: SIGNS[index] ?? 'aries', degree: lon - index * 30 };
}

/** "pisces" -> "Pisces": the English name the profile stores (the summary uses the locale files). */
export function signName(sign: SignKey): string {
  return sign.charAt(0).toUpperCase() + sign.slice(1);
}
