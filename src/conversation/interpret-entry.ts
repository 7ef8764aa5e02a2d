import type { StepDefinition } from '../flows/flow-schema.js';
import { entryPart } from './entries.js';
import type { FlowEvent } from './flow-machine.js';
import type { CommandName, ReplyContext } from './interpret-reply.js';
import { parseContextOf } from './parse-context.js';

/**
 * A reply to an entries step: an answer to the field being asked, or yes / no to "add another?". "skip" skips
 * an optional field, or the whole step when it is optional and has no entry yet.
 */
export function interpretEntry(step: StepDefinition, text: string, ctx: ReplyContext, is: (command: CommandName) => boolean): FlowEvent {
  const draft = ctx.state.context.draft?.step === step.id ? ctx.state.context.draft : null;
  const part = entryPart(step, draft);
  if (part.kind === 'more') {
    if (is('yes') || is('no')) return { type: 'ENTRY_MORE', step: step.id, more: is('yes') };
    const said = ctx.parsers.yes_no(text, { language: ctx.language, now: ctx.now, validation: {} });
    if (said.kind === 'accepted') return { type: 'ENTRY_MORE', step: step.id, more: said.value === true };
    return { type: 'INVALID', step: step.id, reason: { key: 'common:entries.yes_or_no' } };
  }
  const { field } = part;
  if (is('skip')) {
    if (field.optional) return { type: 'ENTRY_FIELD', step: step.id, field: field.id, value: null };
    if (step.optional && !draft?.entries.length) return { type: 'ANSWER', step: step.id, value: null };
    return { type: 'INVALID', step: step.id, reason: { key: 'common:skip.not_optional' } };
  }
  if (field.type === 'choice' && field.choices?.some((choice) => choice.value === text.trim())) {
    return { type: 'ENTRY_FIELD', step: step.id, field: field.id, value: text.trim() };
  }
  const result = ctx.parsers[field.type](text, parseContextOf(field, ctx));
  switch (result.kind) {
    case 'accepted':
      return { type: 'ENTRY_FIELD', step: step.id, field: field.id, value: result.value };
    case 'rejected':
      return { type: 'INVALID', step: step.id, reason: result.reason };
    case 'clarify':
      // A field takes no follow-up question: the person is asked for a clearer answer.
      return { type: 'INVALID', step: step.id, reason: result.question };
  }
}
