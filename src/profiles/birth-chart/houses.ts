import { SiderealTime, e_tilt, type AstroTime } from 'astronomy-engine';
import { normalizeDegrees } from './zodiac.js';

export type HouseSystem = 'placidus' | 'whole-sign';
/** Porphyry appears only as the documented fallback for Placidus above the polar circles. */
export type AppliedHouseSystem = HouseSystem | 'porphyry';

export interface Angles {
  ascendant: number;
  midheaven: number;
  /** Right ascension of the MC (local apparent sidereal time in degrees). */
  armc: number;
  /** True obliquity of the ecliptic. */
  obliquity: number;
}

export interface Houses {
  system: AppliedHouseSystem;
  /** Twelve cusp longitudes, house 1 first. */
  cusps: number[];
}

const RAD = Math.PI / 180;
const sin = (deg: number): number => Math.sin(deg * RAD);
const cos = (deg: number): number => Math.cos(deg * RAD);
const atan2 = (y: number, x: number): number => Math.atan2(y, x) / RAD;

/**
 * Ascendant and Midheaven from the local apparent sidereal time (astronomy-engine's GAST plus the
 * east longitude), the geographic latitude and the true obliquity of date.
 */
export function computeAngles(time: AstroTime, latitude: number, longitude: number): Angles {
  const obliquity = e_tilt(time).tobl;
  const armc = normalizeDegrees(SiderealTime(time) * 15 + longitude);
  const midheaven = normalizeDegrees(atan2(sin(armc), cos(armc) * cos(obliquity)));
  const ascendant = normalizeDegrees(
    atan2(cos(armc), -(sin(armc) * cos(obliquity) + Math.tan(latitude * RAD) * sin(obliquity))),
  );
  return { ascendant, midheaven, armc, obliquity };
}

/** The ecliptic point (latitude 0) with right ascension `ra`. */
function eclipticFromRightAscension(ra: number, obliquity: number): number {
  return normalizeDegrees(atan2(sin(ra), cos(ra) * cos(obliquity)));
}

/**
 * One Placidus cusp: the ecliptic point that has covered `fraction` of its semi-arc from the meridian.
 * Above the horizon (houses 11, 12) it is the diurnal semi-arc from the MC; below (houses 2, 3) the
 * nocturnal one from the IC. Solved by fixed-point iteration on the point's declination.
 */
function placidusCusp(angles: Angles, latitude: number, fraction: number, aboveHorizon: boolean): number {
  const { armc, obliquity } = angles;
  const tanLat = Math.tan(latitude * RAD);
  let ra = aboveHorizon ? armc + 90 * fraction : armc + 180 - 90 * fraction;
  let lon = eclipticFromRightAscension(ra, obliquity);
  for (let i = 0; i < 100; i += 1) {
    const declination = Math.asin(sin(obliquity) * sin(lon));
    const ascensional = Math.asin(Math.max(-1, Math.min(1, tanLat * Math.tan(declination)))) / RAD;
    ra = aboveHorizon ? armc + fraction * (90 + ascensional) : armc + 180 - fraction * (90 - ascensional);
    const next = eclipticFromRightAscension(ra, obliquity);
    const moved = Math.abs(normalizeDegrees(next - lon + 180) - 180);
    lon = next;
    if (moved < 1e-10) break;
  }
  return lon;
}

/** Cusps 1-12 from the four angles and the four intermediate cusps 11, 12, 2, 3. */
function assemble(asc: number, mc: number, c11: number, c12: number, c2: number, c3: number): number[] {
  const opposite = (lon: number): number => normalizeDegrees(lon + 180);
  return [asc, c2, c3, opposite(mc), opposite(c11), opposite(c12), opposite(asc), opposite(c2), opposite(c3), mc, c11, c12];
}

/** Porphyry: each quadrant between the angles divided into three equal arcs of ecliptic longitude. */
function porphyryCusps({ ascendant, midheaven }: Angles): number[] {
  const ic = normalizeDegrees(midheaven + 180);
  const lower = normalizeDegrees(ic - ascendant); // ASC -> IC, houses 1-3
  const upper = normalizeDegrees(ascendant - midheaven); // MC -> ASC, houses 10-12
  return assemble(
    ascendant,
    midheaven,
    normalizeDegrees(midheaven + upper / 3),
    normalizeDegrees(midheaven + (2 * upper) / 3),
    normalizeDegrees(ascendant + lower / 3),
    normalizeDegrees(ascendant + (2 * lower) / 3),
  );
}

/**
 * House cusps. Placidus divides each point's diurnal and nocturnal arcs in three, which is undefined
 * where some ecliptic degrees never rise or set: beyond the polar circles (|latitude| >= 90° - obliquity,
 * about 66.56°). There, as the Swiss Ephemeris does, the cusps fall back to Porphyry and `system` says so.
 * Whole-sign houses start at 0° of the ascendant's sign and work at any latitude.
 */
export function computeHouses(angles: Angles, latitude: number, system: HouseSystem): Houses {
  if (system === 'whole-sign') {
    const first = Math.floor(angles.ascendant / 30) * 30;
    return { system, cusps: Array.from({ length: 12 }, (_, i) => normalizeDegrees(first + 30 * i)) };
  }
  if (Math.abs(latitude) >= 90 - angles.obliquity) return { system: 'porphyry', cusps: porphyryCusps(angles) };
  return {
    system: 'placidus',
    cusps: assemble(
      angles.ascendant,
      angles.midheaven,
      placidusCusp(angles, latitude, 1 / 3, true),
      placidusCusp(angles, latitude, 2 / 3, true),
      placidusCusp(angles, latitude, 2 / 3, false),
      placidusCusp(angles, latitude, 1 / 3, false),
    ),
  };
}
