import { startConversation } from '../conversation/conversation.js';
import { emptyContext } from '../conversation/flow-context.js';
import { renderOutputs } from '../conversation/render-outputs.js';
import { withVariant } from '../conversation/translate.js';
import type { AnswerValue } from '../conversation/parsers/parser-types.js';
import { AppError, BadRequestError, UnauthorizedError } from '../errors.js';
import type { Channel, TurnWrite } from '../store/session-store.js';
import { storableText } from './inbound-text.js';
import { productWrites } from './product-writes.js';
import type { ServiceDeps } from './service-deps.js';
import { flowFor } from './session-access.js';
import { hashSessionKey, idempotentStart, newSessionKey } from './session-keys.js';
import { buildReply, type TurnReply } from './session-views.js';
import { sessionWriteOf } from './settle-turn.js';
import { turnEvents } from './turn-events.js';

export interface StartInput {
  flow?: string;
  language: string;
  channel: Channel;
  phoneNumber?: string | null;
  /** SMS / WhatsApp: the number the person wrote to. */
  botNumber?: string | null;
  /** A start caused by an inbound message (SMS / WhatsApp): its idempotency key and text. */
  messageKey?: string | null;
  inboundText?: string;
  /** Say each message in this variant where the locale files have one (i18n context, e.g. `voice`: `key_voice`). */
  variant?: string;
  /** A verified signed-in user (flows with audience `user`, which need one). */
  userId?: string;
  /** Answers the product already knows (from the user's claims), offered for confirmation at their steps. */
  known?: Record<string, AnswerValue>;
  /** A phone call: the call the session is on (its webhooks alone reach the session). */
  callSid?: string;
  /**
   * An Idempotency-Key: a retry with the same key and scope (the client: its address) gets the first request's
   * session, key and reply; the same key with another `request` (the body) is refused (409).
   */
  idempotency?: { key: string; scope: string; request: string };
}

/** How long an Idempotency-Key holds its session. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** A started session: its key (shown once) and first reply; `duplicate` when the start was made before (its stored reply). */
export interface StartedSession {
  sessionKey: string;
  reply: TurnReply;
  duplicate?: true;
}

/**
 * The turn that starts a session: the flow's first question, in one commit with the session row, its first
 * events and (for a signed-in user or a practitioner) the product's rows. With an Idempotency-Key, a retry gets
 * the first start's session and reply; from an inbound message, the message's key makes a redelivery a duplicate.
 */
export async function startSession(deps: ServiceDeps, input: StartInput): Promise<StartedSession> {
  const startedAt = performance.now();
  const runtime = flowFor(deps, input.flow ?? deps.defaultFlow, true);
  const forUser = runtime.definition.audience === 'user';
  if (forUser && !input.userId) throw new UnauthorizedError(`Flow "${runtime.definition.id}" is for signed-in users: use /api/users/me/onboarding.`);
  if (!forUser && input.userId) throw new BadRequestError('UNKNOWN_FLOW', `Flow "${runtime.definition.id}" is not a signed-in user's flow.`);
  // A phone flow's session belongs to a verified number: the provider's sender or caller id, or a web sign-in.
  const forPhone = runtime.definition.audience === 'phone';
  if (forPhone && !input.phoneNumber) {
    throw new UnauthorizedError(`Flow "${runtime.definition.id}" is for a verified phone: sign in with POST /api/v2/practitioners/otp.`);
  }
  if (!runtime.definition.languages.includes(input.language) || !deps.localizer.languages.includes(input.language)) {
    throw new BadRequestError(
      'UNSUPPORTED_LANGUAGE',
      `Language "${input.language}" is not offered by this flow; use one of: ${runtime.definition.languages.join(', ')}.`,
    );
  }
  const sessionId = crypto.randomUUID();
  const once = input.idempotency && deps.idempotency ? idempotentStart(input.idempotency, deps.idempotency.secret) : null;
  const sessionKey = once?.sessionKey(sessionId) ?? newSessionKey();
  const translate = withVariant(deps.localizer.translator(input.language), input.variant);
  const step = startConversation(runtime, input.known ? { ...emptyContext(), known: input.known } : emptyContext());
  const messages = renderOutputs(runtime, step.outputs, translate, { greeting: true });
  const now = deps.clock();
  const reply = buildReply(sessionId, runtime, step.state, messages);
  const owner = { userId: input.userId ?? null, phoneNumber: input.phoneNumber ?? null };
  const writes = productWrites({ runtime, outcomes: deps.outcomes, owner, startedAt: now, before: null, after: step.state, now });
  const turn: TurnWrite = {
    sessionId,
    create: {
      keyHash: hashSessionKey(sessionKey),
      channel: input.channel,
      language: input.language,
      flowId: runtime.definition.id,
      phoneNumber: input.phoneNumber ?? null,
      botNumber: input.botNumber ?? null,
      userId: input.userId ?? null,
    },
    messageKey: input.messageKey ?? null,
    reply,
    session: { ...sessionWriteOf(step, runtime), ...(input.callSid ? { callSid: input.callSid } : {}) },
    events: [
      { kind: 'session_started', channel: input.channel, payload: { flow: runtime.definition.id, flow_version: runtime.definition.version } },
      ...turnEvents({
        channel: input.channel,
        ...(input.inboundText !== undefined ? { inbound: { text: storableText(input.inboundText), messageId: input.messageKey ?? null } } : {}),
        outputs: step.outputs,
        messages,
        statusBefore: null,
        statusAfter: reply.status,
      }),
    ],
    ...(writes.length > 0 ? { writes } : {}),
  };
  if (once && deps.idempotency) {
    const first = await deps.idempotency.store.startOnce({ ...turn, reply }, { keyHash: once.keyHash, requestHash: once.requestHash, ttlSeconds: IDEMPOTENCY_TTL_SECONDS });
    if (first.outcome === 'replay') {
      if (first.requestHash !== once.requestHash) {
        throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with another request body; use a new key.', 409);
      }
      deps.logger.info({ session: first.sessionId, outcome: 'start_replayed' }, 'turn');
      return { sessionKey: once.sessionKey(first.sessionId), reply: first.reply as TurnReply, duplicate: true };
    }
    deps.logger.info({ session: sessionId, flow: runtime.definition.id, step: reply.next_step, channel: input.channel, outcome: 'started' }, 'turn');
    return { sessionKey, reply };
  }
  const outcome = await deps.store.commit(turn);
  if (outcome.outcome === 'duplicate') return { sessionKey: '', reply: outcome.reply as TurnReply, duplicate: true };
  if (outcome.outcome !== 'committed') throw new AppError('store_error', `could not create session (${outcome.outcome})`);
  const ms = performance.now() - startedAt;
  deps.observeTurn?.({ flow: runtime.definition.id, channel: input.channel, outcome: 'started', ms });
  deps.logger.info(
    { session: sessionId, flow: runtime.definition.id, step: reply.next_step, channel: input.channel, outcome: 'started', ms: Math.round(ms * 10) / 10 },
    'turn',
  );
  return { sessionKey, reply };
}
