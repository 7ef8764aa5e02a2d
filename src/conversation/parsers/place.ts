import { findPlaces } from '../../places/find-places.js';
import type { PlaceRecord } from '../../places/gazetteer-data.js';
import { placeLabel, toResolvedPlace } from '../../places/resolved-place.js';
import { accepted, rejected, type AnswerParser, type AnswerValue } from './parser-types.js';

/** Longest answer read as a place. */
export const MAX_PLACE_LENGTH = 160;

/** The stored form: { name, country, country_name, region?, lat, lon, tz }. */
function placeValue(place: PlaceRecord): AnswerValue {
  const value: { [key: string]: AnswerValue } = {};
  for (const [key, field] of Object.entries(toResolvedPlace(place))) {
    if (typeof field === 'string' || typeof field === 'number') value[key] = field;
  }
  return value;
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
      return accepted(placeValue(result.place));
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
