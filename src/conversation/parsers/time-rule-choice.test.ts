import { describe, expect, it } from 'vitest';
import { parserLanguages } from './language.js';
import { normalizeText } from './normalize.js';
import { rulesFor } from './time-rule-choice.js';
import { timeRules } from './time-rules.js';

/** Every match of every rule, as "rule index:start:text". */
function matches(rules: ReturnType<typeof timeRules>, text: string): string[] {
  return rules.flatMap((rule, k) => [...text.matchAll(rule.pattern)].map((m) => `${k}:${m.index}:${m[0]}`));
}

const withDigits = [
  '07:30', '7:30 pm', 'born 5 March 1990 at 7:30 in Madrid', '19h30', '7 Uhr abends', '1930 hrs', 'a las 7', 'à 19h',
  'half past 7', 'quarter to 8', '7 y media', '8 pm and a half', '12 Uhr', '5.3.1990 um 14.45', 'at 7a', '3:15p',
  'my number is +34 600 123 456', 'room 12b, floor 3', 'halb 8', '7 baje', 'सुबह 7 बजे', 'saadhe 7',
];
const withoutDigits = ['Maria', 'Madrid', 'María José', 'New York', 'maria@example.com', "O'Connor", 'São Paulo', 'मुंबई'];

describe('time rules chosen by the words a text holds', () => {
  it('finds exactly what the full rules find on text without number, noon or midnight words', () => {
    for (const language of parserLanguages) {
      for (const said of withDigits) {
        const text = normalizeText(said);
        const chosen = rulesFor(text, language);
        expect(chosen.length, `${language}: ${said}`).toBe(timeRules(language).length);
        expect(matches(chosen, text), `${language}: ${said}`).toEqual(matches(timeRules(language), text));
      }
    }
  });

  it('takes the word alternatives out for such text', () => {
    const digitRules = rulesFor('07:30', 'en');
    expect(digitRules).not.toBe(timeRules('en'));
    expect(digitRules.some((rule, k) => rule.pattern.source.length < (timeRules('en')[k]?.pattern.source.length ?? 0) / 4)).toBe(true);
  });

  it('runs no rule on text with neither a digit nor a time word, where none could match', () => {
    for (const language of parserLanguages) {
      for (const said of withoutDigits) {
        const text = normalizeText(said);
        expect(rulesFor(text, language), `${language}: ${said}`).toEqual([]);
        expect(matches(timeRules(language), text), `${language}: ${said}`).toEqual([]);
      }
    }
  });

  it('runs the full rules when a time is said in words', () => {
    for (const [language, said] of [['en', 'half past seven'], ['es', 'siete y media'], ['fr', 'midi'], ['de', 'halb acht'], ['pt', 'meia-noite'], ['hi', 'dedh baje']] as const) {
      const text = normalizeText(said);
      expect(rulesFor(text, language), `${language}: ${said}`).toBe(timeRules(language));
      expect(matches(timeRules(language), text).length, `${language}: ${said}`).toBeGreaterThan(0);
    }
  });
});
