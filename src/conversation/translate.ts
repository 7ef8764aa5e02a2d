import type { MessageRef } from './parsers/parser-types.js';

/** Translates a namespaced i18n key (`ns:key`) in the session's language. */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** Translates a message, translating nested message references in its variables first. */
export function translateRef(translate: Translate, ref: MessageRef): string {
  if (!ref.vars) return translate(ref.key);
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(ref.vars)) {
    vars[name] = typeof value === 'object' ? translateRef(translate, value) : value;
  }
  return translate(ref.key, vars);
}

/**
 * The same translator, preferring a variant of each message: i18next's context, so `key_voice` is said where a
 * locale file has it and `key` otherwise (in each language of the fallback chain, the variant first). Relies on
 * the translator passing `vars` on as i18next options, as the localizer's does.
 */
export function withVariant(translate: Translate, variant: string | undefined): Translate {
  if (!variant) return translate;
  return (key, vars) => translate(key, { ...vars, context: variant });
}

/** A flow's own keys live in its namespace; a key that names a namespace (`ns:key`) is used as is. */
export function inNamespace(namespace: string, key: string): string {
  return key.includes(':') ? key : `${namespace}:${key}`;
}
