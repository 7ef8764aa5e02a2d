import { describe, expect, it } from 'vitest';
import type { ParseContext } from './parser-types.js';
import { parsePlace } from './place.js';

const context = (language = 'en'): ParseContext => ({ language, now: new Date('2024-01-01T00:00:00Z'), validation: {} });

describe('parsePlace', () => {
  it('accepts Madrid with country code, English country name, region, coordinates and time zone', () => {
    const result = parsePlace('  madrid, spain ', context());
    if (result.kind !== 'accepted') throw new Error(`expected accepted, got ${result.kind}`);
    const { lat, lon, ...rest } = result.value as Record<string, unknown>;
    expect(rest).toEqual({ name: 'Madrid', country: 'ES', country_name: 'Spain', region: 'Community of Madrid', tz: 'Europe/Madrid' });
    expect(lat).toBeCloseTo(40.42, 1);
    expect(lon).toBeCloseTo(-3.7, 1);
  });

  it('offers the Springfields as labelled options ranked by population', () => {
    const result = parsePlace('Springfield', context());
    if (result.kind !== 'clarify') throw new Error(`expected clarify, got ${result.kind}`);
    expect(result.question).toEqual({ key: 'places:ambiguous', vars: { place: 'Springfield' } });
    expect(result.options.length).toBeGreaterThanOrEqual(3);
    expect(result.options.length).toBeLessThanOrEqual(5);
    expect(result.options.slice(0, 3).map((o) => o.label)).toEqual([
      'Springfield, Missouri, US',
      'Springfield, Massachusetts, US',
      'Springfield, Illinois, US',
    ]);
    expect(result.options[2]?.value).toMatchObject({ name: 'Springfield', country: 'US', region: 'Illinois', tz: 'America/Chicago' });
    expect(new Set(result.options.map((o) => o.label)).size).toBe(result.options.length);
  });

  it('labels options with region names in Spanish for a Spanish session', () => {
    const result = parsePlace('Valencia', context('es'));
    if (result.kind !== 'clarify') throw new Error(`expected clarify, got ${result.kind}`);
    expect(result.options.map((o) => o.label)).toContain('Valencia, Comunidad Valenciana, ES');
  });

  it('accepts Sao Paulo typed without accents, stored with them', () => {
    expect(parsePlace('Sao Paulo', context())).toMatchObject({
      kind: 'accepted',
      value: { name: 'São Paulo', country: 'BR', tz: 'America/Sao_Paulo' },
    });
  });

  it('accepts a one-letter typo in a long name', () => {
    expect(parsePlace('Barcelnoa, Spain', context())).toMatchObject({ kind: 'accepted', value: { name: 'Barcelona', country: 'ES' } });
  });

  it('rejects an unknown place with a hint naming what was typed', () => {
    expect(parsePlace('Xyzzyville', context())).toEqual({
      kind: 'rejected',
      reason: { key: 'places:unknown', vars: { place: 'Xyzzyville' } },
    });
  });

  it('rejects a name that does not exist in the country given', () => {
    expect(parsePlace('Springfield, Spain', context())).toEqual({
      kind: 'rejected',
      reason: { key: 'places:not_in_region', vars: { place: 'Springfield, Spain', region: 'Spain' } },
    });
  });

  it('rejects an answer with no letters', () => {
    expect(parsePlace('12345', context())).toEqual({ kind: 'rejected', reason: { key: 'places:unreadable' } });
  });
});
