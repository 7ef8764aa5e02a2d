const ALPHABET = 'abcdefghijklmnopqrstuvwxyz ';

/**
 * Every string one edit away from `word` (deletion, swap of neighbours, substitution, insertion over
 * a-z and space), for looking typos up in a hash map instead of scanning the whole gazetteer.
 * Only for normalized Latin text; about 55 variants per letter.
 */
export function oneEditVariants(word: string): Set<string> {
  const variants = new Set<string>();
  for (let i = 0; i <= word.length; i += 1) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail.length > 0) variants.add(head + tail.slice(1));
    if (tail.length > 1) variants.add(head + tail.charAt(1) + tail.charAt(0) + tail.slice(2));
    for (const letter of ALPHABET) {
      if (tail.length > 0 && letter !== tail.charAt(0)) variants.add(head + letter + tail.slice(1));
      variants.add(head + letter + tail);
    }
  }
  variants.delete(word);
  return variants;
}
