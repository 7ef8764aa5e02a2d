import { buildCountryNames } from './country-names.js';
import { readGazetteer, type Gazetteer } from './gazetteer-data.js';
import { normalizePlaceName } from './normalize-place-name.js';

/** Lookup tables over the gazetteer; built once per process. */
export interface PlaceIndex {
  gazetteer: Gazetteer;
  /** Normalized name (own or alternate) -> indexes into gazetteer.places, largest population first. */
  byName: ReadonlyMap<string, readonly number[]>;
  /** Normalized country qualifier -> ISO alpha-2 codes. */
  countries: ReadonlyMap<string, ReadonlySet<string>>;
  /** Normalized region qualifier ("illinois", "il", "comunidad de madrid") -> "CC.admin1" keys. */
  regions: ReadonlyMap<string, ReadonlySet<string>>;
}

function addTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

export function buildPlaceIndex(gazetteer: Gazetteer): PlaceIndex {
  const { places } = gazetteer;
  const byName = new Map<string, number[]>();
  places.forEach((place, i) => {
    addTo(byName, normalizePlaceName(place.name), i);
    for (const alternate of place.alternates) addTo(byName, normalizePlaceName(alternate), i);
  });
  for (const list of byName.values()) list.sort((a, b) => (places[b]?.population ?? 0) - (places[a]?.population ?? 0));

  const regionLists = new Map<string, string[]>();
  for (const [key, region] of gazetteer.regions) {
    const admin1 = key.slice(key.indexOf('.') + 1);
    const codes = [region.iso, admin1].filter((code) => /^[A-Za-z]{2,3}$/u.test(code));
    for (const name of [region.en, region.es ?? '', ...region.others, ...codes]) {
      const normalized = normalizePlaceName(name);
      if (normalized) addTo(regionLists, normalized, key);
    }
  }
  const regions = new Map([...regionLists].map(([name, keys]) => [name, new Set(keys)] as const));
  const countries = buildCountryNames(new Set(places.map((p) => p.country)), gazetteer.alpha3);
  return { gazetteer, byName, countries, regions };
}

let shared: PlaceIndex | undefined;

/** The process-wide index, read and built on first use (a few hundred ms, once). */
export function placeIndex(): PlaceIndex {
  shared ??= buildPlaceIndex(readGazetteer());
  return shared;
}
