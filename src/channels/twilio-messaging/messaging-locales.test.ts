import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const keysOf = (language: string): string[] =>
  Object.keys(JSON.parse(readFileSync(join('locales', language, 'messaging.json'), 'utf8')) as Record<string, unknown>).sort();

describe('messaging texts', () => {
  it('exist in English and Spanish, and every language that has them has them all', () => {
    const languages = readdirSync('locales').filter((l) => existsSync(join('locales', l, 'messaging.json')));
    expect(languages).toEqual(expect.arrayContaining(['en', 'es']));
    for (const language of languages) expect(keysOf(language), language).toEqual(keysOf('en'));
  });
});
