import { describe, expect, it } from 'vitest';
import { isKnownTimeZone } from '../profiles/birth-chart/local-time.js';
import { parseGazetteer, readGazetteer } from './gazetteer-data.js';
import { buildPlaceIndex } from './place-index.js';
import { findPlaces } from './find-places.js';

const SAMPLE = [
  'Z\tEurope/Madrid\tAmerica/Chicago',
  'C\tES\tESP',
  'C\tUS\tUSA',
  'R\tES.29\tMD\tCommunity of Madrid\tComunidad de Madrid\t',
  'R\tUS.IL\tIL\tIllinois\t\t',
  'Madrid\tMatritum|Madrit\tES\t29\t40.417\t-3.703\t3255944\t0',
  'Springfield\t\tUS\tIL\t39.802\t-89.644\t116565\t1',
  'Springfield\t\tUS\tMO\t37.215\t-93.298\t166810\t1',
].join('\n');

describe('parseGazetteer', () => {
  const gazetteer = parseGazetteer(SAMPLE);

  it('reads places with their zone, regions and alpha-3 codes', () => {
    expect(gazetteer.places).toHaveLength(3);
    expect(gazetteer.places[0]).toEqual({
      name: 'Madrid',
      alternates: ['Matritum', 'Madrit'],
      country: 'ES',
      admin1: '29',
      lat: 40.417,
      lon: -3.703,
      population: 3255944,
      tz: 'Europe/Madrid',
    });
    expect(gazetteer.places[1]?.tz).toBe('America/Chicago');
    expect(gazetteer.regions.get('ES.29')).toEqual({ iso: 'MD', en: 'Community of Madrid', es: 'Comunidad de Madrid', others: [] });
    expect(gazetteer.alpha3.get('US')).toBe('USA');
  });

  it('feeds an index that finds by alternate name and qualifies by ISO region code', () => {
    const index = buildPlaceIndex(gazetteer);
    expect(findPlaces('Matritum', index)).toMatchObject({ kind: 'found', place: { name: 'Madrid' } });
    expect(findPlaces('Springfield', index)).toMatchObject({ kind: 'ambiguous' });
    expect(findPlaces('Springfield, IL', index)).toMatchObject({ kind: 'found', place: { admin1: 'IL' } });
    expect(findPlaces('Madrid, USA', index)).toEqual({ kind: 'not_found', qualifier: 'USA' });
  });
});

describe('the shipped gazetteer', () => {
  const gazetteer = readGazetteer();

  it('holds over 100,000 places, each with coordinates and a time zone ICU knows', () => {
    expect(gazetteer.places.length).toBeGreaterThan(100_000);
    const zones = new Set(gazetteer.places.map((p) => p.tz));
    expect([...zones].filter((zone) => !isKnownTimeZone(zone))).toEqual([]);
    const bad = gazetteer.places.filter((p) => !(Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180 && /^[A-Z]{2}$/u.test(p.country)));
    expect(bad).toEqual([]);
  });

  it('names the region of almost every place', () => {
    const missing = gazetteer.places.filter((p) => !gazetteer.regions.has(`${p.country}.${p.admin1}`)).length;
    expect(missing / gazetteer.places.length).toBeLessThan(0.01);
  });
});
