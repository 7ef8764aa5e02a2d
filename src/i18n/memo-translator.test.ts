import { describe, expect, it } from 'vitest';
import { createLocalizer } from './create-i18n.js';
import { memoTranslator } from './memo-translator.js';

const localizer = createLocalizer('locales', 'en');

/** Every string message of a language as `ns:dotted.key`, with the placeholder names it uses. */
function messages(language: string): Array<{ key: string; names: string[] }> {
  const found: Array<{ key: string; names: string[] }> = [];
  const walk = (ns: string, prefix: string, value: unknown): void => {
    if (typeof value === 'string') {
      const names = [...value.matchAll(/\{\{\s*([A-Za-z0-9_]+)/gu)].map((m) => m[1] as string);
      found.push({ key: `${ns}:${prefix}`, names });
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(ns, prefix ? `${prefix}.${k}` : k, v);
    }
  };
  const data = localizer.instance.store.data[language] ?? {};
  for (const [ns, bundle] of Object.entries(data)) walk(ns, '', bundle);
  return found;
}

describe('memoTranslator', () => {
  it.each(localizer.languages)('gives what i18next gives for every message of %s, with and without variables', (language) => {
    const t = localizer.instance.getFixedT(language);
    const fast = memoTranslator(t, language);
    const list = messages(language);
    expect(list.length).toBeGreaterThan(100);
    for (const { key, names } of list) {
      const vars = Object.fromEntries(names.map((name, i) => [name, name === 'orb' ? 2.25 : `v${i}-${name}`]));
      const base = key.replace(/_(one|other|few|many|zero|two)$/u, '');
      expect(fast(key), key).toBe(t(key, {}));
      expect(fast(key, vars), key).toBe(t(key, vars));
      expect(fast(base, { ...vars, count: 1 }), base).toBe(t(base, { ...vars, count: 1 }));
      // Twice: the second answer comes from memory.
      expect(fast(key, vars), key).toBe(t(key, vars));
      if (names.length > 0) expect(fast(key, { unrelated: 'x' }), key).toBe(t(key, { unrelated: 'x' }));
    }
  });

  it('passes contexts and unknown keys through as i18next does', () => {
    const t = localizer.instance.getFixedT('en');
    const fast = memoTranslator(t, 'en');
    expect(fast('common:status.generating', { context: 'voice' })).toBe(t('common:status.generating', { context: 'voice' }));
    expect(fast('common:no.such.key', { a: 1 })).toBe(t('common:no.such.key', { a: 1 }));
  });

  it('after the first lookup, fills plain and number placeholders without asking i18next', () => {
    for (const language of localizer.languages) {
      const t = localizer.instance.getFixedT(language);
      let asked = 0;
      const counting = ((...args: Parameters<typeof t>) => (asked++, t(...args))) as typeof t;
      const fast = memoTranslator(counting, language);
      const vars = { a: 'Sun', b: 'Moon', type: 'trine', orb: 0.25 };
      const first = fast('birth-chart:summary.aspect', vars);
      asked = 0;
      expect(fast('birth-chart:summary.aspect', { ...vars, orb: 1.04 })).toBe(t('birth-chart:summary.aspect', { ...vars, orb: 1.04 }));
      expect(fast('birth-chart:summary.aspect', vars)).toBe(first);
      expect(asked).toBe(0);
    }
  });
});
