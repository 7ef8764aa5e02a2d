import { advanceConversation, type StepResult } from '../conversation/conversation.js';
import type { FlowEvent } from '../conversation/flow-machine.js';
import type { FlowRuntime } from '../conversation/flow-runtime.js';
import type { PersistedSession } from '../conversation/persisted-session.js';
import type { ServiceDeps } from './service-deps.js';
import { statusOf } from './session-views.js';

/**
 * Sends the machine the facts it needs once every answer is in (the profile generator's review of the
 * answers together), so a turn always ends in a stable state: asking a question, paused, or generating.
 */
export function settleTurn(deps: ServiceDeps, runtime: FlowRuntime, language: string, first: StepResult): StepResult {
  if (first.state.phase !== 'reviewing') return first;
  const generator = deps.generators.get(runtime.definition.profile);
  const review = generator?.review?.(first.state.context.answers, language) ?? null;
  const event: FlowEvent = !review
    ? { type: 'REVIEW_PASSED' }
    : review.result.kind === 'rejected'
      ? { type: 'REVIEW_FAILED', step: review.step, reason: review.result.reason }
      : { type: 'REVIEW_FAILED', step: review.step, clarify: { question: review.result.question, options: review.result.options } };
  const second = advanceConversation(runtime, first.persisted, event);
  return { ...second, outputs: [...first.outputs, ...second.outputs] };
}

/** The session columns a turn's result writes. */
export function sessionWriteOf(step: StepResult, runtime: FlowRuntime) {
  return {
    status: statusOf(step.state.phase),
    currentStep: step.state.phase === 'collecting' ? step.state.step : null,
    collectedData: step.state.context.answers,
    snapshot: step.persisted satisfies PersistedSession,
    flowVersion: runtime.definition.version,
    flowHash: runtime.hash,
  };
}
