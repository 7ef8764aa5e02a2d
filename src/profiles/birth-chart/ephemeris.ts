import {
  BaryState,
  Body,
  C_AUDAY,
  DeltaT_JplHorizons,
  Ecliptic,
  GeoMoonState,
  GeoVector,
  HelioState,
  MakeTime,
  RotateState,
  Rotation_EQJ_ECL,
  SetDeltaTFunction,
  StateVector,
  Vector,
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

const DEGREES_PER_RADIAN = 180 / Math.PI;
const EQUATOR_TO_ECLIPTIC = Rotation_EQJ_ECL();

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

/**
 * The giant planets' GM (au³/day², astronomy-engine's DE405 values): the Sun's offset from the solar system's
 * barycentre is theirs, weighted by GM / (GM + the Sun's GM). Order matters to the last bit: the library's sum.
 */
const SUN_GM = 0.2959122082855911e-3;
const GIANTS = [
  ['Jupiter', 0.2825345909524226e-6],
  ['Saturn', 0.8459715185680659e-7],
  ['Uranus', 0.1292024916781969e-7],
  ['Neptune', 0.1524358900784276e-7],
] as const;

/**
 * Heliocentric states of every planet but the Sun and the Moon (J2000 equator), the Earth's included. Pluto's
 * ephemeris is barycentric: astronomy-engine's HelioState(Pluto) evaluates the four giants' series again to move
 * it to the Sun (a third of the chart's ephemeris time); here the giants' states already made do it, with the
 * library's own arithmetic, so Pluto comes out the same to the last bit (within the library's Pluto table, years
 * 0-4000; outside it the library integrates and its sum could differ in the last digits).
 */
export function heliocentricStates(time: AstroTime): Record<Exclude<PlanetName, 'Sun' | 'Moon'> | 'Earth', StateVector> {
  const giants = {
    Jupiter: HelioState(Body.Jupiter, time),
    Saturn: HelioState(Body.Saturn, time),
    Uranus: HelioState(Body.Uranus, time),
    Neptune: HelioState(Body.Neptune, time),
  };
  let x = 0, y = 0, z = 0, vx = 0, vy = 0, vz = 0;
  for (const [name, gm] of GIANTS) {
    const state = giants[name];
    const shift = gm / (gm + SUN_GM);
    x += state.x * shift;
    y += state.y * shift;
    z += state.z * shift;
    vx += state.vx * shift;
    vy += state.vy * shift;
    vz += state.vz * shift;
  }
  const pluto = BaryState(Body.Pluto, time);
  return {
    Earth: HelioState(Body.Earth, time),
    Mercury: HelioState(Body.Mercury, time),
    Venus: HelioState(Body.Venus, time),
    Mars: HelioState(Body.Mars, time),
    ...giants,
    Pluto: new StateVector(pluto.x + x, pluto.y + y, pluto.z + z, pluto.vx + vx, pluto.vy + vy, pluto.vz + vz, time),
  };
}

/** Geocentric position and velocity (J2000 equator) of a body, from the heliocentric states (the Moon's its own). */
function geocentricState(name: PlanetName, time: AstroTime, helio: ReturnType<typeof heliocentricStates>): StateVector {
  if (name === 'Moon') return GeoMoonState(time);
  const earth = helio.Earth;
  const body = name === 'Sun' ? new StateVector(0, 0, 0, 0, 0, 0, time) : helio[name];
  return new StateVector(body.x - earth.x, body.y - earth.y, body.z - earth.z, body.vx - earth.vx, body.vy - earth.vy, body.vz - earth.vz, time);
}

/**
 * Daily motion in ecliptic longitude from the body's velocity (one ephemeris evaluation): the rate of the
 * geometric longitude, which differs from the apparent longitude's rate by light time and aberration, under
 * 0.001°/day (Mercury's is the largest); a finite difference of apparent longitudes would cost three.
 */
function longitudeSpeed(state: StateVector): number {
  const s = RotateState(EQUATOR_TO_ECLIPTIC, state);
  return ((s.x * s.vy - s.y * s.vx) / (s.x * s.x + s.y * s.y)) * DEGREES_PER_RADIAN;
}

/** The mean node's daily motion: the derivative of meanNodeLongitude's polynomial (nutation's rate is under 0.00001°/day). */
function meanNodeSpeed(time: AstroTime): number {
  const t = time.tt / 36525;
  return (-1934.1362891 + 2 * 0.0020754 * t + (3 * t * t) / 467441 - (4 * t * t * t) / 60616000) / 36525;
}

/**
 * Apparent longitude from the geocentric state: the body where it was when its light left, seen from where the
 * Earth was then (astronomy-engine's own first-order aberration), with both moved back along their velocities
 * instead of re-evaluating the ephemeris (the error of that straight line is under 0.1" even for Pluto's hours).
 * The Moon, as in GeoVector, is taken without light time.
 */
function apparentLongitude(name: PlanetName, state: StateVector, time: AstroTime): number {
  let { x, y, z } = state;
  if (name !== 'Moon') {
    let lightTime = 0;
    for (let i = 0; i < 3; i++) {
      lightTime = Math.hypot(x, y, z) / C_AUDAY;
      x = state.x - state.vx * lightTime;
      y = state.y - state.vy * lightTime;
      z = state.z - state.vz * lightTime;
    }
  }
  return normalizeDegrees(Ecliptic(new Vector(x, y, z, time)).elon);
}

/** Every chart body's longitude and motion at one instant: one ephemeris evaluation per body, plus the Earth's. */
export function bodyMotions(time: AstroTime): Map<ChartBodyName, BodyMotion> {
  const motions = new Map<ChartBodyName, BodyMotion>();
  const helio = heliocentricStates(time);
  for (const name of PLANETS) {
    const state = geocentricState(name, time, helio);
    motions.set(name, { longitude: apparentLongitude(name, state, time), speed: longitudeSpeed(state) });
  }
  motions.set(MEAN_NODE, { longitude: meanNodeLongitude(time), speed: meanNodeSpeed(time) });
  return motions;
}
