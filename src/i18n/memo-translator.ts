import type { TFunction } from 'i18next';
import type { Translate } from '../conversation/translate.js';

/** A variable of a message, formatted as a number when the message says `{{name, number(...)}}`. */
interface Slot {
  name: string;
  number?: Intl.NumberFormat;
}

/** A message split at its placeholders: literal, slot, literal, slot, ..., literal. */
type Template = { literals: string[]; slots: Slot[] } | { i18next: true };

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*(?:,\s*number\(([^)]*)\))?\s*\}\}/gu;
/** Anything i18next does beyond plain and number placeholders: other formats, nesting ($t(...)). */
const BEYOND = /\{\{|\$t\(/u;

/** i18next's `number(a: 1; b: 2)` options, when every value is a whole number; null otherwise. */
function numberOptions(text: string): Intl.NumberFormatOptions | null {
  const options: Record<string, number> = {};
  for (const pair of text.split(';').filter((p) => p.trim() !== '')) {
    const [key, value] = pair.split(':').map((s) => s.trim());
    if (!key || !value || !/^\d+$/u.test(value)) return null;
    options[key] = Number(value);
  }
  return options;
}

function compile(text: string, language: string): Template {
  const literals: string[] = [];
  const slots: Slot[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    literals.push(text.slice(last, match.index));
    const [, name = '', format] = match;
    if (format === undefined) slots.push({ name });
    else {
      const options = numberOptions(format);
      if (!options) return { i18next: true };
      slots.push({ name, number: new Intl.NumberFormat(language, options) });
    }
    last = match.index + match[0].length;
  }
  literals.push(text.slice(last));
  return literals.some((literal) => BEYOND.test(literal)) ? { i18next: true } : { literals, slots };
}

/**
 * A translator over i18next's for one language that looks each message up once: the resources never change
 * after boot, and i18next's lookup and interpolation are a good part of a turn's CPU. Plain `{{name}}` and
 * `{{name, number(...)}}` placeholders are filled here; plurals (`count`), contexts (`context`), other formats,
 * nesting and a missing variable are left to i18next, so every result is the one i18next gives.
 */
export function memoTranslator(t: TFunction, language: string): Translate {
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
      template = compile(t(key, { skipInterpolation: true }) as string, language);
      templates.set(key, template);
    }
    if ('i18next' in template) return t(key, vars) as string;
    const { literals, slots } = template;
    let text = literals[0] ?? '';
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as Slot;
      const value = vars[slot.name];
      if (value === undefined || (slot.number && typeof value !== 'number')) return t(key, vars) as string;
      text += (slot.number ? slot.number.format(value as number) : String(value)) + (literals[i + 1] ?? '');
    }
    return text;
  };
}
