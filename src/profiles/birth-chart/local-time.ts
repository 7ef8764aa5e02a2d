/**
 * Local wall-clock time at a place -> UTC, with the IANA rules in force on that date (Node's full ICU:
 * daylight saving, historical offsets and local mean time before standard time). Offsets are in seconds
 * because local mean time is not a whole number of minutes (Madrid before 1901: -00:14:44).
 */
export type LocalTimeResolution =
  | { kind: 'exact'; utc: Date; offsetSeconds: number }
  /** The clocks jumped over this time (spring forward): the offsets just before and just after. */
  | { kind: 'gap'; offsetBefore: number; offsetAfter: number }
  /** The clocks went back over this time: it happened twice, first with `offsets[0]`, then with `offsets[1]`. */
  | { kind: 'ambiguous'; offsets: [number, number] };

const HOUR_MS = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether ICU knows the zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** "3/5/1990, 08:30:00" as formatter() writes it (en-US, h23): month, day, year, hour, minute, second. */
const WALL_CLOCK = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/;

/** UTC offset (seconds east of Greenwich) of `timeZone` at the instant `ms` (epoch milliseconds). */
export function utcOffsetSeconds(timeZone: string, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  // format() and one regex: half the cost of formatToParts, which builds an object per part.
  const parts = WALL_CLOCK.exec(formatter(timeZone).format(new Date(whole)));
  if (!parts) throw new Error(`unexpected wall-clock format for ${timeZone}`);
  const [, month = '1', day = '1', year = '1970', hour = '0', minute = '0', second = '0'] = parts;
  const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  // Date.UTC maps years 0-99 to 1900-1999 (as wallClockMs guards); the instants asked about are 1900 or later.
  return Math.round((wall - whole) / 1000);
}

/** Epoch milliseconds of a wall-clock reading taken as if it were UTC. */
export function wallClockMs(date: string, time: string): number {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const [hh = 0, mm = 0] = time.split(':').map(Number);
  const ms = Date.UTC(y, m - 1, d, hh, mm);
  // Date.UTC maps years 0-99 to 1900-1999; birth dates here are 1900 or later, so this only guards misuse.
  return y < 100 ? new Date(ms).setUTCFullYear(y) : ms;
}

/**
 * Resolves "YYYY-MM-DD" + "HH:MM" at `timeZone`. Every offset in force within a day and a half either
 * side is tried: the ones that map the wall time back onto itself are the real instants (none in a
 * spring-forward gap, two in a fall-back overlap).
 */
export function resolveLocalTime(date: string, time: string, timeZone: string): LocalTimeResolution {
  const wall = wallClockMs(date, time);
  const before = utcOffsetSeconds(timeZone, wall - 36 * HOUR_MS);
  const after = utcOffsetSeconds(timeZone, wall + 36 * HOUR_MS);
  const candidates = new Set([before, utcOffsetSeconds(timeZone, wall), after]);
  const valid = [...candidates].filter((offset) => utcOffsetSeconds(timeZone, wall - offset * 1000) === offset);
  // Earlier instant first: the larger offset puts the same wall time earlier in UTC.
  valid.sort((a, b) => b - a);
  const [first, second] = valid;
  if (first === undefined) return { kind: 'gap', offsetBefore: before, offsetAfter: after };
  if (second !== undefined) return { kind: 'ambiguous', offsets: [first, second] };
  return { kind: 'exact', utc: new Date(wall - first * 1000), offsetSeconds: first };
}

/** "+02:00", "-05:00", "-00:14:44" (seconds only when local mean time needs them). */
export function formatOffset(offsetSeconds: number): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(offsetSeconds);
  const hh = String(Math.floor(abs / 3600)).padStart(2, '0');
  const mm = String(Math.floor((abs % 3600) / 60)).padStart(2, '0');
  const ss = abs % 60;
  return `${sign}${hh}:${mm}${ss ? `:${String(ss).padStart(2, '0')}` : ''}`;
}
