import { accepted, rejected, type AnswerParser } from './parser-types.js';
import { readPersonName } from './person-name.js';

const DEFAULT_MIN = 1;
const DEFAULT_MAX = 200;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Printable ASCII: one character is one grapheme, nothing to segment. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/u;

/** Characters as a person counts them (one per grapheme), so Devanagari or emoji are not overcounted. */
function visibleLength(text: string): number {
  if (PLAIN_ASCII.test(text)) return text.length;
  let count = 0;
  for (const _ of graphemes.segment(text)) count += 1;
  return count;
}

/** A pattern from the flow file, or null when it does not compile (the flow loader should catch that first). */
function compile(pattern: string | undefined): RegExp | null {
  if (pattern === undefined) return null;
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return null;
  }
}

/**
 * Free text, trimmed with inner whitespace collapsed; control characters are dropped because they
 * come from pasted text and would end up in profiles. `pattern` is searched like JSON Schema's
 * (not anchored): a flow that wants the whole answer to match writes ^...$.
 */
export const parseText: AnswerParser = (text, context) => {
  const clean = text.replace(/\p{Cc}/gu, ' ').replace(/\s+/gu, ' ').trim();
  const min = context.validation.min_length ?? DEFAULT_MIN;
  const max = context.validation.max_length ?? DEFAULT_MAX;
  const length = visibleLength(clean);
  // `count` picks the plural form of the message ("1 character", "5 characters").
  if (length < min) return rejected('parsers:text.too_short', { min, count: min });
  if (length > max) return rejected('parsers:text.too_long', { max, count: max });
  if (context.personName) {
    const name = readPersonName(clean);
    if (name === null) return rejected('parsers:text.not_a_name');
    return accepted(name);
  }
  const pattern = compile(context.validation.pattern);
  if (pattern && !pattern.test(clean)) return rejected('parsers:text.pattern');
  return accepted(clean);
};
