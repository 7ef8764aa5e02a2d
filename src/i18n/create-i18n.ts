import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import i18next, { type i18n } from 'i18next';
import type { Translate } from '../conversation/translate.js';
import type { CommandName, CommandWords } from '../conversation/interpret-reply.js';

/** Translations for every language and namespace under the locales directory. */
export interface Localizer {
  languages: string[];
  translator(language: string): Translate;
  commandWords(language: string): CommandWords;
  /** Whether a key exists in a language (no fallback), for the missing-translation tests. */
  has(language: string, key: string): boolean;
  instance: i18n;
}

/** Loads locales/<lng>/<namespace>.json synchronously at boot and returns a ready localizer. */
export function createLocalizer(dir: string, fallbackLanguage = 'en'): Localizer {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const language of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
    resources[language] = {};
    for (const file of readdirSync(join(dir, language)).filter((f) => f.endsWith('.json'))) {
      const namespace = basename(file, '.json');
      resources[language][namespace] = JSON.parse(readFileSync(join(dir, language, file), 'utf8')) as unknown;
    }
  }
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: resources as Record<string, Record<string, Record<string, unknown>>>,
    fallbackLng: fallbackLanguage,
    defaultNS: 'common',
    ns: [...new Set(Object.values(resources).flatMap((r) => Object.keys(r)))],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const commandCache = new Map<string, CommandWords>();
  return {
    languages: Object.keys(resources),
    instance,
    translator: (language) => {
      const t = instance.getFixedT(language);
      return (key, vars) => t(key, vars ?? {}) as string;
    },
    commandWords: (language) => {
      let words = commandCache.get(language);
      if (!words) {
        const t = instance.getFixedT(language);
        const list = (name: CommandName): string[] => {
          const value: unknown = t(`common:commands.${name}`, { returnObjects: true });
          return Array.isArray(value) ? value.map(String) : [];
        };
        words = { help: list('help'), back: list('back'), restart: list('restart'), skip: list('skip'), yes: list('yes'), no: list('no') };
        commandCache.set(language, words);
      }
      return words;
    },
    has: (language, key) => instance.exists(key, { lng: language, fallbackLng: false }),
  };
}
