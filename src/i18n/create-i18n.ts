import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import i18next, { type i18n } from 'i18next';
import type { Translate } from '../conversation/translate.js';
import { memoTranslator } from './memo-translator.js';
import type { DialogueWords } from '../conversation/dialogue-words.js';
import type { CommandName, CommandWords } from '../conversation/interpret-reply.js';

/** Translations for every language and namespace under the locales directory. */
export interface Localizer {
  languages: string[];
  translator(language: string): Translate;
  commandWords(language: string): CommandWords;
  /** Dialogue phrases of a language, with the step names of one flow namespace (English names always also count). */
  dialogueWords(language: string, namespace: string): DialogueWords;
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
  const translatorCache = new Map<string, Translate>();
  const commandCache = new Map<string, CommandWords>();
  const dialogueCache = new Map<string, DialogueWords>();
  return {
    languages: Object.keys(resources),
    instance,
    translator: (language) => {
      // One per language for the life of the process: every turn asks for one.
      let translate = translatorCache.get(language);
      if (!translate) {
        translate = memoTranslator(instance.getFixedT(language), language);
        translatorCache.set(language, translate);
      }
      return translate;
    },
    commandWords: (language) => {
      let words = commandCache.get(language);
      if (!words) {
        const t = instance.getFixedT(language);
        const list = (name: CommandName): string[] => {
          const value: unknown = t(`common:commands.${name}`, { returnObjects: true });
          return Array.isArray(value) ? value.map(String) : [];
        };
        words = {
          help: list('help'),
          back: list('back'),
          restart: list('restart'),
          skip: list('skip'),
          skip_onboarding: list('skip_onboarding'),
          stop: list('stop'),
          yes: list('yes'),
          no: list('no'),
        };
        commandCache.set(language, words);
      }
      return words;
    },
    dialogueWords: (language, namespace) => {
      const cacheKey = `${language}|${namespace}`;
      let words = dialogueCache.get(cacheKey);
      if (!words) {
        words = readDialogueWords(instance, language, namespace, fallbackLanguage);
        dialogueCache.set(cacheKey, words);
      }
      return words;
    },
    has: (language, key) => instance.exists(key, { lng: language, fallbackLng: false }),
  };
}

/** Raw strings (no interpolation: the templates keep their {{field}} placeholders), with the fallback language. */
function readDialogueWords(instance: i18n, language: string, namespace: string, fallback: string): DialogueWords {
  const strings = (lng: string, ns: string, key: string): string[] => {
    const value: unknown = instance.getResource(lng, ns, key);
    return Array.isArray(value) ? value.map(String) : [];
  };
  const common = (key: string) => {
    const own = strings(language, 'common', `dialogue.${key}`);
    return own.length > 0 ? own : strings(fallback, 'common', `dialogue.${key}`);
  };
  const stepNames: Record<string, string[]> = {};
  for (const lng of new Set([language, fallback])) {
    const bundle: unknown = instance.getResourceBundle(lng, namespace);
    if (!bundle || typeof bundle !== 'object') continue;
    for (const [step, entry] of Object.entries(bundle as Record<string, unknown>)) {
      const names = entry && typeof entry === 'object' ? (entry as { names?: unknown }).names : undefined;
      if (Array.isArray(names)) stepNames[step] = [...(stepNames[step] ?? []), ...names.map(String)];
    }
  }
  return {
    change: common('change'),
    correct: common('correct'),
    introduce: common('introduce'),
    placeMarkers: common('place_markers'),
    nameEnd: common('name_end'),
    stepNames,
  };
}
