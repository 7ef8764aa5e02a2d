import type { PlaceRecord } from './gazetteer-data.js';
import { normalizePlaceName } from './normalize-place-name.js';
import { oneEditVariants } from './one-edit-variants.js';
import { placeIndex, type PlaceIndex } from './place-index.js';

/** What a free-text place answer resolves to. */
export type PlaceSearch =
  | { kind: 'found'; place: PlaceRecord; corrected: boolean }
  /** Several real candidates, largest first (at most MAX_CHOICES). */
  | { kind: 'ambiguous'; places: PlaceRecord[] }
  /** Nothing by that name; `qualifier` is set when the name exists but not in the country/region given. */
  | { kind: 'not_found'; qualifier?: string };

/** A candidate wins outright when it is this many times larger than the next one (Madrid, Spain vs Madrid, Colombia). */
const DOMINANCE = 10;
const MAX_CHOICES = 5;
/** Typos are only forgiven in names this long (letters, spaces not counted). */
const MIN_LETTERS_FOR_TYPO = 5;

/** "I was born in Madrid", "nací en Sevilla": words before the place, tried only when the whole answer is no place. */
const LEAD_IN = /^\s*(?:i\s+was\s+born\s+in|born\s+in|i\s*'?\s*a?m\s+from|from|in|yo\s+nac[ií]\s+en|nac[ií]\s+en|soy\s+de|en)\s+/iu;
const SEPARATORS = /[,;/()]|\s+-\s+/u;

interface Query {
  name: string;
  /** Normalized qualifiers with the text the person typed (for messages). */
  qualifiers: Array<{ key: string; typed: string }>;
}

function lookup(index: PlaceIndex, name: string): PlaceRecord[] {
  const places = index.gazetteer.places;
  return (index.byName.get(name) ?? []).flatMap((i) => places[i] ?? []);
}

function isQualifier(index: PlaceIndex, text: string): boolean {
  return index.countries.has(text) || index.regions.has(text);
}

/** Reads "city, region, country", or "city country" without commas when the tail is a known country or region. */
function splitQuery(index: PlaceIndex, text: string): Query {
  const parts = text.split(SEPARATORS).map((typed) => ({ key: normalizePlaceName(typed), typed: typed.trim() }));
  const [first, ...qualifiers] = parts.filter((part) => part.key);
  const name = first?.key ?? '';
  if (qualifiers.length > 0 || index.byName.has(name)) return { name, qualifiers };
  const words = name.split(' ');
  for (let k = Math.min(3, words.length - 1); k >= 1; k -= 1) {
    const head = words.slice(0, -k).join(' ');
    const tail = words.slice(-k).join(' ');
    if (isQualifier(index, tail) && index.byName.has(head)) return { name: head, qualifiers: [{ key: tail, typed: tail }] };
  }
  return { name, qualifiers };
}

/** Place names one typo away, for names long enough that a typo is not another word. */
function fuzzyLookup(index: PlaceIndex, name: string): PlaceRecord[] {
  if (!/^[a-z ]+$/u.test(name) || name.replace(/ /gu, '').length < MIN_LETTERS_FOR_TYPO) return [];
  const seen = new Set<PlaceRecord>();
  for (const variant of oneEditVariants(name)) for (const place of lookup(index, variant)) seen.add(place);
  return [...seen].sort((a, b) => b.population - a.population);
}

/** The known meaning of a qualifier ("spain", "il", "illinois"), forgiving one typo in long words ("spian"). */
function resolveQualifier(index: PlaceIndex, qualifier: string): string | undefined {
  if (isQualifier(index, qualifier)) return qualifier;
  if (qualifier.replace(/ /gu, '').length < MIN_LETTERS_FOR_TYPO || !/^[a-z ]+$/u.test(qualifier)) return undefined;
  for (const variant of oneEditVariants(qualifier)) if (isQualifier(index, variant)) return variant;
  return undefined;
}

function matchesQualifier(index: PlaceIndex, place: PlaceRecord, qualifier: string): boolean {
  return (
    (index.countries.get(qualifier)?.has(place.country) ?? false) ||
    (index.regions.get(qualifier)?.has(`${place.country}.${place.admin1}`) ?? false)
  );
}

function decide(candidates: PlaceRecord[], corrected: boolean): PlaceSearch {
  const [first, second] = candidates;
  if (!first) return { kind: 'not_found' };
  if (!second || first.population >= DOMINANCE * Math.max(second.population, 1)) {
    return { kind: 'found', place: first, corrected };
  }
  // Hamlets a hundred times smaller than the largest candidate are not worth offering.
  const choices = candidates.filter((place) => place.population * 100 >= first.population);
  return { kind: 'ambiguous', places: choices.slice(0, MAX_CHOICES) };
}

function search(index: PlaceIndex, text: string): PlaceSearch {
  const whole = normalizePlaceName(text);
  const exactWhole = lookup(index, whole);
  if (exactWhole.length > 0) return decide(exactWhole, false);
  const query = splitQuery(index, text);
  let candidates = lookup(index, query.name);
  const corrected = candidates.length === 0;
  if (corrected) candidates = fuzzyLookup(index, query.name);
  if (candidates.length === 0) return { kind: 'not_found' };
  for (const { key, typed } of query.qualifiers) {
    // A qualifier that names no known country or region ("Europe", "near the coast") is ignored.
    const qualifier = resolveQualifier(index, key);
    if (qualifier === undefined) continue;
    candidates = candidates.filter((place) => matchesQualifier(index, place, qualifier));
    if (candidates.length === 0) return { kind: 'not_found', qualifier: typed };
  }
  return decide(candidates, corrected);
}

/**
 * Resolves a place answer against the offline gazetteer: exact names in any language the data has,
 * accents optional, "city, region, country" qualifiers, and one typo in names of 5+ letters.
 */
export function findPlaces(text: string, index: PlaceIndex = placeIndex()): PlaceSearch {
  const first = search(index, text);
  if (first.kind !== 'not_found' || first.qualifier !== undefined) return first;
  const withoutLeadIn = text.replace(LEAD_IN, '');
  return withoutLeadIn === text ? first : search(index, withoutLeadIn);
}
