import { parsePersisted, readConversation } from '../conversation/conversation.js';
import type { OutgoingMessage } from '../conversation/render-outputs.js';
import { BadRequestError, SessionStateError } from '../errors.js';
import type { ServiceDeps } from './service-deps.js';
import { currentQuestion, flowFor, loadAuthorized, withRetries } from './session-access.js';
import { buildReply, type TurnReply } from './session-views.js';
import { turnEvents } from './turn-events.js';

export interface ChangeLanguageInput {
  sessionId: string;
  language: string;
  /** What the person wrote ("español"), for the event log. */
  text: string;
  messageKey: string | null;
  /** An i18n key said before the question, in the new language (e.g. "OK, in Spanish then"). */
  introKey?: string;
}

/**
 * Switches an open session to another of its flow's languages and asks the current question again in it.
 * The answers and the machine's state stay as they are; only the session's language changes. Idempotent by
 * messageKey like a reply. Channels that identify the session themselves (SMS, WhatsApp) call it; no key check.
 */
export function changeLanguage(deps: ServiceDeps, input: ChangeLanguageInput): Promise<TurnReply> {
  return withRetries(async () => {
    const loaded = await loadAuthorized(deps, input.sessionId, null, input.messageKey);
    if (loaded.duplicateReply !== undefined) return loaded.duplicateReply as TurnReply;
    const { session } = loaded;
    const runtime = flowFor(deps, session.flowId, false);
    if (!runtime.definition.languages.includes(input.language) || !deps.localizer.languages.includes(input.language)) {
      throw new BadRequestError('UNSUPPORTED_LANGUAGE', `Language "${input.language}" is not offered by this flow.`);
    }
    if (session.status !== 'collecting_data') throw new SessionStateError('SESSION_BUSY', 'The language can change only while answering questions.');
    const persisted = parsePersisted(session.snapshot);
    const state = readConversation(runtime, persisted);
    const translate = deps.localizer.translator(input.language);
    const messages: OutgoingMessage[] = input.introKey ? [{ text: translate(input.introKey) }] : [];
    const question = currentQuestion(runtime, state, translate);
    if (question) messages.push(question);
    const reply = buildReply(session.id, runtime, state, messages);
    const outcome = await deps.store.commit({
      sessionId: session.id,
      expectedVersion: session.version,
      messageKey: input.messageKey,
      reply,
      session: {
        status: session.status,
        currentStep: session.currentStep,
        collectedData: session.collectedData,
        snapshot: persisted,
        language: input.language,
      },
      events: turnEvents({
        channel: session.channel,
        inbound: { text: input.text, messageId: input.messageKey },
        outputs: [],
        messages,
        statusBefore: session.status,
        statusAfter: session.status,
      }),
    });
    if (outcome.outcome === 'conflict') return 'conflict';
    if (outcome.outcome === 'duplicate') return outcome.reply as TurnReply;
    deps.logger.info({ session: session.id, flow: session.flowId, channel: session.channel, outcome: 'language_changed', language: input.language }, 'turn');
    return reply;
  });
}
