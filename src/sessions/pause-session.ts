import { advanceConversation, parsePersisted, readConversation } from '../conversation/conversation.js';
import type { FlowEvent } from '../conversation/flow-machine.js';
import { renderOutputs } from '../conversation/render-outputs.js';
import { withVariant } from '../conversation/translate.js';
import type { ServiceDeps } from './service-deps.js';
import { flowFor, loadAuthorized, withRetries } from './session-access.js';
import { buildReply, type TurnReply } from './session-views.js';
import { sessionWriteOf } from './settle-turn.js';
import { turnEvents } from './turn-events.js';

export interface PauseInput {
  sessionId: string;
  messageKey: string | null;
  variant?: string;
}

/**
 * Pauses a session that is answering questions, as "stop" does (for a channel's hang-up); idempotent by
 * messageKey. Null when the session was not answering questions (already paused, generating, finished).
 */
export function pauseSession(deps: ServiceDeps, input: PauseInput): Promise<TurnReply | null> {
  const startedAt = performance.now();
  return withRetries(async () => {
    const loaded = await loadAuthorized(deps, input.sessionId, null, input.messageKey);
    if (loaded.duplicateReply !== undefined) return loaded.duplicateReply as TurnReply;
    const { session } = loaded;
    const runtime = flowFor(deps, session.flowId, false);
    const persisted = parsePersisted(session.snapshot);
    if (readConversation(runtime, persisted).phase !== 'collecting') return null;
    const event: FlowEvent = { type: 'STOP' };
    const step = advanceConversation(runtime, persisted, event);
    const messages = renderOutputs(runtime, step.outputs, withVariant(deps.localizer.translator(session.language), input.variant));
    const reply = buildReply(session.id, runtime, step.state, messages);
    const outcome = await deps.store.commit({
      sessionId: session.id,
      expectedVersion: session.version,
      messageKey: input.messageKey,
      reply,
      session: sessionWriteOf(step, runtime),
      events: turnEvents({ channel: session.channel, event, outputs: step.outputs, messages, statusBefore: session.status, statusAfter: reply.status }),
    });
    if (outcome.outcome === 'conflict') return 'conflict';
    if (outcome.outcome === 'duplicate') return outcome.reply as TurnReply;
    deps.logger.info(
      { session: session.id, flow: session.flowId, step: session.currentStep, channel: session.channel, outcome: 'paused', ms: Math.round(performance.now() - startedAt) },
      'turn',
    );
    return reply;
  });
}
