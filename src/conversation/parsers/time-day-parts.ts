import type { ParserLanguage } from './language.js';
import { normalizeText, phraseAlternation, WORD_END, WORD_START } from './normalize.js';
import { withEnglish } from './time-rules.js';
import { dayPartWords, type DayPart } from './time-words.js';

// Parts of the day said beside a time ("in the morning", "abends", "7 pm"), which settle am/pm.

const dayPartCache = new Map<ParserLanguage, RegExp>();

/** Day parts of the language (and English), longest phrases first. */
export function dayPartPattern(language: ParserLanguage): RegExp {
  const cached = dayPartCache.get(language);
  if (cached) return cached;
  const lists = withEnglish(language).map((l) => dayPartWords[l]);
  const phrases = lists.flat().flatMap(([, words]) => words);
  // am/pm apart from the number ("seven thirty pm"); only at the end, so "I am" is not a time of day.
  const marker = '(?<![\\p{L}])(?:a\\.?\\s?m\\.?|p\\.?\\s?m\\.?)(?=\\s*[,;!?]|\\s*$)';
  const pattern = new RegExp(`${WORD_START}(?:${phraseAlternation(phrases)})${WORD_END}|${marker}`, 'gu');
  dayPartCache.set(language, pattern);
  return pattern;
}

export function dayPartOf(phrase: string, language: ParserLanguage): DayPart | null {
  const t = phrase.replace(/[\s-]+/g, ' ');
  if (/^a\.?\s?m\.?$/.test(t)) return 'am';
  if (/^p\.?\s?m\.?$/.test(t)) return 'pm';
  for (const list of [dayPartWords[language], dayPartWords.en]) {
    for (const [part, words] of list) {
      if (words.some((w) => normalizeText(w.replace(/-/g, ' ')) === t)) return part;
    }
  }
  return null;
}
