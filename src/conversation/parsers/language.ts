/** Languages the parsers have word lists for; anything else is read with the English rules. */
export const parserLanguages = ['en', 'es', 'fr', 'de', 'pt', 'hi'] as const;
export type ParserLanguage = (typeof parserLanguages)[number];

/** "es-MX" reads as "es"; an unknown language falls back to English rather than failing. */
export function parserLanguage(language: string): ParserLanguage {
  const base = language.toLowerCase().split(/[-_]/)[0] ?? '';
  return (parserLanguages as readonly string[]).includes(base) ? (base as ParserLanguage) : 'en';
}
