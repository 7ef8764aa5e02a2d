import { describe, expect, it } from 'vitest';
import { guessLanguage, languageNamed } from './language-choice.js';

describe('language of a number', () => {
  it('guesses from the country when the flow offers its language, else the flow\'s first', () => {
    expect(guessLanguage('+34612345678', ['en', 'es'])).toBe('es');
    expect(guessLanguage('+5215512345678', ['en', 'es'])).toBe('es');
    expect(guessLanguage('+12025550123', ['es', 'en'])).toBe('en');
    expect(guessLanguage('+4915112345678', ['en', 'es'])).toBe('en');
    expect(guessLanguage('+4915112345678', ['es', 'en'])).toBe('es');
    expect(guessLanguage('not a number', ['en', 'es'])).toBe('en');
  });

  it('finds an offered language named by its own name, accents and case aside', () => {
    const offered = ['en', 'es', 'fr', 'de', 'pt'];
    for (const [said, language] of [['English', 'en'], ['ENGLISH.', 'en'], ['español', 'es'], ['Espanol!', 'es'], ['français', 'fr'], ['Deutsch', 'de'], ['portugues', 'pt']] as const) {
      expect(languageNamed(said, offered), said).toBe(language);
    }
    expect(languageNamed('Deutsch', ['en', 'es'])).toBeNull();
    // Names of a language in another language are answers as often as not.
    for (const said of ['Frances', 'German', 'Spanish', 'inglés', 'Maria', 'I speak English']) expect(languageNamed(said, offered), said).toBeNull();
  });
});
