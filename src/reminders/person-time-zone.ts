import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { AnswerValue } from '../conversation/parsers/parser-types.js';
import { placeIndex } from '../places/place-index.js';

let countryZones: Map<string, string> | null = null;

/** Each country's time zone, taken from its most populous place in the gazetteer (loaded once, on first use). */
function zoneOfCountry(country: string): string | undefined {
  if (!countryZones) {
    const best = new Map<string, { tz: string; population: number }>();
    for (const place of placeIndex().gazetteer.places) {
      const seen = best.get(place.country);
      if (!seen || place.population > seen.population) best.set(place.country, { tz: place.tz, population: place.population });
    }
    countryZones = new Map([...best].map(([country, { tz }]) => [country, tz]));
  }
  return countryZones.get(country);
}

function placeZone(value: AnswerValue): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const tz = (value as Record<string, unknown>).tz;
  return typeof tz === 'string' && tz.length > 0 ? tz : undefined;
}

/**
 * The time zone to keep a person's quiet hours in: an answered place's (the first answer that carries a `tz`),
 * else the phone number's country's, else the flow's default.
 */
export function personTimeZone(answers: Readonly<Record<string, AnswerValue>>, phoneNumber: string | null, fallback: string): string {
  for (const value of Object.values(answers)) {
    const zone = placeZone(value);
    if (zone) return zone;
  }
  const country = phoneNumber ? parsePhoneNumberFromString(phoneNumber)?.country : undefined;
  return (country && zoneOfCountry(country)) ?? fallback;
}
