import type { BirthAnswers } from './birth-answers.js';
import { resolveLocalTime, utcOffsetSeconds, wallClockMs, type LocalTimeResolution } from './local-time.js';

const HOUR_MS = 3_600_000;
const NOON = '12:00';

/** When the birth happened, ready for the chart. */
export interface BirthMoment {
  utc: Date;
  offsetSeconds: number;
  /** "1990-03-05T07:30" (local noon when the time is unknown). */
  local: string;
  timeKnown: boolean;
  /** Unknown time only: the local day's first and last instants. */
  day?: { start: Date; end: Date };
  /** Set when an unreviewed clock change forced a choice (see birthMoment). */
  assumed?: 'gap' | 'ambiguous';
}

/** A clock change around the birth time: the wall-clock readings it jumped between. */
export interface ClockChange {
  kind: 'gap' | 'ambiguous';
  time: string;
  /** Offsets before and after the change, in seconds. */
  offsetBefore: number;
  offsetAfter: number;
  /** "02:00" -> "03:00" (gap) or "03:00" -> "02:00" (fall-back). */
  from: string;
  to: string;
}

const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16);

/** The UTC instant at which the zone's offset changed from `before` near `wall` (binary search, to the second). */
function transitionMs(timeZone: string, wall: number, before: number): number {
  let lo = wall - 48 * HOUR_MS;
  let hi = wall + 48 * HOUR_MS;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (utcOffsetSeconds(timeZone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The local birth time resolved at the place, kept per answers object (readBirthAnswers gives the same object for
 * the same collected answers): the turn that collects the last answer reviews it (clockChangeAt) and then makes
 * the chart (birthMoment), and each resolution asks ICU for at least four offsets.
 */
const localResolutions = new WeakMap<BirthAnswers, LocalTimeResolution>();

function resolveBirthTime(answers: BirthAnswers, time: string): LocalTimeResolution {
  let resolution = localResolutions.get(answers);
  if (!resolution) localResolutions.set(answers, (resolution = resolveLocalTime(answers.date, time, answers.place.tz)));
  return resolution;
}

/** Whether the local birth time fell into a clock change; null when it names one instant (or is unknown). */
export function clockChangeAt(answers: BirthAnswers): ClockChange | null {
  if (answers.time.kind !== 'local') return null;
  const { time } = answers.time;
  const resolution = resolveBirthTime(answers, time);
  if (resolution.kind === 'exact') return null;
  const [offsetBefore, offsetAfter] =
    resolution.kind === 'gap' ? [resolution.offsetBefore, resolution.offsetAfter] : resolution.offsets;
  const change = transitionMs(answers.place.tz, wallClockMs(answers.date, time), offsetBefore);
  return {
    kind: resolution.kind,
    time,
    offsetBefore,
    offsetAfter,
    from: hhmm(change + offsetBefore * 1000),
    to: hhmm(change + offsetAfter * 1000),
  };
}

/** A wall time at the place as UTC, taking the earlier reading of an ambiguous time and the old offset in a gap. */
function lenientUtc(
  date: string,
  time: string,
  timeZone: string,
  resolution = resolveLocalTime(date, time, timeZone),
): { utc: Date; offsetSeconds: number; assumed?: 'gap' | 'ambiguous' } {
  const wall = wallClockMs(date, time);
  if (resolution.kind === 'exact') return { utc: resolution.utc, offsetSeconds: resolution.offsetSeconds };
  const offset = resolution.kind === 'gap' ? resolution.offsetBefore : resolution.offsets[0];
  return { utc: new Date(wall - offset * 1000), offsetSeconds: offset, assumed: resolution.kind };
}

/**
 * The birth instant. A time the person pinned with an offset ("01:30+02:00") is taken as given; an
 * unknown time becomes local noon. A local time inside a clock change should have been asked back by
 * the generator's review; if it was not, the earlier reading is used and `assumed` records it.
 */
export function birthMoment(answers: BirthAnswers): BirthMoment {
  const { date, time, place } = answers;
  if (time.kind === 'offset') {
    const utc = new Date(wallClockMs(date, time.time) - time.offsetSeconds * 1000);
    return { utc, offsetSeconds: time.offsetSeconds, local: `${date}T${time.time}`, timeKnown: true };
  }
  if (time.kind === 'local') {
    const { utc, offsetSeconds, assumed } = lenientUtc(date, time.time, place.tz, resolveBirthTime(answers, time.time));
    return { utc, offsetSeconds, local: `${date}T${time.time}`, timeKnown: true, ...(assumed ? { assumed } : {}) };
  }
  const noon = lenientUtc(date, NOON, place.tz);
  const start = lenientUtc(date, '00:00', place.tz).utc;
  const nextDay = new Date(wallClockMs(date, '00:00') + 24 * HOUR_MS).toISOString().slice(0, 10);
  const end = new Date(lenientUtc(nextDay, '00:00', place.tz).utc.getTime() - 1000);
  return {
    utc: noon.utc,
    offsetSeconds: noon.offsetSeconds,
    local: `${date}T${NOON}`,
    timeKnown: false,
    day: { start, end },
  };
}
