import { accepted, rejected, type AnswerParser } from './parser-types.js';
import { normalizeText } from './normalize.js';

const DEFAULT_MAX_LENGTH = 60;
const DEFAULT_MIN_ITEMS = 1;
const DEFAULT_MAX_ITEMS = 20;

/** Separators that always split: commas (also the ideographic and Arabic ones), semicolons, new lines, bullets. */
const SEPARATORS = /[,;\n\r、，،•·]+|\s+-\s+/u;
/** "and" between items, in the six languages. */
const CONJUNCTION = /\s+(?:and|y|e|et|und|और|aur|plus)\s+/iu;

/**
 * The items of a free-text list ("Python, SQL and public speaking"): split on separators and on "and" words,
 * each trimmed (with stray end punctuation), blanks dropped, and de-duplicated case- and accent-insensitively
 * keeping the first spelling. "and" always splits: "Research and Development" is two items, and people who
 * mean one write it with "&" ("Research & Development"), which never splits.
 */
export function listItems(text: string): string[] {
  const items = text
    .split(SEPARATORS)
    .flatMap((part) => part.split(CONJUNCTION))
    .map((item) => item.replace(/\p{Cc}/gu, ' ').replace(/\s+/gu, ' ').replace(/^[\s"'“”«»*-]+|[\s"'“”«».!?:]+$/gu, '').trim())
    .filter((item) => item !== '');
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = normalizeText(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A list of short free-text items (skills, tags), as an array of strings. */
export const parseList: AnswerParser = (text, context) => {
  const items = listItems(text);
  const maxLength = context.validation.max_length ?? DEFAULT_MAX_LENGTH;
  const minItems = context.validation.min_items ?? DEFAULT_MIN_ITEMS;
  const maxItems = context.validation.max_items ?? DEFAULT_MAX_ITEMS;
  const long = items.find((item) => [...item].length > maxLength);
  if (long) return rejected('parsers:list.item_too_long', { item: long, max: maxLength });
  if (items.length < minItems) return rejected('parsers:list.too_few', { count: minItems });
  if (items.length > maxItems) return rejected('parsers:list.too_many', { count: maxItems });
  return accepted(items);
};
