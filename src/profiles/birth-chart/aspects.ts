import { angleDifference } from './zodiac.js';

export type AspectType = 'conjunction' | 'sextile' | 'square' | 'trine' | 'opposition';

export interface Aspect {
  a: string;
  b: string;
  type: AspectType;
  /** How far from exact, in degrees. */
  orb: number;
}

/** The five major (Ptolemaic) aspects with the orbs commonly allowed between planets. */
export const MAJOR_ASPECTS: ReadonlyArray<{ type: AspectType; angle: number; orb: number }> = [
  { type: 'conjunction', angle: 0, orb: 8 },
  { type: 'sextile', angle: 60, orb: 6 },
  { type: 'square', angle: 90, orb: 7 },
  { type: 'trine', angle: 120, orb: 8 },
  { type: 'opposition', angle: 180, orb: 8 },
];

/**
 * Every major aspect between pairs of the given points, in input order (a before b). At most one per
 * pair: with these orbs the windows of neighbouring aspects (60° apart) never overlap.
 */
export function findAspects(points: ReadonlyArray<{ name: string; longitude: number }>): Aspect[] {
  const aspects: Aspect[] = [];
  points.forEach((first, i) => {
    for (const second of points.slice(i + 1)) {
      const separation = Math.abs(angleDifference(first.longitude, second.longitude));
      for (const { type, angle, orb } of MAJOR_ASPECTS) {
        const off = Math.abs(separation - angle);
        if (off <= orb) {
          aspects.push({ a: first.name, b: second.name, type, orb: off });
          break;
        }
      }
    }
  });
  return aspects;
}
