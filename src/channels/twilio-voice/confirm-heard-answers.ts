import type { FlowEvent } from '../../conversation/flow-machine.js';
import type { AnswerValue } from '../../conversation/parsers/parser-types.js';
import type { StepDefinition } from '../../flows/flow-schema.js';
import type { ConfirmAnswer } from '../../sessions/session-service.js';
import { readBack } from './read-back.js';

/** How an answer reached the bot: speech with the recognizer's confidence (when it gave one), or the keypad. */
export type HeardAnswer = { via: 'speech'; confidence: number | null } | { via: 'keypad' };

/** Answer types a recognizer gets wrong most often, and that matter most when wrong. */
const EASY_TO_MISHEAR = new Set<StepDefinition['type']>(['email', 'date', 'place']);

/**
 * Whether the bot reads this answer back before it counts. Speech: below the confidence threshold, or for an
 * easy-to-mishear step (email, date, place, a name). Keypad digits are exact, but a date's eight digits follow
 * a convention the caller may not have followed, so dates are read back too.
 */
export function needsConfirming(step: StepDefinition, heard: HeardAnswer, below: number): boolean {
  if (heard.via === 'keypad') return step.type === 'date';
  if (heard.confidence !== null && heard.confidence < below) return true;
  return EASY_TO_MISHEAR.has(step.type) || (step.type === 'text' && step.extract === 'name');
}

/**
 * The session service's confirm hook for a call: an accepted answer that needs confirming becomes a question
 * with the value as its one option ("I understood 5 March 1990. Is that right?"); the pending clarification
 * then takes "yes" / "1" and re-asks on "no" / "2".
 * Several answers in one sentence: the question asked is confirmed first if it needs it (the others are
 * dropped, to be asked and confirmed in turn); otherwise the answers that need no confirming are kept. One
 * that does is never stored unconfirmed, nor confirmed ahead of the question being asked (the caller would
 * hear the same question again with no word about it): when nothing is left, the caller hears "Sorry, I
 * didn't get that" and the question again.
 */
export function confirmHeardAnswers(heard: HeardAnswer, options: { below: number; speechLanguage: string }): ConfirmAnswer {
  return (event, { runtime, step: asked, language, translate }) => {
    const needs = (id: string): StepDefinition | undefined => {
      const step = runtime.step(id);
      return step && needsConfirming(step, heard, options.below) ? step : undefined;
    };
    const ask = (step: StepDefinition, value: AnswerValue): FlowEvent => {
      const label = readBack(value, step, { language, speechLanguage: options.speechLanguage, namespace: runtime.definition.namespace, translate });
      return { type: 'CLARIFY', step: step.id, question: { key: 'voice:confirm', vars: { value: label } }, options: [{ label, value }] };
    };
    if (event.type === 'ANSWER') {
      const step = event.value === null ? undefined : needs(event.step);
      return step ? ask(step, event.value) : event;
    }
    if (event.type !== 'ANSWERS') return event;
    const current = asked && Object.hasOwn(event.values, asked) ? needs(asked) : undefined;
    if (current) return ask(current, event.values[current.id] ?? null);
    const kept = Object.fromEntries(Object.entries(event.values).filter(([id]) => !needs(id)));
    if (Object.keys(kept).length === Object.keys(event.values).length) return event;
    if (Object.keys(kept).length > 0) return { type: 'ANSWERS', values: kept };
    return asked ? { type: 'INVALID', step: asked, reason: { key: 'voice:not_understood' } } : event;
  };
}
