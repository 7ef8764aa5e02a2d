import type { ParserLanguage } from './language.js';
import { normalizeText } from './normalize.js';
import { numberWordPattern, numberWords } from './number-words.js';
import { noonOrMidnight, timeRules, withEnglish, type TimeRule } from './time-rules.js';
import { midnightWords, noonWords, oneAndAHalfWords, twoAndAHalfWords } from './time-words.js';

/**
 * Which of a language's time rules a text needs: the regexes are built around alternations of hundreds of
 * number words, tried at every position, and most messages hold none of those words.
 */

/** Splits normalised text into its words (letters with their marks), as the rules' word boundaries do. */
function wordsOf(text: string): string[] {
  return text.split(/[^\p{L}\p{M}]+/u).filter((word) => word.length > 0);
}

const timeVocabularies = new Map<ParserLanguage, ReadonlySet<string>>();

/**
 * Every word a rule of the language can match besides digits: number words, noon and midnight, Hindi's
 * "dedh" and "dhai" (the language's and English's, as timeRules adds English rules everywhere).
 */
function timeVocabulary(language: ParserLanguage): ReadonlySet<string> {
  let vocabulary = timeVocabularies.get(language);
  if (!vocabulary) {
    const phrases = withEnglish(language).flatMap((l) => [...numberWords(l).keys(), ...noonWords[l], ...midnightWords[l]]);
    if (language === 'hi') phrases.push(...oneAndAHalfWords, ...twoAndAHalfWords);
    vocabulary = new Set(phrases.flatMap((phrase) => wordsOf(normalizeText(phrase))));
    timeVocabularies.set(language, vocabulary);
  }
  return vocabulary;
}

/**
 * The rules that can match the normalised text, or none: every rule reads its hour or minutes from digits or
 * from one of the words above, each bounded as a whole word. Most messages have none of those words (a name, a
 * date with a month name, "07:30"): then no rule can match with a word, and the rules are run with their word
 * alternatives taken out (digitTimeRules), or not at all when there is no digit either.
 */
export function rulesFor(text: string, language: ParserLanguage): TimeRule[] {
  const vocabulary = timeVocabulary(language);
  if (wordsOf(text).some((word) => vocabulary.has(word))) return timeRules(language);
  return /\d/.test(text) ? digitTimeRules(language) : [];
}

const digitRuleCache = new Map<ParserLanguage, TimeRule[]>();

/**
 * The language's rules with every number, noon or midnight word alternative replaced by a pattern that never
 * matches: on text without such words they find exactly what the full rules find (the words could not match
 * there), at a fraction of the cost (the alternations are hundreds of phrases long, tried at every position).
 */
function digitTimeRules(language: ParserLanguage): TimeRule[] {
  let rules = digitRuleCache.get(language);
  if (!rules) {
    const alternations = withEnglish(language)
      .flatMap((l) => [noonOrMidnight(l), numberWordPattern(l, 0, 24), numberWordPattern(l, 1, 59), numberWordPattern(l, 1, 12)])
      .filter((alternation) => alternation.length > 0)
      .sort((a, b) => b.length - a.length);
    rules = timeRules(language).map((rule) => {
      const source = alternations.reduce((text, alternation) => text.split(alternation).join(NEVER), rule.pattern.source);
      return source === rule.pattern.source ? rule : { pattern: new RegExp(source, rule.pattern.flags), read: rule.read };
    });
    digitRuleCache.set(language, rules);
  }
  return rules;
}

/** A pattern that matches nothing, in place of a word alternative. */
const NEVER = '(?!)';
