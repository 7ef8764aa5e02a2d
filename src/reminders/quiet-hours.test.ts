import { describe, expect, it } from 'vitest';
import { outsideQuietHours, parseQuietHours } from './quiet-hours.js';

const NIGHT = parseQuietHours('21:00-09:00');

describe('quiet hours', () => {
  it('reads HH:MM-HH:MM and refuses anything else', () => {
    expect(parseQuietHours('21:30-08:15')).toEqual({ start: 21 * 60 + 30, end: 8 * 60 + 15 });
    expect(() => parseQuietHours('9pm-8am')).toThrow(/21:00-09:00/);
    expect(() => parseQuietHours('25:00-08:00')).toThrow();
  });

  it('lets a nudge due in the day go at once, in the person\'s zone', () => {
    const noonInMadrid = new Date('2030-01-15T11:00:00Z');
    expect(outsideQuietHours(noonInMadrid, 'Europe/Madrid', NIGHT)).toEqual(noonInMadrid);
  });

  it('moves a nudge due at night to the end of the quiet hours, across midnight', () => {
    // 23:30 in Madrid (UTC+1 in January) -> 09:00 the next morning, 08:00 UTC.
    expect(outsideQuietHours(new Date('2030-01-15T22:30:00Z'), 'Europe/Madrid', NIGHT)).toEqual(new Date('2030-01-16T08:00:00Z'));
    // 06:10 in Tokyo (UTC+9) -> 09:00 the same morning.
    expect(outsideQuietHours(new Date('2030-01-15T21:10:00Z'), 'Asia/Tokyo', NIGHT)).toEqual(new Date('2030-01-16T00:00:00Z'));
  });

  it('uses the zone, not the server\'s clock: the same instant is night in one zone and day in another', () => {
    const at = new Date('2030-06-01T12:00:00Z');
    expect(outsideQuietHours(at, 'Europe/London', NIGHT)).toEqual(at); // 13:00 BST
    expect(outsideQuietHours(at, 'Asia/Tokyo', NIGHT)).toEqual(new Date('2030-06-02T00:00:00Z')); // 21:00 -> 09:00
    expect(outsideQuietHours(at, 'America/New_York', NIGHT)).toEqual(new Date('2030-06-01T13:00:00Z')); // 08:00 -> 09:00
  });

  it('keeps to the local morning across a daylight-saving change', () => {
    // 27 October 2030 in Berlin: clocks go back from 03:00 to 02:00. 23:00 CEST -> 09:00 CET = 08:00 UTC.
    expect(outsideQuietHours(new Date('2030-10-26T21:00:00Z'), 'Europe/Berlin', NIGHT)).toEqual(new Date('2030-10-27T08:00:00Z'));
    // The night of 30-31 March 2030 in Berlin: clocks go from 02:00 to 03:00. 22:00 CET -> 09:00 CEST = 07:00 UTC.
    expect(outsideQuietHours(new Date('2030-03-30T21:00:00Z'), 'Europe/Berlin', NIGHT)).toEqual(new Date('2030-03-31T07:00:00Z'));
  });

  it('has no quiet hours when start and end are equal, and handles a range inside one day', () => {
    const at = new Date('2030-01-15T23:00:00Z');
    expect(outsideQuietHours(at, 'UTC', parseQuietHours('00:00-00:00'))).toEqual(at);
    expect(outsideQuietHours(new Date('2030-01-15T13:30:00Z'), 'UTC', parseQuietHours('13:00-14:00'))).toEqual(new Date('2030-01-15T14:00:00Z'));
  });
});
