import type { ConversationPhase, ConversationState } from '../conversation/conversation.js';
import { progressOf, type Progress } from '../conversation/flow-context.js';
import type { FlowRuntime } from '../conversation/flow-runtime.js';
import type { OutgoingMessage } from '../conversation/render-outputs.js';
import type { SessionStatus } from '../store/session-store.js';

/** What every turn answers: the API body of start and reply, and what channels render. */
export interface TurnReply {
  session_id: string;
  status: SessionStatus;
  next_step: string | null;
  message: string;
  messages: OutgoingMessage[];
  progress: Progress;
  profile?: Record<string, unknown>;
}

export function statusOf(phase: ConversationPhase): SessionStatus {
  switch (phase) {
    case 'collecting':
    case 'reviewing':
      return 'collecting_data';
    case 'paused':
      return 'paused';
    case 'skipped':
      return 'skipped';
    case 'generating':
      return 'generating_chart';
    case 'completed':
      return 'completed';
    case 'failed':
      return 'failed';
  }
}

export function buildReply(
  sessionId: string,
  runtime: FlowRuntime,
  state: ConversationState,
  messages: OutgoingMessage[],
  profile?: Record<string, unknown> | null,
): TurnReply {
  const done = state.phase === 'completed';
  return {
    session_id: sessionId,
    status: statusOf(state.phase),
    next_step: state.phase === 'collecting' ? state.step : null,
    message: messages.at(-1)?.text ?? '',
    messages,
    progress: progressOf(runtime.definition, state.context.answers, done),
    ...(profile ? { profile } : {}),
  };
}
