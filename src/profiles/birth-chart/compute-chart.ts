import { findAspects, type Aspect } from './aspects.js';
import { astroTime, bodyMotions, MEAN_NODE, PLANETS, planetLongitude, type ChartBodyName } from './ephemeris.js';
import { computeAngles, computeHouses, type AppliedHouseSystem, type HouseSystem } from './houses.js';
import { zodiacPosition, type SignKey } from './zodiac.js';

export interface ChartInput {
  /** The moment of birth; for an unknown birth time, local noon of the birth date. */
  utc: Date;
  latitude: number;
  /** East positive. */
  longitude: number;
  timeKnown: boolean;
  /** Default Placidus. */
  houseSystem?: HouseSystem;
  /** Unknown time only: the local day's first and last instants, to tell whether the Moon changed sign. */
  day?: { start: Date; end: Date };
}

export interface ChartPoint {
  longitude: number;
  sign: SignKey;
  /** Degrees into the sign, [0, 30). */
  degree: number;
}

export interface ChartBody extends ChartPoint {
  name: ChartBodyName;
  /** Degrees per day; negative when retrograde. */
  speed: number;
  retrograde: boolean;
}

export interface Chart {
  bodies: ChartBody[];
  /** Absent when the birth time is unknown. */
  ascendant?: ChartPoint;
  midheaven?: ChartPoint;
  houses?: { system: AppliedHouseSystem; requested: HouseSystem; cusps: number[] };
  aspects: Aspect[];
  /** The Moon's sign at the start and end of the birth day (one entry when the time is known or it did not change). */
  moonSigns: SignKey[];
}

const point = (longitude: number): ChartPoint => ({ longitude, ...zodiacPosition(longitude) });

function moonSignsOfDay(input: ChartInput, moonSign: SignKey): SignKey[] {
  if (input.timeKnown || !input.day) return [moonSign];
  const start = zodiacPosition(planetLongitude('Moon', astroTime(input.day.start))).sign;
  const end = zodiacPosition(planetLongitude('Moon', astroTime(input.day.end))).sign;
  return start === end ? [start] : [start, end];
}

/**
 * A tropical natal chart: a pure function of the instant and the place (no I/O, no clock), so tests and
 * the benchmark call it directly. With an unknown time the angles and houses are left out and so are
 * the Moon's aspects, which a day's motion (about 13°) can make or break.
 */
export function computeChart(input: ChartInput): Chart {
  const time = astroTime(input.utc);
  const motions = bodyMotions(time);
  const names: ChartBodyName[] = [...PLANETS, MEAN_NODE];
  const bodies = names.map((name): ChartBody => {
    const motion = motions.get(name) ?? { longitude: 0, speed: 0 };
    return { name, ...point(motion.longitude), speed: motion.speed, retrograde: motion.speed < 0 };
  });
  const moonSign = bodies.find((b) => b.name === 'Moon')?.sign ?? 'aries';
  const aspectPoints = bodies.filter((b) => b.name !== MEAN_NODE && (input.timeKnown || b.name !== 'Moon'));
  const chart: Chart = { bodies, aspects: findAspects(aspectPoints), moonSigns: moonSignsOfDay(input, moonSign) };
  if (!input.timeKnown) return chart;

  const requested = input.houseSystem ?? 'placidus';
  const angles = computeAngles(time, input.latitude, input.longitude);
  const houses = computeHouses(angles, input.latitude, requested);
  return {
    ...chart,
    ascendant: point(angles.ascendant),
    midheaven: point(angles.midheaven),
    houses: { system: houses.system, requested, cusps: houses.cusps },
  };
}
