/** Any character outside ASCII, which has nothing to decompose or compose and no accents. */
const NOT_ASCII = /[^\p{ASCII}]/u;

/**
 * Lower-case, accents removed from Latin letters, punctuation at the ends dropped, spaces collapsed: for
 * matching words. Marks of other scripts stay: a Devanagari vowel sign is a letter, not an accent.
 */
export function normalizeWords(text: string): string {
  const composed = NOT_ASCII.test(text) ? text.normalize('NFKD').replace(/(\p{Script=Latin})\p{M}+/gu, '$1').normalize('NFC') : text;
  return composed
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '')
    .trim();
}
