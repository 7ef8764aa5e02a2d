import type { InputType } from '../flows/flow-schema.js';
import { answerLabel, correctionNotes, stepTitle } from './answer-labels.js';
import type { DialogueWords } from './dialogue-words.js';
import { findEditIntent } from './edit-intents.js';
import { applicableSteps, stepAndDependents, withoutAnswers, type FlowContext } from './flow-context.js';
import type { FlowRuntime } from './flow-runtime.js';
import { parseContextOf } from './parse-context.js';
import type { AnswerParser, MessageRef } from './parsers/parser-types.js';
import type { Translate } from './translate.js';

/**
 * A correction sent after the flow completed ("actually my birth date is 6 March 1990"): the context to start the
 * conversation again from, so the changed answer (and the answers that depend on it, asked again) leads to a new
 * outcome, and what to say first. "Change my birth date" reopens that question; a value that needs a question
 * ("05/03/1990") reopens it with the question pending. Anything else is not a correction (null).
 */
export type LateCorrection =
  | { kind: 'reopen'; context: FlowContext; notes: MessageRef[]; step: string }
  | { kind: 'invalid'; step: string; reason: MessageRef };

export interface LateCorrectionContext {
  runtime: FlowRuntime;
  context: FlowContext;
  language: string;
  now: Date;
  translate: Translate;
  dialogue: DialogueWords;
  parsers: Readonly<Record<InputType, AnswerParser>>;
}

export function readLateCorrection(text: string, ctx: LateCorrectionContext): LateCorrection | null {
  const flow = ctx.runtime.definition;
  const steps = applicableSteps(flow, ctx.context.answers).filter((s) => s.type !== 'entries' && s.type !== 'image');
  const intent = findEditIntent(text, ctx.dialogue, steps);
  const step = intent ? ctx.runtime.step(intent.step) : undefined;
  if (!intent || !step || step.type === 'entries' || step.type === 'image') return null;
  const cleared = { ...withoutAnswers(ctx.context, stepAndDependents(flow, step.id)), failures: {} };
  if (intent.kind === 'change') return { kind: 'reopen', context: cleared, notes: [], step: step.id };
  const result = ctx.parsers[step.type](intent.valueText, parseContextOf(step, ctx));
  if (result.kind === 'rejected') return { kind: 'invalid', step: step.id, reason: result.reason };
  if (result.kind === 'clarify') {
    const pending = { step: step.id, question: result.question, options: result.options };
    return { kind: 'reopen', context: { ...cleared, pending }, notes: [], step: step.id };
  }
  const notes = correctionNotes({ [step.id]: result.value }, ctx.context.answers, {
    step: (id) => ctx.runtime.step(id),
    stepName: (id) => stepTitle(ctx.dialogue.stepNames[id]?.[0], ctx.language),
    label: (s, value) => answerLabel(s, value, ctx.language, ctx.translate, flow.namespace),
  });
  const answers = { ...cleared.answers, [step.id]: result.value };
  return { kind: 'reopen', context: { ...cleared, answers, order: [...cleared.order, step.id] }, notes, step: step.id };
}
