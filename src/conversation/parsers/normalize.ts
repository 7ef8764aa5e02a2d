/**
 * Text normalisation shared by the parsers: lower case, no Latin accents, one space between words,
 * Devanagari and full-width digits as ASCII. Devanagari vowel signs are kept (they are letters there,
 * not accents), so Hindi words still match.
 */

/** Latin combining accents only; Devanagari signs live in U+0900–U+097F and must survive. */
const LATIN_ACCENTS = /[\u0300-\u036f]/g;
const DEVANAGARI_ZERO = 0x0966;

/** What each non-ASCII character normalises to, learnt once per process (the set of characters is small). */
const normalizedChars = new Map<string, string>();

function normalizeChar(char: string): string {
  const code = char.charCodeAt(0);
  // ASCII, nearly every character people type: lower case is all there is to do.
  if (code < 0x80) return code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : char;
  const known = normalizedChars.get(char);
  if (known !== undefined) return known;
  const out = normalizeNonAscii(char);
  if (normalizedChars.size < 10_000) normalizedChars.set(char, out);
  return out;
}

function normalizeNonAscii(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code >= DEVANAGARI_ZERO && code <= DEVANAGARI_ZERO + 9) return String(code - DEVANAGARI_ZERO);
  if (char === 'ß') return 'ss';
  if (char === '’' || char === '‘' || char === '`' || char === '´') return "'";
  // NFKD turns "º" into "o", full-width digits into ASCII and splits accents off their letters.
  return char.toLowerCase().normalize('NFKD').replace(LATIN_ACCENTS, '').normalize('NFC');
}

/** Normalised text plus where each of its characters came from, to report spans in the original. */
export interface NormalizedText {
  text: string;
  /** Maps a span [start, end) of `text` back to the original string. */
  toOriginal(start: number, end: number): { start: number; end: number };
}

/** Printable ASCII words with single spaces between them: what most answers are ("5 March 1990", "Madrid"). */
const PLAIN_ASCII = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

export function normalizeWithMap(original: string): NormalizedText {
  return PLAIN_ASCII.test(original) ? plainAsciiText(original) : normalizeCharByChar(original);
}

/**
 * normalizeCharByChar's result for plain ASCII without building it: lower case is the only change, so every
 * character stays where it was. Its map gives a space the position of the character after it (as the general
 * one does, which writes a space when the next word starts) and every character the end after itself.
 */
function plainAsciiText(original: string): NormalizedText {
  const text = original.toLowerCase();
  return {
    text,
    toOriginal(start, end) {
      const s = Math.min(Math.max(start, 0), text.length - 1);
      const e = Math.min(Math.max(end - 1, s), text.length - 1);
      return { start: text[s] === ' ' ? s + 1 : s, end: e + 1 };
    },
  };
}

/** The general normalisation, one character at a time, with each character's origin. Exported for its test. */
export function normalizeCharByChar(original: string): NormalizedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let pendingSpace = false;
  let index = 0;
  for (const char of original) {
    const from = index;
    index += char.length;
    if (char === ' ' || /\s/u.test(char)) {
      pendingSpace = text.length > 0;
      continue;
    }
    const out = normalizeChar(char);
    if (out.length === 0) continue;
    if (pendingSpace) {
      text += ' ';
      starts.push(from);
      ends.push(from);
      pendingSpace = false;
    }
    for (const piece of out) {
      text += piece;
      for (let k = 0; k < piece.length; k += 1) {
        starts.push(from);
        ends.push(index);
      }
    }
  }
  return {
    text,
    toOriginal(start, end) {
      if (text.length === 0) return { start: 0, end: 0 };
      const s = Math.min(Math.max(start, 0), text.length - 1);
      const e = Math.min(Math.max(end - 1, s), text.length - 1);
      return { start: starts[s] ?? 0, end: ends[e] ?? original.length };
    },
  };
}

/** Lower-case, strip accents, collapse spaces (see normalizeWithMap). */
export function normalizeText(text: string): string {
  return normalizeWithMap(text).text;
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Word boundaries that also work for Devanagari, where `\b` does not (its letters are not \w). */
export const WORD_START = '(?<![\\p{L}\\p{M}\\p{N}])';
export const WORD_END = '(?![\\p{L}\\p{M}\\p{N}])';

/**
 * A regex alternation matching any of `phrases` as whole words, longest first so "twenty one" wins
 * over "twenty"; spaces inside a phrase also match hyphens ("dix-sept").
 */
export function phraseAlternation(phrases: Iterable<string>): string {
  const unique = [...new Set(phrases)].filter((p) => p.length > 0);
  unique.sort((a, b) => b.length - a.length);
  return unique.map((p) => escapeRegExp(normalizeText(p)).replace(/ /g, '[\\s-]+')).join('|');
}
