import type { PlaceRecord } from './gazetteer-data.js';
import { placeIndex, type PlaceIndex } from './place-index.js';

/** A place as stored in the collected answers (and in the birth chart profile). */
export interface ResolvedPlace {
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** The country's English name. */
  country_name: string;
  /** First-level division in English (state, province...), when the data has it. */
  region?: string;
  lat: number;
  lon: number;
  /** IANA time zone. */
  tz: string;
}

function regionName(index: PlaceIndex, place: PlaceRecord, language: string): string | undefined {
  const region = index.gazetteer.regions.get(`${place.country}.${place.admin1}`);
  if (!region) return undefined;
  return language === 'es' ? (region.es ?? region.en) : region.en;
}

/** Intl.DisplayNames per language, made once: making one costs more than the lookup. */
const regionNames = new Map<string, Intl.DisplayNames | null>();
/** Names found, per language and code: ICU's lookup was 1.3% of the service's CPU under load (every place answer). */
const knownNames = new Map<string, Map<string, string>>();
/** Two capital letters: at most 676 codes per language are remembered, whatever a stored value holds. */
const REGION_CODE = /^[A-Z]{2}$/;

/** A country's name in a language ("ES" -> "Spain"), or the code when ICU has none. */
export function countryName(code: string, language: string): string {
  const known = knownNames.get(language)?.get(code);
  if (known !== undefined) return known;
  const name = lookUpCountryName(code, language);
  if (REGION_CODE.test(code)) {
    let names = knownNames.get(language);
    if (!names) knownNames.set(language, (names = new Map()));
    names.set(code, name);
  }
  return name;
}

function lookUpCountryName(code: string, language: string): string {
  let names = regionNames.get(language);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([language], { type: 'region' });
    } catch {
      names = null;
    }
    regionNames.set(language, names);
  }
  try {
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** The stored value for a gazetteer entry. `region` is omitted when unknown. */
export function toResolvedPlace(place: PlaceRecord, index: PlaceIndex = placeIndex()): ResolvedPlace {
  const region = regionName(index, place, 'en');
  return {
    name: place.name,
    country: place.country,
    country_name: countryName(place.country, 'en'),
    ...(region === undefined ? {} : { region }),
    lat: place.lat,
    lon: place.lon,
    tz: place.tz,
  };
}

/** How a candidate is shown to the person: "Springfield, Illinois, US". */
export function placeLabel(place: PlaceRecord, language: string, index: PlaceIndex = placeIndex()): string {
  const region = regionName(index, place, language);
  // "Tokyo, JP" rather than "Tokyo, Tokyo, JP".
  return [place.name, region === place.name ? undefined : region, place.country].filter(Boolean).join(', ');
}
