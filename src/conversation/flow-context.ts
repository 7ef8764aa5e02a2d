import type { FlowDefinition, StepDefinition } from '../flows/flow-schema.js';
import { stepsReferencedBy } from '../flows/flow-schema.js';
import { conditionHolds } from './conditions.js';
import type { EntryDraft } from './entries.js';
import type { AnswerValue, ClarifyOption, MessageRef } from './parsers/parser-types.js';

/** A question the bot asked to settle an ambiguous answer; the next reply picks one option. */
export interface PendingClarification {
  step: string;
  question: MessageRef;
  options: ClarifyOption[];
}

/** The machine's context: everything a session remembers besides which state it is in. */
export interface FlowContext {
  answers: Record<string, AnswerValue>;
  /** Step ids in the order they were answered, so "back" knows what came last. */
  order: string[];
  /** Invalid answers in a row, per step. */
  failures: Record<string, number>;
  pending: PendingClarification | null;
  /** Answers the product already knows (a signed-in user's name), offered for confirmation when their step comes. */
  known?: Record<string, AnswerValue>;
  /** The entries step being answered, entry by entry; null or absent otherwise. */
  draft?: EntryDraft | null;
}

export const emptyContext = (): FlowContext => ({ answers: {}, order: [], failures: {}, pending: null });

/** Steps that apply given the answers so far (their `when` holds). */
export function applicableSteps(flow: FlowDefinition, answers: Readonly<Record<string, AnswerValue>>): StepDefinition[] {
  return flow.steps.filter((step) => conditionHolds(step.when, answers));
}

/** The step a conversation asks next: the first that applies and has no answer (what a resume asks). */
export function firstOpenStep(flow: FlowDefinition, answers: Readonly<Record<string, AnswerValue>>): StepDefinition | undefined {
  return applicableSteps(flow, answers).find((step) => !Object.hasOwn(answers, step.id));
}

/** Progress over the steps that apply: how many are answered, of how many. */
export interface Progress {
  answered: number;
  total: number;
  percent: number;
}

export function progressOf(flow: FlowDefinition, answers: Readonly<Record<string, AnswerValue>>, done = false): Progress {
  const steps = applicableSteps(flow, answers);
  const answered = done ? steps.length : steps.filter((s) => Object.hasOwn(answers, s.id)).length;
  const total = steps.length;
  return { answered, total, percent: total === 0 ? 100 : Math.round((answered / total) * 100) };
}

/** A step and every later step whose condition or `depends_on` reads it, transitively. */
export function stepAndDependents(flow: FlowDefinition, stepId: string): Set<string> {
  const affected = new Set([stepId]);
  for (const step of flow.steps) {
    const reads = [...stepsReferencedBy(step.when), ...step.depends_on];
    if (reads.some((id) => affected.has(id))) affected.add(step.id);
  }
  return affected;
}

/** The context with the given steps' answers (and their failure counts) removed. */
export function withoutAnswers(context: FlowContext, steps: Set<string>): FlowContext {
  const answers = Object.fromEntries(Object.entries(context.answers).filter(([id]) => !steps.has(id)));
  const failures = Object.fromEntries(Object.entries(context.failures).filter(([id]) => !steps.has(id)));
  const draft = context.draft && !steps.has(context.draft.step) ? context.draft : null;
  return { ...context, answers, failures, order: context.order.filter((id) => !steps.has(id)), pending: null, draft };
}
