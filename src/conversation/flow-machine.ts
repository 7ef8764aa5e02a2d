import { assign, emit, enqueueActions, setup } from 'xstate';
import type { FlowDefinition, StepDefinition } from '../flows/flow-schema.js';
import { conditionHolds } from './conditions.js';
import { askedPart, entriesFull, withField, type AskedPart } from './entries.js';
import type { FlowContext, PendingClarification } from './flow-context.js';
import { applicableSteps, emptyContext, stepAndDependents, withoutAnswers } from './flow-context.js';
import type { AnswerValue, ClarifyOption, MessageRef } from './parsers/parser-types.js';
import { inNamespace } from './translate.js';

/** Failures in a row on one step after which the bot explains what it expects. */
export const FAILURES_BEFORE_HELP = 3;

/** What the turn runner tells the machine; the machine only decides, it never parses or does I/O. */
export type FlowEvent =
  /** `notes`: what to say before the next question, e.g. what a correction changed. */
  | { type: 'ANSWER'; step: string; value: AnswerValue; notes?: MessageRef[] }
  /** `pending`: a question the same message raised for another step ("em Salvador": which Salvador?). */
  | { type: 'ANSWERS'; values: Record<string, AnswerValue>; notes?: MessageRef[]; pending?: PendingClarification }
  | { type: 'ENTRY_FIELD'; step: string; field: string; value: AnswerValue }
  | { type: 'ENTRY_MORE'; step: string; more: boolean }
  | { type: 'INVALID'; step: string; reason: MessageRef }
  | { type: 'CLARIFY'; step: string; question: MessageRef; options: ClarifyOption[] }
  | { type: 'EDIT'; step: string }
  | { type: 'BACK' }
  | { type: 'RESTART' }
  | { type: 'HELP'; step: string }
  | { type: 'STOP' }
  | { type: 'SKIP_FLOW' }
  | { type: 'RESUME' }
  | { type: 'REVIEW_PASSED' }
  | { type: 'REVIEW_FAILED'; step: string; reason?: MessageRef; clarify?: Omit<PendingClarification, 'step'> }
  | { type: 'PROFILE_READY' }
  | { type: 'PROFILE_FAILED' };

/** What the machine says during a turn, before rendering: ask a step's question, or say a message. */
export type FlowOutput =
  | { type: 'ask'; step: string; pending: PendingClarification | null; part?: AskedPart }
  | { type: 'say'; message: MessageRef };

/** The context with answers recorded: changed answers drop the answers that depended on them. */
function recordValues(flow: FlowDefinition, context: FlowContext, values: Record<string, AnswerValue>): FlowContext {
  let next = context;
  for (const [id, value] of Object.entries(values)) {
    if (Object.hasOwn(next.answers, id) && next.answers[id] !== value) {
      const dependents = stepAndDependents(flow, id);
      dependents.delete(id);
      next = withoutAnswers(next, dependents);
    }
    next = {
      ...next,
      answers: { ...next.answers, [id]: value },
      order: [...next.order.filter((s) => s !== id), id],
      failures: { ...next.failures, [id]: 0 },
      ...(next.draft?.step === id ? { draft: null } : {}),
    };
  }
  return { ...next, pending: null };
}

