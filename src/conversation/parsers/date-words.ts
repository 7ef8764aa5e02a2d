import type { ParserLanguage } from './language.js';
import { parseNumberWords, wordValue } from './number-words.js';
import { ordinalValue } from './ordinal-words.js';

/**
 * Spelled-out dates turned into digits before chrono-node reads them ("el cinco de marzo de mil
 * novecientos noventa" -> "el 5 de marzo de 1990"). Only whole answers go through here: the
 * replacement changes lengths, so spans found afterwards would not point into the original.
 */

const MAX_WORDS = 6;

/** "Nineteen ninety", "nineteen oh five": English says years as two pairs. */
function pairedYear(words: string[], language: ParserLanguage): number | null {
  for (let cut = 1; cut < words.length; cut += 1) {
    const century = parseNumberWords(words.slice(0, cut).join(' '), language);
    const rightWords = words.slice(cut);
    const right = rightWords[0] === 'oh' && rightWords.length === 2 ? wordValue(rightWords[1] ?? '', language) : parseNumberWords(rightWords.join(' '), language);
    if (century !== null && right !== null && century >= 18 && century <= 20 && right >= 0 && right <= 99) {
      if (rightWords[0] !== 'oh' && right < 10) continue;
      return century * 100 + right;
    }
  }
  return null;
}

function yearValue(words: string[], language: ParserLanguage): number | null {
  const value = parseNumberWords(words.join(' '), language) ?? (language === 'en' ? pairedYear(words, language) : null);
  return value !== null && value >= 1800 && value <= 2199 ? value : null;
}

function dayValue(words: string[], language: ParserLanguage): number | null {
  const phrase = words.join(' ');
  const value = ordinalValue(phrase, language) ?? wordValue(phrase, language);
  return value !== null && value >= 1 && value <= 31 ? value : null;
}

/** Replaces the longest spelled year, then the first spelled day (1–31), with digits. */
export function spelledDateToDigits(text: string, language: ParserLanguage): string {
  const tokens = text.split(/\s+/).filter((t) => t.length > 0);
  const isWord = (t: string) => /^[\p{L}\p{M}'-]+$/u.test(t);
  const out: string[] = [];
  let dayDone = false;
  for (let i = 0; i < tokens.length; i += 1) {
    let replaced = false;
    for (let size = Math.min(MAX_WORDS, tokens.length - i); size >= 1 && !replaced; size -= 1) {
      const words = tokens.slice(i, i + size);
      if (!words.every(isWord)) continue;
      const year = size >= 2 || /^\p{L}+$/u.test(words[0] ?? '') ? yearValue(words, language) : null;
      // Portuguese "dez" after a day is December ("5 dez 1990"), not ten.
      const monthAbbreviation = language === 'pt' && size === 1 && /^dez\.?$/iu.test(words[0] ?? '') && /^\d/.test(tokens[i - 1] ?? '');
      const day = !dayDone && year === null && size <= 3 && !monthAbbreviation ? dayValue(words, language) : null;
      const value = year ?? day;
      if (value === null) continue;
      if (day !== null) dayDone = true;
      out.push(String(value));
      i += size - 1;
      replaced = true;
    }
    if (!replaced) out.push(tokens[i] ?? '');
  }
  return out.join(' ');
}
