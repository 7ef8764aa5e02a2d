import type { StepDefinition } from '../flows/flow-schema.js';
import { formatDate, partsFromIso } from './parsers/date-parts.js';
import { parserLanguage } from './parsers/language.js';
import type { AnswerValue, MessageRef } from './parsers/parser-types.js';
import { UNKNOWN } from './parsers/unknown.js';
import { inNamespace, type Translate } from './translate.js';

/**
 * An answer as the person would say it back ("6 de marzo de 1990", "Lisboa"), for telling them what was
 * understood. Never used for logs: it is the person's own data, said only to them.
 */
export function answerLabel(step: StepDefinition, value: AnswerValue, language: string, translate: Translate, namespace: string): string {
  if (value === UNKNOWN) return translate('common:correction.unknown');
  if (value === null) return translate('common:correction.none');
  if (typeof value === 'boolean') return translate(value ? 'common:choices.yes' : 'common:choices.no');
  if (step.type === 'date' && typeof value === 'string') {
    const parts = partsFromIso(value);
    return parts ? formatDate(parts, parserLanguage(language)) : value;
  }
  if ((step.type === 'choice' || step.type === 'multi_choice') && step.choices) {
    const values = Array.isArray(value) ? value : [value];
    return values
      .map((v) => step.choices?.find((c) => c.value === v))
      .map((c, i) => (c ? translate(inNamespace(namespace, c.label)) : String(values[i])))
      .join(', ');
  }
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v !== null ? '…' : String(v))).join(', ');
  if (typeof value === 'object') {
    for (const key of ['said_name', 'label', 'name']) if (typeof value[key] === 'string') return value[key];
    return '…';
  }
  return String(value);
}

/** "Got it, your name is now Ana.": what a correction changed, for each answer it replaced. */
export function correctionNotes(
  values: Readonly<Record<string, AnswerValue>>,
  previous: Readonly<Record<string, AnswerValue>>,
  describe: { step(id: string): StepDefinition | undefined; stepName(id: string): string | undefined; label(step: StepDefinition, value: AnswerValue): string },
): MessageRef[] {
  const notes: MessageRef[] = [];
  for (const [id, value] of Object.entries(values)) {
    const step = describe.step(id);
    if (!step || !Object.hasOwn(previous, id) || JSON.stringify(previous[id]) === JSON.stringify(value)) continue;
    const field = describe.stepName(id) ?? id.replace(/_/g, ' ');
    notes.push({ key: 'common:correction.changed', vars: { field, value: describe.label(step, value) } });
  }
  return notes;
}

/** A step's name to say in a sentence; German writes nouns with a capital ("Geburtsdatum"), the locale lists them lower case. */
export function stepTitle(name: string | undefined, language: string): string | undefined {
  return name && language.startsWith('de') ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}