/** Builds the XState machine for one flow. Built once per flow version and reused by every session. */
export function buildFlowMachine(flow: FlowDefinition) {
  const stepsById = new Map(flow.steps.map((step) => [step.id, step]));
  const stepOf = (id: string): StepDefinition | undefined => stepsById.get(id);
  const helpFor = (step: StepDefinition): MessageRef => ({
    key: step.help ? inNamespace(flow.namespace, step.help) : `common:help.${step.type}`,
  });

  const stepStates = Object.fromEntries(
    flow.steps.map((step) => [
      step.id,
      {
        entry: [
          { type: 'offerKnown' as const, params: { step: step.id } },
          { type: 'ask' as const, params: { step: step.id } },
        ],
        on: {
          INVALID: { actions: ['countFailure', 'sayReason', 'sayHelpAfterFailures'], target: `#flow.collecting.routing`, reenter: true },
          CLARIFY: { actions: ['clearStep', 'setPending'], target: `#flow.collecting.routing`, reenter: true },
          HELP: { actions: ['sayHelp'], target: `#flow.collecting.routing`, reenter: true },
        },
      },
    ]),
  );
  const routes = [
    ...flow.steps.map((step) => ({ guard: { type: 'needsStep' as const, params: { step: step.id } }, target: step.id })),
    { target: '#flow.reviewing' },
  ];

  return setup({
    types: {
      context: {} as FlowContext,
      events: {} as FlowEvent,
      emitted: {} as FlowOutput,
      input: {} as { context?: FlowContext } | undefined,
    },
    guards: {
      needsStep: ({ context }, params: { step: string }) => {
        const step = stepOf(params.step);
        return !!step && !Object.hasOwn(context.answers, step.id) && conditionHolds(step.when, context.answers);
      },
    },
    actions: {
      // An answer the product already knows is offered for confirmation as a one-option question, never taken.
      offerKnown: assign(({ context }, params: { step: string }) => {
        const known = context.known?.[params.step];
        if (known === undefined || Object.hasOwn(context.answers, params.step) || context.pending?.step === params.step) return {};
        const label = knownLabel(known);
        const step = stepOf(params.step);
        const key = step?.confirm ? inNamespace(flow.namespace, step.confirm) : 'common:prefill.confirm';
        // A known choice is said by its label in the session's language.
        const choice = step?.choices?.find((c) => c.value === known);
        const value: MessageRef | string = choice ? { key: inNamespace(flow.namespace, choice.label) } : label;
        return { pending: { step: params.step, question: { key, vars: { value } }, options: [{ label, value: known }] } };
      }),
      ask: emit(({ context }, params: { step: string }) => ({
        type: 'ask' as const,
        step: params.step,
        pending: context.pending?.step === params.step ? context.pending : null,
        ...askedPart(stepOf(params.step), context.draft),
      })),
      // A changed answer invalidates the answers that were given because of it.
      recordAnswer: assign(({ context, event }) => {
        if (event.type !== 'ANSWER' && event.type !== 'ANSWERS') return {};
        const next = recordValues(flow, context, event.type === 'ANSWER' ? { [event.step]: event.value } : event.values);
        return event.type === 'ANSWERS' && event.pending ? { ...next, pending: event.pending } : next;
      }),
      // One field of an entries step; the step's answer is recorded when it holds as many entries as it takes.
      recordField: assign(({ context, event }) => {
        const step = event.type === 'ENTRY_FIELD' ? stepOf(event.step) : undefined;
        if (!step || event.type !== 'ENTRY_FIELD') return {};
        const draft = withField(step, context.draft, event.field, event.value);
        const next = { ...context, draft, failures: { ...context.failures, [step.id]: 0 }, pending: null };
        return entriesFull(step, draft) ? recordValues(flow, next, { [step.id]: draft.entries }) : next;
      }),
      // "Add another?": yes asks the first field again, no records the entries as the step's answer.
      settleMore: assign(({ context, event }) => {
        const draft = context.draft;
        if (event.type !== 'ENTRY_MORE' || draft?.step !== event.step) return {};
        if (event.more) return { draft: { ...draft, awaitingMore: false }, pending: null };
        return recordValues(flow, context, { [event.step]: draft.entries });
      }),
      // A correction that needs a clarification clears the old answer, so that step is asked next.
      clearStep: assign(({ context, event }) =>
        event.type === 'EDIT' || (event.type === 'CLARIFY' && Object.hasOwn(context.answers, event.step))
          ? withoutAnswers(context, stepAndDependents(flow, event.step))
          : {},
      ),
      clearLast: assign(({ context }) => {
        const last = context.order.at(-1);
        return last ? withoutAnswers(context, stepAndDependents(flow, last)) : { pending: null };
      }),
      reset: assign(({ context }) => ({ ...emptyContext(), ...(context.known ? { known: context.known } : {}) })),
      // A declined or unusable known answer is not offered again.
      countFailure: assign(({ context, event }) =>
        event.type === 'INVALID'
          ? {
              failures: { ...context.failures, [event.step]: (context.failures[event.step] ?? 0) + 1 },
              pending: null,
              ...(context.known && Object.hasOwn(context.known, event.step) ? { known: withoutKey(context.known, event.step) } : {}),
            }
          : {},
      ),
      sayReason: emit(({ event }) => ({
        type: 'say' as const,
        message: event.type === 'INVALID' ? event.reason : { key: 'common:errors.unexpected' },
      })),
      sayHelpAfterFailures: enqueueActions(({ context, event, enqueue }) => {
        const step = event.type === 'INVALID' ? stepOf(event.step) : undefined;
        const failures = step ? (context.failures[step.id] ?? 0) : 0;
        if (!step || failures < FAILURES_BEFORE_HELP || failures % FAILURES_BEFORE_HELP !== 0) return;
        const key = step.optional ? 'common:help.offer_skip' : 'common:help.offer';
        enqueue.emit({ type: 'say', message: { key, vars: { help: helpFor(step) } } });
      }),
      sayHelp: enqueueActions(({ event, enqueue }) => {
        const step = event.type === 'HELP' ? stepOf(event.step) : undefined;
        if (step) enqueue.emit({ type: 'say', message: { key: 'common:help.command', vars: { help: helpFor(step) } } });
      }),
      sayNotes: enqueueActions(({ event, enqueue }) => {
        if (event.type !== 'ANSWER' && event.type !== 'ANSWERS') return;
        for (const message of event.notes ?? []) enqueue.emit({ type: 'say', message });
      }),
      sayPaused: emit({ type: 'say' as const, message: { key: 'common:stop.paused' } }),
      saySkipped: emit({ type: 'say' as const, message: { key: 'common:skip_onboarding.done' } }),
      saySkipNotAllowed: emit({ type: 'say' as const, message: { key: 'common:skip_onboarding.not_allowed' } }),
      sayWelcomeBack: emit({ type: 'say' as const, message: { key: 'common:skip_onboarding.resumed' } }),
      sayResumed: emit({ type: 'say' as const, message: { key: 'common:stop.resumed' } }),
      sayBackNothing: emit({ type: 'say' as const, message: { key: 'common:back.nothing' } }),
      sayRestarted: emit({ type: 'say' as const, message: { key: 'common:restart.done' } }),
      setPending: assign(({ event }) =>
        event.type === 'CLARIFY' ? { pending: { step: event.step, question: event.question, options: event.options } } : {},
      ),
      pruneInapplicable: assign(({ context }) => {
        const keep = new Set(applicableSteps(flow, context.answers).map((s) => s.id));
        return withoutAnswers(context, new Set(Object.keys(context.answers).filter((id) => !keep.has(id))));
      }),
      applyReview: assign(({ context, event }) => {
        if (event.type !== 'REVIEW_FAILED') return {};
        const cleared = withoutAnswers(context, stepAndDependents(flow, event.step));
        return { ...cleared, pending: event.clarify ? { step: event.step, ...event.clarify } : null };
      }),
      sayReviewReason: enqueueActions(({ event, enqueue }) => {
        if (event.type === 'REVIEW_FAILED' && event.reason) enqueue.emit({ type: 'say', message: event.reason });
      }),
    },
  }).createMachine({
    id: 'flow',
    context: ({ input }) => input?.context ?? emptyContext(),
    initial: 'collecting',
    states: {
      collecting: {
        initial: 'routing',
        on: {
          ANSWER: { actions: ['recordAnswer', 'sayNotes'], target: '.routing' },
          ANSWERS: { actions: ['recordAnswer', 'sayNotes'], target: '.routing' },
          ENTRY_FIELD: { actions: 'recordField', target: '.routing' },
          ENTRY_MORE: { actions: 'settleMore', target: '.routing' },
          EDIT: { actions: 'clearStep', target: '.routing' },
          BACK: [
            { guard: ({ context }) => context.order.length === 0, actions: 'sayBackNothing', target: '.routing' },
            { actions: 'clearLast', target: '.routing' },
          ],
          RESTART: { actions: ['reset', 'sayRestarted'], target: '.routing' },
          STOP: { actions: 'sayPaused', target: 'paused' },
          SKIP_FLOW: [
            { guard: () => flow.skippable, actions: 'saySkipped', target: 'skipped' },
            { actions: 'saySkipNotAllowed', target: '.routing' },
          ],
        },
        states: { routing: { always: routes }, ...stepStates },
      },
      // Paused by the person ("stop") or by the channel (a hang-up); any next message resumes at the same step.
      paused: {
        on: {
          RESUME: { actions: 'sayResumed', target: 'collecting' },
          SKIP_FLOW: { guard: () => flow.skippable, actions: 'saySkipped', target: 'skipped' },
        },
      },
      // The whole onboarding skipped (flows with `skippable`); answers are kept and a start resumes it.
      skipped: { on: { RESUME: { actions: 'sayWelcomeBack', target: 'collecting' } } },
      reviewing: {
        entry: 'pruneInapplicable',
        on: {
          REVIEW_PASSED: 'generating',
          REVIEW_FAILED: { actions: ['applyReview', 'sayReviewReason'], target: 'collecting' },
        },
      },
      generating: { on: { PROFILE_READY: 'completed', PROFILE_FAILED: 'failed' } },
      completed: { type: 'final' },
      failed: { type: 'final' },
    },
  });
}

function withoutKey<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}

/** The machine type for one flow. */
export type FlowMachine = ReturnType<typeof buildFlowMachine>;


/** How a known answer is shown for confirmation: a place by its name and country, a list joined, else as text. */
function knownLabel(value: AnswerValue): string {
  if (Array.isArray(value)) return value.map(knownLabel).join(', ');
  if (value && typeof value === 'object') {
    const parts = [value.name, value.country_name].filter((part): part is string => typeof part === 'string');
    return parts.length > 0 ? parts.join(', ') : JSON.stringify(value);
  }
  return String(value);
}
