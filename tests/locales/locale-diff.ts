/** Compares one translated locale file with its English reference: keys, value shapes and placeholders. */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const PLURAL = /^(?<base>.+)_(?<form>zero|one|two|few|many|other)$/u;

/** Leaf values by dotted path; arrays are leaves (lists of phrases), objects are walked. */
export function flatten(value: Json, prefix = ''): Map<string, string | string[]> {
  const leaves = new Map<string, string | string[]>();
  if (Array.isArray(value)) leaves.set(prefix, value.map(String));
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [path, leaf] of flatten(child, prefix ? `${prefix}.${key}` : key)) leaves.set(path, leaf);
    }
  } else leaves.set(prefix, String(value));
  return leaves;
}

/** The names of the `{{placeholders}}` in a text: "{{orb, number(...)}}" is "orb". */
export function placeholders(text: string): Set<string> {
  return new Set([...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/gu)].map((m) => m[1] ?? ''));
}

/** A plural key of English ("too_short_other") as its base, or null for an ordinary key. */
function pluralBase(path: string, english: ReadonlyMap<string, unknown>): string | null {
  const base = PLURAL.exec(path)?.groups?.base;
  return base !== undefined && english.has(`${base}_other`) ? base : null;
}

/**
 * Problems of `translated` against `english` for one file, as readable lines (empty when it matches):
 * a key English has and the translation lacks, a key English lacks, a plural form the language needs, a
 * text where a list is expected or the reverse, an empty text or list, and a missing placeholder.
 * Plural keys follow i18next: "x_one", "x_other" in English may be "x_one", "x_many", "x_other" elsewhere.
 */
export function diffLocale(englishJson: Json, translatedJson: Json, language: string): string[] {
  const english = flatten(englishJson);
  const translated = flatten(translatedJson);
  const problems: string[] = [];
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const englishBases = new Set([...english.keys()].map((k) => pluralBase(k, english)).filter((b) => b !== null));

  for (const [path, source] of english) {
    const base = pluralBase(path, english);
    if (base !== null) continue;
    const target = translated.get(path);
    if (target === undefined) problems.push(`missing key ${path}`);
    else problems.push(...compare(path, source, target));
  }
  for (const base of englishBases) {
    for (const form of categories) {
      const target = translated.get(`${base}_${form}`);
      const source = english.get(`${base}_${form}`) ?? english.get(`${base}_other`) ?? '';
      if (target === undefined) problems.push(`missing plural form ${base}_${form}`);
      else problems.push(...compare(`${base}_${form}`, source, target));
    }
  }
  for (const path of translated.keys()) {
    const base = PLURAL.exec(path)?.groups?.base;
    if (english.has(path) || (base !== undefined && englishBases.has(base))) continue;
    problems.push(`extra key ${path} (not in English)`);
  }
  return problems;
}

function compare(path: string, source: string | string[], target: string | string[]): string[] {
  if (Array.isArray(source) !== Array.isArray(target)) return [`${path}: ${Array.isArray(source) ? 'a list' : 'a text'} in English`];
  if (Array.isArray(source) && Array.isArray(target)) {
    if (target.length === 0) return [`${path}: empty list`];
    // Phrases are not one-to-one translations: a placeholder every English phrase has, every phrase needs.
    const shared = [...placeholders(source.join(' '))].filter((name) => source.every((s) => placeholders(s).has(name)));
    return target.flatMap((phrase) => shared.filter((name) => !placeholders(phrase).has(name)).map((name) => `${path}: "${phrase}" lacks {{${name}}}`));
  }
  const text = String(target);
  if (text.trim() === '') return [`${path}: empty text`];
  const have = placeholders(text);
  return [...placeholders(String(source))].filter((name) => !have.has(name)).map((name) => `${path}: lacks {{${name}}}`);
}
