import { Body, HelioState } from 'astronomy-engine';
import { describe, expect, it } from 'vitest';
import { astroTime, bodyMotions, heliocentricStates, MEAN_NODE, meanNodeLongitude, PLANETS, planetLongitude } from './ephemeris.js';
import { normalizeDegrees } from './zodiac.js';

/** The apparent longitude's rate by a central difference over ±1 hour: three evaluations per body. */
function differenced(at: (time: ReturnType<typeof astroTime>) => number, utc: Date): number {
  const hour = 1 / 24;
  const time = astroTime(utc);
  return (normalizeDegrees(at(time.AddDays(hour)) - at(time.AddDays(-hour)) + 180) - 180) / (2 * hour);
}

describe('daily motion of the chart bodies', () => {
  // One birth every 1,000 days or so from 1900 to 2100: every planet goes retrograde many times in between.
  const births = Array.from({ length: 74 }, (_, i) => new Date(Date.UTC(1900, 0, 1 + i * 997, (i * 7) % 24)));

  it('agrees with the apparent longitude differenced over two hours, within 0.001°/day', () => {
    for (const utc of births) {
      const motions = bodyMotions(astroTime(utc));
      for (const name of PLANETS) {
        const expected = differenced((t) => planetLongitude(name, t), utc);
        expect(Math.abs((motions.get(name)?.speed ?? NaN) - expected), `${name} at ${utc.toISOString()}`).toBeLessThan(0.001);
      }
      const node = differenced(meanNodeLongitude, utc);
      expect(Math.abs((motions.get(MEAN_NODE)?.speed ?? NaN) - node), `mean node at ${utc.toISOString()}`).toBeLessThan(0.001);
    }
  });

  it("gives astronomy-engine's apparent longitude (light time solved exactly) within 0.00005°", () => {
    for (const utc of births) {
      const motions = bodyMotions(astroTime(utc));
      for (const name of PLANETS) {
        const exact = planetLongitude(name, astroTime(utc));
        const separation = Math.abs(normalizeDegrees((motions.get(name)?.longitude ?? NaN) - exact + 180) - 180);
        expect(separation, `${name} at ${utc.toISOString()}`).toBeLessThan(0.00005);
      }
    }
  });
});

describe('heliocentric states', () => {
  it("are astronomy-engine's HelioState to the last bit, Pluto's included (moved to the Sun with the giants already computed)", () => {
    for (let i = 0; i < 60; i++) {
      const time = astroTime(new Date(Date.UTC(1900, 0, 1 + i * 1223, (i * 5) % 24, (i * 13) % 60)));
      const states = heliocentricStates(time);
      for (const name of ['Earth', 'Mercury', 'Venus', 'Mars', 'Jupiter', 'Saturn', 'Uranus', 'Neptune', 'Pluto'] as const) {
        const expected = HelioState(Body[name], time);
        const actual = states[name];
        expect([actual.x, actual.y, actual.z, actual.vx, actual.vy, actual.vz]).toEqual([expected.x, expected.y, expected.z, expected.vx, expected.vy, expected.vz]);
      }
    }
  });
});
