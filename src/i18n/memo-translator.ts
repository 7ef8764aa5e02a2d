import type { TFunction } from 'i18next';
import type { Translate } from '../conversation/translate.js';

/** A message split at its `{{name}}` placeholders: text, name, text, name, ..., text. */
type Template = { parts: string[] } | { i18next: true };

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/u;
/** Anything i18next does beyond plain placeholders: formatting ({{n, number}}), nesting ($t(...)). */
const BEYOND_PLAIN = /\{\{|\$t\(/u;

function compile(text: string): Template {
  const parts = text.split(PLACEHOLDER);
  const literals = parts.filter((_, i) => i % 2 === 0);
  return literals.some((literal) => BEYOND_PLAIN.test(literal)) ? { i18next: true } : { parts };
}

/**
 * A translator over i18next's for one language that looks each message up once: the resources never change
 * after boot, and i18next's lookup and interpolation are a good part of a turn's CPU. Messages whose variables
 * are plain `{{name}}` placeholders are filled here; plurals (`count`), contexts (`context`), formatting, nesting
 * and a missing variable are left to i18next, so every result is the one i18next gives.
 */
export function memoTranslator(t: TFunction): Translate {
  const plain = new Map<string, string>();
  const templates = new Map<string, Template>();
  return (key, vars) => {
    if (!vars) {
      let text = plain.get(key);
      if (text === undefined) {
        text = t(key, {}) as string;
        plain.set(key, text);
      }
      return text;
    }
    if ('count' in vars || 'context' in vars) return t(key, vars) as string;
    let template = templates.get(key);
    if (!template) {
      template = compile(t(key, { skipInterpolation: true }) as string);
      templates.set(key, template);
    }
    if ('i18next' in template) return t(key, vars) as string;
    const { parts } = template;
    let text = parts[0] ?? '';
    for (let i = 1; i < parts.length; i += 2) {
      const value = vars[parts[i] as string];
      if (value === undefined) return t(key, vars) as string;
      text += String(value) + (parts[i + 1] ?? '');
    }
    return text;
  };
}
