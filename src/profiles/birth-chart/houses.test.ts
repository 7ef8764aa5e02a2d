import { describe, expect, it } from 'vitest';
import { astroTime } from './ephemeris.js';
import { computeAngles, computeHouses } from './houses.js';

const time = astroTime(new Date('1990-06-21T10:30:00Z'));
const gap = (from: number, to: number): number => (((to - from) % 360) + 360) % 360;

describe('computeHouses', () => {
  it('Placidus cusps run in zodiac order with the angles on cusps 1, 4, 7 and 10', () => {
    const angles = computeAngles(time, 40.4165, -3.70256);
    const { system, cusps } = computeHouses(angles, 40.4165, 'placidus');
    expect(system).toBe('placidus');
    expect(cusps[0]).toBeCloseTo(angles.ascendant, 9);
    expect(cusps[9]).toBeCloseTo(angles.midheaven, 9);
    expect(gap(angles.ascendant, cusps[6] ?? NaN)).toBeCloseTo(180, 9);
    const total = cusps.reduce((sum, cusp, i) => sum + gap(cusp, cusps[(i + 1) % 12] ?? NaN), 0);
    expect(total).toBeCloseTo(360, 6); // each cusp is ahead of the previous one: they wind round exactly once
  });

  it('falls back to Porphyry beyond the polar circles (Tromsø, 69.6°N), as the Swiss Ephemeris does', () => {
    const angles = computeAngles(time, 69.6496, 18.957);
    const { system, cusps } = computeHouses(angles, 69.6496, 'placidus');
    expect(system).toBe('porphyry');
    // Porphyry: the arc from the MC to the ascendant split in three equal parts.
    const arc = gap(angles.midheaven, angles.ascendant);
    expect(gap(angles.midheaven, cusps[10] ?? NaN)).toBeCloseTo(arc / 3, 9);
    expect(gap(angles.midheaven, cusps[11] ?? NaN)).toBeCloseTo((2 * arc) / 3, 9);
    expect(computeHouses(angles, -69.6496, 'placidus').system).toBe('porphyry');
    expect(computeHouses(computeAngles(time, 65, 18.957), 65, 'placidus').system).toBe('placidus');
  });

  it('whole-sign houses start at 0° of the ascendant sign, at any latitude', () => {
    const angles = computeAngles(time, 69.6496, 18.957);
    const { system, cusps } = computeHouses(angles, 69.6496, 'whole-sign');
    expect(system).toBe('whole-sign');
    expect(cusps[0]).toBe(Math.floor(angles.ascendant / 30) * 30);
    expect(cusps.every((cusp, i) => gap(cusps[0] ?? 0, cusp) === 30 * i)).toBe(true);
  });
});
