/** Letters that match their accented forms, so "atras" matches "atrás" and "cumpleanos" "cumpleaños". */
const LETTER_CLASSES: Record<string, string> = {
  a: '[aáàâäãå]',
  e: '[eéèêë]',
  i: '[iíìîï]',
  o: '[oóòôöõ]',
  u: '[uúùûü]',
  n: '[nñ]',
  c: '[cç]',
  y: '[yý]',
};

/** Devanagari consonants with a precomposed nukta form: "ज़" matches "ज" and both of its encodings. */
const NUKTA_FORMS: Record<string, string> = {
  'क': '\u0958', 'ख': '\u0959', 'ग': '\u095A', 'ज': '\u095B', 'ड': '\u095C', 'ढ': '\u095D', 'फ': '\u095E',
  'य': '\u095F', 'न': '\u0929', 'र': '\u0931', 'ळ': '\u0934',
};
const NUKTA = '\u093C';
/** Chandrabindu and anusvara, written interchangeably ("हाँ" / "हां"). */
const NASAL = /[\u0901\u0902]/u;

function escape(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Whether a character is a letter of the Latin script (whose accents are matched loosely). */
const LATIN = /\p{Script=Latin}/u;

/**
 * The regex source of a phrase that matches it case- and accent-insensitively, with any spacing, an optional
 * comma where a space is, and either apostrophe or none or a space ("je m appelle"). Used with the `iu` flags,
 * on text in NFC (see `matchable`). Accents are loose on Latin letters only, and
 * the German spellings without umlauts match ("aendere", "weiss"); the vowel signs of other scripts
 * (Devanagari matras) are part of the word, but a nukta is optional and chandrabindu matches anusvara.
 */
export function loosePhrase(phrase: string): string {
  // Spaces at the ends count: in "change my {{field}}" the literal "change my " ends with one.
  const chars = [...phrase.normalize('NFKD').toLowerCase().replace(/\s+/g, ' ')];
  let source = '';
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] ?? '';
    const previous = chars[i - 1] ?? '';
    if (char === ' ') source += '[\\s,]+';
    else if (char === "'" || char === '’') source += "(?:['’]|\\s+)?";
    else if (char === ',') source += ',?';
    else if (char === '-') source += '[\\s-]+';
    else if (char === 'ß') source += '(?:ß|ss)';
    else if (LATIN.test(char)) {
      const umlaut = chars[i + 1] === '\u0308' && 'aou'.includes(char);
      const letter = LETTER_CLASSES[char] ?? escape(char);
      source += umlaut ? `(?:${char}e|${letter})` : letter;
      while (chars[i + 1] !== undefined && /\p{M}/u.test(chars[i + 1] ?? '')) i++;
    } else if (char === NUKTA) source += NUKTA_FORMS[previous] ? '' : `${NUKTA}?`;
    else if (NUKTA_FORMS[char]) source += `(?:${char}${NUKTA}?|${NUKTA_FORMS[char]})`;
    else if (NASAL.test(char)) source += '[\\u0901\\u0902]';
    else source += escape(char);
  }
  return source;
}

/** Text as the patterns expect it: composed (NFC), so "é" typed as "e" + U+0301 is one letter. */
export function matchable(text: string): string {
  return text.normalize('NFC');
}

/** Alternation of phrases, longest first so "date of birth" wins over "date". */
export function looseAlternation(phrases: readonly string[]): string {
  return [...new Set(phrases)]
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .sort((a, b) => b.length - a.length)
    .map(loosePhrase)
    .join('|');
}

/** Punctuation that may end a message: Latin marks and the Devanagari danda. */
export const END_PUNCTUATION = '[.!?।]';

/**
 * A whole-message pattern from a locale template such as "actually my {{field}} is {{value}}": literal words
 * are loose (see loosePhrase), each placeholder becomes the named group given for it.
 */
export function templateRegex(template: string, groups: Readonly<Record<string, string>>): RegExp | null {
  let source = '';
  let last = 0;
  for (const match of template.matchAll(/\{\{(\w+)\}\}/g)) {
    const group = groups[match[1] ?? ''];
    if (group === undefined) return null;
    source += loosePhrase(template.slice(last, match.index)) + `(?<${match[1]}>${group})`;
    last = match.index + match[0].length;
  }
  source += loosePhrase(template.slice(last));
  return new RegExp(`^\\s*${source}\\s*${END_PUNCTUATION}*\\s*$`, 'iu');
}

/**
 * The words around the `{{value}}` of a phrase such as "मेरा नाम {{value}} है" ("my name is … "): what comes
 * before the value and what follows it, trimmed. A phrase without the placeholder is all `before`.
 */
export function splitAroundValue(phrase: string): { before: string; after: string } {
  const at = phrase.indexOf('{{value}}');
  if (at < 0) return { before: phrase.trim(), after: '' };
  return { before: phrase.slice(0, at).trim(), after: phrase.slice(at + '{{value}}'.length).trim() };
}
