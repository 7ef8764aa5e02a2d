import { findPlaces } from '../../places/find-places.js';
import type { PlaceRecord } from '../../places/gazetteer-data.js';
import { normalizePlaceName } from '../../places/normalize-place-name.js';
import { placeLabel, toResolvedPlace } from '../../places/resolved-place.js';
import { accepted, rejected, type AnswerParser, type AnswerValue } from './parser-types.js';

/** Longest answer read as a place. */
export const MAX_PLACE_LENGTH = 160;

/**
 * The stored form: { name, country, country_name, region?, lat, lon, tz, said_name? }. `said_name` is the place's
 * own name as the person wrote it ("München", "Lisboa") when it is one of the gazetteer's other names for it, so
 * the bot says it back that way instead of the English "Munich".
 */
function placeValue(place: PlaceRecord, typed?: string): AnswerValue {
  const value: { [key: string]: AnswerValue } = {};
  for (const [key, field] of Object.entries(toResolvedPlace(place))) {
    if (typeof field === 'string' || typeof field === 'number') value[key] = field;
  }
  const said = typed === undefined ? undefined : nameAsWritten(place, typed);
  if (said !== undefined) value.said_name = said;
  return value;
}

interface PlaceName {
  name: string;
  lower: string;
  normalized: string;
}

/**
 * A place's own name and its other names, each lower-cased and normalised, made once per place: a city has tens
 * of names in the data (London 50) and every answer naming it compared them all. The gazetteer's records live as
 * long as the process; only places people named get an entry.
 */
const placeNames = new WeakMap<PlaceRecord, readonly PlaceName[]>();

function namesOf(place: PlaceRecord): readonly PlaceName[] {
  let names = placeNames.get(place);
  if (!names) {
    names = [place.name, ...place.alternates].map((name) => ({ name, lower: name.toLowerCase(), normalized: normalizePlaceName(name) }));
    placeNames.set(place, names);
  }
  return names;
}

/** The name of `place` (its own or another in the data) that the text contains as whole words, longest first. */
function nameAsWritten(place: PlaceRecord, typed: string): string | undefined {
  const text = ` ${normalizePlaceName(typed)} `;
  const lower = typed.toLowerCase().normalize('NFC');
  const names = namesOf(place);
  const candidates = names.map((name) => ({ name, typed: lower.includes(name.lower) ? 1 : 0 }));
  // Longest first; of equal names ("München", "Munchen"), the one spelled as typed.
  candidates.sort((a, b) => b.name.name.length - a.name.name.length || b.typed - a.typed);
  const found = candidates.find(({ name }) => name.normalized.length > 0 && text.includes(` ${name.normalized} `))?.name;
  if (found === undefined || found.normalized === names[0]?.normalized) return undefined;
  return spelledAsTyped(typed, found.name) ?? found.name;
}

/** The words of `typed` that are `name` with the person's accents ("München" for the data's "Munchen"). */
function spelledAsTyped(typed: string, name: string): string | undefined {
  const words = typed.split(/[\s,]+/u).filter((w) => w.length > 0);
  const target = normalizePlaceName(name);
  const size = target.split(' ').length;
  for (let i = 0; i + size <= words.length; i += 1) {
    const phrase = words.slice(i, i + size).join(' ');
    if (normalizePlaceName(phrase) !== target) continue;
    // Typed all in lower case: capitalised as a name is.
    return phrase === phrase.toLowerCase() ? phrase.replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, letter: string) => sep + letter.toUpperCase()) : phrase;
  }
  return undefined;
}

/**
 * A birth place, resolved offline against the GeoNames gazetteer (src/places): accepted with its
 * coordinates and IANA time zone, a choice of the largest candidates when the name is shared by
 * comparable places ("Springfield"), or re-asked with a hint when nothing matches.
 */
export const parsePlace: AnswerParser = (text, context) => {
  const typed = text.replace(/\p{Cc}/gu, ' ').replace(/\s+/gu, ' ').trim();
  // Lookup cost grows with the square of the length; no place name with its region and country is longer.
  if (!/\p{L}/u.test(typed) || typed.length > MAX_PLACE_LENGTH) return rejected('places:unreadable');
  const result = findPlaces(typed);
  switch (result.kind) {
    case 'found':
      // A name found by correcting a typo is not the person's spelling: the data's own name is said back then.
      return accepted(placeValue(result.place, result.corrected ? undefined : typed));
    case 'ambiguous': {
      // Largest first; two places with the same label (same name in the same region) are offered once.
      const options = new Map<string, AnswerValue>();
      for (const place of result.places) {
        const label = placeLabel(place, context.language);
        if (!options.has(label)) options.set(label, placeValue(place));
      }
      return {
        kind: 'clarify',
        question: { key: 'places:ambiguous', vars: { place: result.places[0]?.name ?? typed } },
        options: [...options].map(([label, value]) => ({ label, value })),
      };
    }
    case 'not_found':
      return result.qualifier === undefined
        ? rejected('places:unknown', { place: typed })
        : rejected('places:not_in_region', { place: typed, region: result.qualifier });
  }
};
