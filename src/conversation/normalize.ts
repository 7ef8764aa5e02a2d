/**
 * Lower-case, accents removed from Latin letters, punctuation at the ends dropped, spaces collapsed: for
 * matching words. Marks of other scripts stay: a Devanagari vowel sign is a letter, not an accent.
 */
export function normalizeWords(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '')
    .trim();
}
