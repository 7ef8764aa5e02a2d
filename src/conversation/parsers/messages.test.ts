import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { parseDate } from './date.js';
import { context } from './test-support.js';

const here = dirname(fileURLToPath(import.meta.url));
const localesDir = join(here, '../../../locales');
const languages = ['en', 'es', 'fr', 'de', 'pt', 'hi'];

/** Every `parsers:` key the parsers can return, read from their source. */
function keysInSource(): string[] {
  const keys = new Set<string>();
  for (const file of readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    for (const match of readFileSync(join(here, file), 'utf8').matchAll(/['"]parsers:([a-z_.]+)['"]/g)) {
      if (match[1]) keys.add(match[1]);
    }
  }
  return [...keys].sort();
}

function messages(language: string): Record<string, Record<string, string>> {
  return JSON.parse(readFileSync(join(localesDir, language, 'parsers.json'), 'utf8')) as Record<string, Record<string, string>>;
}

describe('parsers.json', () => {
  const keys = keysInSource();

  it('finds the keys the parsers use', () => {
    expect(keys).toContain('date.unreadable');
    expect(keys.length).toBeGreaterThan(25);
  });

  it.each(languages)('%s has a text for every key, with the same {{vars}} as English', (language) => {
    const english = messages('en');
    const local = messages(language);
    for (const key of keys) {
      const [group = '', name = ''] = key.split('.');
      const en = english[group] ?? {};
      const lo = local[group] ?? {};
      // Plural keys are written as name_one / name_other.
      const variants = Object.keys(en).filter((k) => k === name || k.startsWith(`${name}_`));
      expect(variants.length, `${key} missing in en`).toBeGreaterThan(0);
      for (const variant of variants.filter((v) => v !== `${name}_one`)) {
        const text = lo[variant];
        expect(text, `${language}: ${group}.${variant}`).toBeTruthy();
        const vars = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
        expect(vars(text ?? ''), `${language}: ${group}.${variant}`).toEqual(vars(en[variant] ?? ''));
      }
      expect(lo[`${name}_one`] ?? lo[name], `${language}: ${key}`).toBeTruthy();
    }
  });

  it('renders the unreadable date in English exactly as specified', async () => {
    const instance = i18next.createInstance();
    await instance.init({
      lng: 'en',
      resources: Object.fromEntries(languages.map((l) => [l, { parsers: messages(l) }])),
      interpolation: { escapeValue: false },
    });
    const result = parseDate('not a date', context('en'));
    expect(result.kind).toBe('rejected');
    if (result.kind !== 'rejected') return;
    expect(instance.t(result.reason.key, result.reason.vars ?? {})).toBe("I couldn't read that date: try 5 March 1990");
    expect(instance.t('parsers:text.too_short', { lng: 'fr', min: 5, count: 5 })).toBe(
      "C'est un peu court : écrivez au moins 5 caractères.",
    );
  });
});
