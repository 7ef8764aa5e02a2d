import { describe, expect, it } from 'vitest';
import { findPlaces, type PlaceSearch } from './find-places.js';

function found(search: PlaceSearch) {
  if (search.kind !== 'found') throw new Error(`expected a single place, got ${JSON.stringify(search).slice(0, 300)}`);
  return search.place;
}

describe('findPlaces (real gazetteer)', () => {
  it('finds Madrid, Spain by its name alone: the Spanish capital dwarfs the other Madrids', () => {
    const madrid = found(findPlaces('Madrid'));
    expect(madrid).toMatchObject({ name: 'Madrid', country: 'ES', tz: 'Europe/Madrid' });
    expect(madrid.lat).toBeCloseTo(40.42, 1);
    expect(madrid.lon).toBeCloseTo(-3.7, 1);
  });

  it.each(['madrid, spain', 'Madrid, ES', 'Madrid, España', 'MADRID ESPAÑA', 'Madrid (Spain)', 'madrid, esp'])(
    'reads the country qualifier in %s',
    (text) => expect(found(findPlaces(text))).toMatchObject({ name: 'Madrid', country: 'ES' }),
  );

  it('a qualifier picks the smaller namesake', () => {
    expect(found(findPlaces('Madrid, Colombia'))).toMatchObject({ country: 'CO', tz: 'America/Bogota' });
    expect(found(findPlaces('Paris, Texas'))).toMatchObject({ country: 'US', admin1: 'TX', tz: 'America/Chicago' });
    expect(found(findPlaces('London, Ontario'))).toMatchObject({ country: 'CA', tz: 'America/Toronto' });
  });

  it('Springfield is ambiguous: the largest ones first, at most five', () => {
    const search = findPlaces('Springfield');
    expect(search.kind).toBe('ambiguous');
    if (search.kind !== 'ambiguous') return;
    expect(search.places.length).toBeGreaterThanOrEqual(3);
    expect(search.places.length).toBeLessThanOrEqual(5);
    expect(search.places.map((p) => p.admin1).slice(0, 3)).toEqual(['MO', 'MA', 'IL']);
    const populations = search.places.map((p) => p.population);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
  });

  it.each([
    ['Springfield, IL', 'IL'],
    ['Springfield, Illinois', 'IL'],
    ['springfield illinois', 'IL'],
    ['Springfield, Massachusetts, USA', 'MA'],
  ])('a region resolves %s', (text, admin1) => {
    expect(found(findPlaces(text))).toMatchObject({ name: 'Springfield', country: 'US', admin1 });
  });

  it('accents are optional: Sao Paulo and São Paulo are the same place', () => {
    const plain = found(findPlaces('Sao Paulo'));
    expect(plain).toMatchObject({ name: 'São Paulo', country: 'BR', tz: 'America/Sao_Paulo' });
    expect(found(findPlaces('São Paulo'))).toBe(plain);
    expect(found(findPlaces('sao paulo, brasil'))).toBe(plain);
  });

  it('forgives one typo in names of five letters or more', () => {
    const madird = findPlaces('Madird');
    expect(madird).toMatchObject({ kind: 'found', corrected: true });
    expect(found(madird)).toMatchObject({ name: 'Madrid', country: 'ES' });
    expect(found(findPlaces('Lndon'))).toMatchObject({ name: 'London', country: 'GB' });
    expect(found(findPlaces('Buenos Aries'))).toMatchObject({ country: 'AR' });
    expect(found(findPlaces('Madrid, Spian'))).toMatchObject({ country: 'ES' });
  });

  it('does not guess at short names: no typo allowed under five letters', () => {
    expect(findPlaces('Rmoa').kind).toBe('not_found');
  });

  it('knows names in other languages the data has', () => {
    expect(found(findPlaces('Londres'))).toMatchObject({ name: 'London', country: 'GB' });
    expect(found(findPlaces('Nueva York'))).toMatchObject({ name: 'New York City', country: 'US' });
    expect(found(findPlaces('München'))).toMatchObject({ country: 'DE', tz: 'Europe/Berlin' });
    expect(found(findPlaces('Cologne'))).toMatchObject({ name: 'Köln' });
    expect(found(findPlaces('मुंबई'))).toMatchObject({ name: 'Mumbai', country: 'IN' });
  });

  it('skips lead-in words: "I was born in Sevilla", "nací en Bogotá"', () => {
    expect(found(findPlaces('I was born in Sevilla'))).toMatchObject({ name: 'Sevilla', country: 'ES' });
    expect(found(findPlaces('nací en Bogotá'))).toMatchObject({ name: 'Bogotá', country: 'CO' });
  });

  it('an unknown place is not found', () => {
    expect(findPlaces('Xyzzyville')).toEqual({ kind: 'not_found' });
    expect(findPlaces('qwertyuiop, asdf')).toEqual({ kind: 'not_found' });
  });

  it('a known name in the wrong country says which qualifier failed', () => {
    expect(findPlaces('Springfield, Spain')).toEqual({ kind: 'not_found', qualifier: 'Spain' });
  });

  it('ignores qualifiers that name no country or region', () => {
    expect(found(findPlaces('Madrid, Europe'))).toMatchObject({ country: 'ES' });
  });
});
