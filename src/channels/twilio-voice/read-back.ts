import type { AnswerValue } from '../../conversation/parsers/parser-types.js';
import { UNKNOWN } from '../../conversation/parsers/unknown.js';
import { inNamespace, type Translate } from '../../conversation/translate.js';
import type { StepDefinition } from '../../flows/flow-schema.js';
import { countryName } from '../../places/resolved-place.js';

export interface ReadBackContext {
  /** The session's language and the speech tag it is spoken in (en / en-US): dates and times are said for it. */
  language: string;
  speechLanguage: string;
  namespace: string;
  translate: Translate;
}

/** Intl throws on a tag it does not know; the session's plain language then. */
function format(tags: string[], value: Date, options: Intl.DateTimeFormatOptions): string {
  for (const tag of tags) {
    try {
      return new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' }).format(value);
    } catch {
      // next tag
    }
  }
  return value.toISOString();
}


/**
 * An accepted answer as the bot says it back to confirm it: "March 5, 1990" / "5 de marzo de 1990", "7:30 AM",
 * "Madrid, Spain", digits of a phone number one by one, a choice by its label.
 */
export function readBack(value: AnswerValue, step: StepDefinition, ctx: ReadBackContext): string {
  const tags = [ctx.speechLanguage, ctx.language];
  if (value === UNKNOWN && (step.type === 'time' || step.type === 'date')) return ctx.translate('voice:unknown');
  if (step.type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return format(tags, new Date(`${value}T00:00:00Z`), { day: 'numeric', month: 'long', year: 'numeric' });
  }
  if (step.type === 'time' && typeof value === 'string' && /^\d{2}:\d{2}$/.test(value)) {
    return format(tags, new Date(`1970-01-01T${value}:00Z`), { hour: 'numeric', minute: '2-digit' });
  }
  if (step.type === 'place' && value && typeof value === 'object' && !Array.isArray(value)) {
    const name = typeof value.said_name === 'string' ? value.said_name : typeof value.name === 'string' ? value.name : '';
    return typeof value.country === 'string' ? `${name}, ${countryName(value.country, ctx.language)}` : name;
  }
  if (step.type === 'phone' && typeof value === 'string') return value.replace(/\D/g, '').split('').join(' ');
  if (typeof value === 'boolean') return ctx.translate(value ? 'common:choices.yes' : 'common:choices.no');
  if (step.type === 'choice' && typeof value === 'string') {
    const choice = step.choices?.find((c) => c.value === value);
    return choice ? ctx.translate(inNamespace(ctx.namespace, choice.label)) : value;
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}
