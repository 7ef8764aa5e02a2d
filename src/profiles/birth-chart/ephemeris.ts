import {
  Body,
  DeltaT_JplHorizons,
  Ecliptic,
  GeoVector,
  MakeTime,
  SetDeltaTFunction,
  e_tilt,
  type AstroTime,
} from 'astronomy-engine';
import { normalizeDegrees } from './zodiac.js';

/**
 * Delta T (TT - UT). astronomy-engine's default (Espenak & Meeus 2006 polynomials) runs away after
 * 2020: about 200 s by 2100, against about 93 s in the Swiss Ephemeris, which moves the Moon by
 * 0.02°. The JPL Horizons model it also ships stays within a few seconds of the Swiss Ephemeris up to
 * 2050 and within 25 s at 2100 (0.004° of Moon). This is process-wide state in astronomy-engine;
 * this module is its only user in the service.
 */
SetDeltaTFunction(DeltaT_JplHorizons);

export const PLANETS = [
  'Sun',
  'Moon',
  'Mercury',
  'Venus',
  'Mars',
  'Jupiter',
  'Saturn',
  'Uranus',
  'Neptune',
  'Pluto',
] as const;
export type PlanetName = (typeof PLANETS)[number];
export const MEAN_NODE = 'Mean Node';
export type ChartBodyName = PlanetName | typeof MEAN_NODE;

/** Half-width of the interval over which daily motion is measured, in days. */
const SPEED_STEP_DAYS = 1 / 24;

/** Converts a JS instant (UTC, treated as UT1: the difference is under a second) to astronomy-engine time. */
export function astroTime(utc: Date): AstroTime {
  return MakeTime(utc);
}

/**
 * Geocentric apparent ecliptic longitude of date: light-time corrected, aberration included, referred
 * to the true equinox and ecliptic of date (nutation included), as the Swiss Ephemeris reports by default.
 */
export function planetLongitude(name: PlanetName, time: AstroTime): number {
  return Ecliptic(GeoVector(Body[name], time, true)).elon;
}

/**
 * Longitude of the Moon's mean ascending node (Meeus, Astronomical Algorithms, 2nd ed., eq. 47.7, from
 * Chapront's ELP-2000/82 mean elements), plus the nutation in longitude to refer it to the true equinox
 * of date as the Swiss Ephemeris does. A closed formula for a mean element, not an ephemeris.
 */
export function meanNodeLongitude(time: AstroTime): number {
  const t = time.tt / 36525;
  const omega = 125.0445479 - 1934.1362891 * t + 0.0020754 * t * t + (t * t * t) / 467441 - (t * t * t * t) / 60616000;
  return normalizeDegrees(omega + e_tilt(time).dpsi / 3600);
}

/** Longitude and daily motion (degrees/day, negative when retrograde). */
export interface BodyMotion {
  longitude: number;
  speed: number;
}

function withSpeed(at: (time: AstroTime) => number, time: AstroTime): BodyMotion {
  const before = at(time.AddDays(-SPEED_STEP_DAYS));
  const after = at(time.AddDays(SPEED_STEP_DAYS));
  const delta = normalizeDegrees(after - before + 180) - 180;
  return { longitude: normalizeDegrees(at(time)), speed: delta / (2 * SPEED_STEP_DAYS) };
}

/** Every chart body's longitude and motion at one instant. */
export function bodyMotions(time: AstroTime): Map<ChartBodyName, BodyMotion> {
  const motions = new Map<ChartBodyName, BodyMotion>();
  for (const name of PLANETS) motions.set(name, withSpeed((t) => planetLongitude(name, t), time));
  motions.set(MEAN_NODE, withSpeed(meanNodeLongitude, time));
  return motions;
}
