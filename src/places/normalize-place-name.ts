/** Letters that Unicode does not decompose into a base letter plus an accent. */
const FOLDED: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * The key a place name is indexed and looked up by: lower case, Latin accents removed ("São Paulo" and
 * "Sao Paulo" meet), punctuation and dashes turned into single spaces ("Saint-Étienne" = "saint etienne").
 * Only combining marks of the Latin block are dropped, so Devanagari vowel signs survive.
 */
export function normalizePlaceName(text: string): string {
  if (/^[A-Za-z]+(?: [A-Za-z]+)*$/u.test(text)) return text.toLowerCase(); // most names: nothing to fold
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/gu, (c) => FOLDED[c] ?? c)
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}
