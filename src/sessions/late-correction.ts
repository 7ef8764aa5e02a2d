import { startConversation, type ConversationState, type StepResult } from '../conversation/conversation.js';
import type { FlowEvent } from '../conversation/flow-machine.js';
import type { FlowRuntime } from '../conversation/flow-runtime.js';
import { readLateCorrection } from '../conversation/late-correction.js';
import type { MessageRef } from '../conversation/parsers/parser-types.js';
import type { Translate } from '../conversation/translate.js';
import type { SessionRecord } from '../store/session-store.js';
import type { ServiceDeps } from './service-deps.js';

/**
 * How long after completing an onboarding a correction still reopens it: seven days from the first completion
 * (`completed_at` keeps that time when the session completes again). Later, the bot says the answers can no longer
 * be changed here and how to get help; the outcome stays as it was.
 */
export const LATE_CORRECTION_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export type LateCorrectionTurn =
  /** The session starts again from the corrected answers: review, a new outcome, or the question reopened. */
  | { kind: 'reopen'; step: StepResult; event: FlowEvent }
  /** Nothing changes; say this. */
  | { kind: 'refuse'; messages: MessageRef[] };

/** A completed session's reply that corrects an answer; null when the text is no correction (the 409 stands). */
export function lateCorrectionTurn(
  deps: ServiceDeps,
  session: SessionRecord,
  runtime: FlowRuntime,
  before: ConversationState,
  text: string,
  translate: Translate,
): LateCorrectionTurn | null {
  const now = deps.clock();
  const correction = readLateCorrection(text, {
    runtime,
    context: before.context,
    language: session.language,
    now,
    translate,
    dialogue: deps.localizer.dialogueWords(session.language, runtime.definition.namespace),
    parsers: deps.parsers,
  });
  if (!correction) return null;
  const completedAt = session.completedAt ?? session.updatedAt;
  if (now.getTime() - completedAt.getTime() > LATE_CORRECTION_WINDOW_MS) {
    return { kind: 'refuse', messages: [{ key: 'common:reopen.too_late', vars: { days: LATE_CORRECTION_WINDOW_MS / 86_400_000 } }] };
  }
  if (correction.kind === 'invalid') return { kind: 'refuse', messages: [correction.reason] };
  const started = startConversation(runtime, correction.context);
  const said = correction.notes.map((message) => ({ type: 'say' as const, message }));
  const value = correction.context.answers[correction.step];
  const event: FlowEvent = value === undefined ? { type: 'EDIT', step: correction.step } : { type: 'ANSWER', step: correction.step, value };
  return { kind: 'reopen', step: { ...started, outputs: [...said, ...started.outputs] }, event };
}
