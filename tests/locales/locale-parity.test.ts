import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFlows } from '../../src/flows/load-flows.js';
import { createLocale } from '../../src/widget/i18n.js';
import { diffLocale } from './locale-diff.js';

const DIR = 'locales';
const read = (file: string): never => JSON.parse(readFileSync(file, 'utf8')) as never;
const languages = readdirSync(DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'en')
  .map((d) => d.name);
const englishFiles = readdirSync(join(DIR, 'en')).filter((f) => f.endsWith('.json'));

describe('locale parity with English', () => {
  it.each(languages.flatMap((language) => englishFiles.map((file) => [language, file] as const)))('%s/%s', (language, file) => {
    const path = join(DIR, language, file);
    expect(existsSync(path), `${path} is missing`).toBe(true);
    expect(diffLocale(read(join(DIR, 'en', file)), read(path), language)).toEqual([]);
  });

  it('has no locale file English lacks', () => {
    const extra = languages.flatMap((language) =>
      readdirSync(join(DIR, language)).filter((f) => f.endsWith('.json') && !englishFiles.includes(f)).map((f) => `${language}/${f}`),
    );
    expect(extra).toEqual([]);
  });

  it('catches a missing key, an extra key, a lost placeholder and a missing plural form', () => {
    const english = { a: 'Hi {{name}}', b: { c: 'x' }, list: ['change my {{field}}'], n_one: 'one', n_other: '{{count}} items' };
    const broken = { a: 'Hola', list: ['cambiar'], extra: 'y', n_one: 'uno', n_other: '{{count}} cosas' };
    expect(diffLocale(english, broken, 'es')).toEqual([
      'a: lacks {{name}}',
      'missing key b.c',
      'list: "cambiar" lacks {{field}}',
      'missing plural form n_many',
      'extra key extra (not in English)',
    ]);
  });
});

describe('languages of the flows', () => {
  const flows = [...loadFlows('flows').values()];
  it.each(flows.map((f) => [f.definition.id, f.definition.languages] as const))('%s: the widget has texts for %j', (_id, flowLanguages) => {
    for (const language of flowLanguages) expect(createLocale([language]).language).toBe(language);
  });
});
