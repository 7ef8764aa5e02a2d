import { describe, expect, it } from 'vitest';
import { formatOffset, isKnownTimeZone, resolveLocalTime, utcOffsetSeconds } from './local-time.js';

describe('resolveLocalTime', () => {
  it('converts an ordinary local time with the offset in force that day (winter and summer in Madrid)', () => {
    expect(resolveLocalTime('1990-03-05', '07:30', 'Europe/Madrid')).toEqual({
      kind: 'exact',
      utc: new Date('1990-03-05T06:30:00Z'),
      offsetSeconds: 3600,
    });
    expect(resolveLocalTime('1990-07-05', '07:30', 'Europe/Madrid')).toMatchObject({ utc: new Date('1990-07-05T05:30:00Z') });
  });

  it('finds the spring-forward gap: 02:30 did not exist in Madrid on 2021-03-28', () => {
    expect(resolveLocalTime('2021-03-28', '02:30', 'Europe/Madrid')).toEqual({ kind: 'gap', offsetBefore: 3600, offsetAfter: 7200 });
    expect(resolveLocalTime('2021-03-28', '01:59', 'Europe/Madrid').kind).toBe('exact');
    expect(resolveLocalTime('2021-03-28', '03:00', 'Europe/Madrid').kind).toBe('exact');
  });

  it('finds the fall-back overlap: 01:30 happened twice in New York on 2021-11-07, EDT first', () => {
    expect(resolveLocalTime('2021-11-07', '01:30', 'America/New_York')).toEqual({ kind: 'ambiguous', offsets: [-14400, -18000] });
    expect(resolveLocalTime('2021-11-07', '02:30', 'America/New_York')).toMatchObject({ kind: 'exact', offsetSeconds: -18000 });
  });

  it('uses the rules of the date, not today: US DST started in April before 2007', () => {
    expect(resolveLocalTime('2005-03-13', '02:30', 'America/New_York').kind).toBe('exact');
    expect(resolveLocalTime('2005-04-03', '02:30', 'America/New_York').kind).toBe('gap');
  });

  it('uses local mean time before standard time (Madrid, 1900: -00:14:44)', () => {
    const result = resolveLocalTime('1900-01-01', '12:00', 'Europe/Madrid');
    expect(result).toEqual({ kind: 'exact', utc: new Date('1900-01-01T12:14:44Z'), offsetSeconds: -884 });
  });
});

describe('offset helpers', () => {
  it('reads offsets and formats them, with seconds only when needed', () => {
    expect(utcOffsetSeconds('Asia/Kolkata', Date.UTC(2000, 0, 1))).toBe(19800);
    expect(formatOffset(19800)).toBe('+05:30');
    expect(formatOffset(-18000)).toBe('-05:00');
    expect(formatOffset(-884)).toBe('-00:14:44');
  });

  it('tells known zones from unknown ones', () => {
    expect(isKnownTimeZone('Europe/Madrid')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
