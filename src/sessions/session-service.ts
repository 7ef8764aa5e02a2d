import type { ConversationState, StepResult } from '../conversation/conversation.js';
import { advanceConversation, parsePersisted, readConversation, startConversation } from '../conversation/conversation.js';
import type { FlowEvent, FlowOutput } from '../conversation/flow-machine.js';
import type { FlowRuntime } from '../conversation/flow-runtime.js';
import { interpretReply } from '../conversation/interpret-reply.js';
import type { PersistedSession } from '../conversation/persisted-session.js';
import { renderOutputs, renderQuestion, type OutgoingMessage } from '../conversation/render-outputs.js';
import { AppError, BadRequestError, SessionNotFoundError, SessionStateError } from '../errors.js';
import type { Channel, LoadedSession, SessionRecord } from '../store/session-store.js';
import { buildReply, statusOf, type TurnReply } from './session-views.js';
import { hashSessionKey, newSessionKey, sessionKeyMatches } from './session-keys.js';
import type { ServiceDeps } from './service-deps.js';
import { ProfileRunner } from './profile-runner.js';
import { turnEvents } from './turn-events.js';

/** Turns that lost a race are re-run on the new state this many times before giving up. */
const MAX_ATTEMPTS = 8;

export interface StartInput {
  flow?: string;
  language: string;
  channel: Channel;
  phoneNumber?: string | null;
}

export interface ReplyInput {
  sessionId: string;
  /** The secret key the client holds; null for channels that identify the session another way. */
  key: string | null;
  text: string;
  /** Idempotency key of the inbound message, already namespaced by channel (e.g. `web:<id>:<client id>`). */
  messageKey: string | null;
}

/** The session as the GET endpoint shows it. */
export interface SessionView extends TurnReply {
  flow: string;
  language: string;
  channel: Channel;
  collected_data: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

/** The turn pipeline: load -> interpret -> step the machine -> persist -> (generate the profile). */
export class SessionService {
  readonly profiles: ProfileRunner;

  constructor(private readonly deps: ServiceDeps) {
    this.profiles = new ProfileRunner(deps);
  }

  async start(input: StartInput): Promise<{ sessionKey: string; reply: TurnReply }> {
    const runtime = this.flowFor(input.flow ?? this.deps.defaultFlow, true);
    if (!runtime.definition.languages.includes(input.language) || !this.deps.localizer.languages.includes(input.language)) {
      throw new BadRequestError(
        'unsupported_language',
        `Language "${input.language}" is not offered by this flow; use one of: ${runtime.definition.languages.join(', ')}.`,
      );
    }
    const sessionId = crypto.randomUUID();
    const sessionKey = newSessionKey();
    const translate = this.deps.localizer.translator(input.language);
    const step = startConversation(runtime);
    const messages = renderOutputs(runtime, step.outputs, translate, { greeting: true });
    const reply = buildReply(sessionId, runtime, step.state, messages);
    const outcome = await this.deps.store.commit({
      sessionId,
      create: {
        keyHash: hashSessionKey(sessionKey),
        channel: input.channel,
        language: input.language,
        flowId: runtime.definition.id,
        phoneNumber: input.phoneNumber ?? null,
      },
      session: this.sessionWrite(step, runtime),
      events: [
        { kind: 'session_started', channel: input.channel, payload: { flow: runtime.definition.id, flow_version: runtime.definition.version } },
        ...turnEvents({ channel: input.channel, outputs: step.outputs, messages, statusBefore: null, statusAfter: reply.status }),
      ],
    });
    if (outcome.outcome !== 'committed') throw new AppError('store_error', `could not create session (${outcome.outcome})`);
    this.deps.logger.info({ session: sessionId, flow: runtime.definition.id, step: reply.next_step, channel: input.channel, outcome: 'started' }, 'turn');
    return { sessionKey, reply };
  }

  async reply(input: ReplyInput): Promise<TurnReply> {
    const startedAt = performance.now();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const loaded = await this.loadAuthorized(input.sessionId, input.key, input.messageKey);
      if (loaded.duplicateReply !== undefined) {
        this.logTurn(loaded.session, null, 'duplicate', startedAt);
        return loaded.duplicateReply as TurnReply;
      }
      const { session } = loaded;
      this.assertOpen(session);
      const runtime = this.flowFor(session.flowId, false);
      const persisted = parsePersisted(session.snapshot);
      const translate = this.deps.localizer.translator(session.language);
      const before = readConversation(runtime, persisted);
      const event = interpretReply(input.text, {
        runtime,
        state: before,
        language: session.language,
        now: this.deps.clock(),
        translate,
        commands: this.deps.localizer.commandWords(session.language),
        parsers: this.deps.parsers,
      });
      const step = this.settle(runtime, session, advanceConversation(runtime, persisted, event));
      const messages = renderOutputs(runtime, step.outputs, translate);
      if (step.state.phase === 'generating') messages.push({ text: translate('common:status.generating') });
      const reply = buildReply(session.id, runtime, step.state, messages);
      const outcome = await this.deps.store.commit({
        sessionId: session.id,
        expectedVersion: session.version,
        messageKey: input.messageKey,
        reply,
        session: this.sessionWrite(step, runtime),
        events: turnEvents({
          channel: session.channel,
          inbound: { text: input.text, messageId: input.messageKey },
          event,
          outputs: step.outputs,
          messages,
          statusBefore: session.status,
          statusAfter: reply.status,
        }),
      });
      if (outcome.outcome === 'conflict') continue;
      if (outcome.outcome === 'duplicate') return outcome.reply as TurnReply;
      this.logTurn(session, before.step, event.type.toLowerCase(), startedAt);
      if (step.state.phase !== 'generating') return reply;
      return this.profiles.generateWithin(session.id, { messageKey: input.messageKey, reply }, this.deps.profileWaitMs);
    }
    throw new SessionStateError('session_busy', 'This session is receiving many answers at once; try again.');
  }

  async view(sessionId: string, key: string | null): Promise<SessionView> {
    const { session, profile } = await this.loadAuthorized(sessionId, key, null);
    const runtime = this.flowFor(session.flowId, false);
    const translate = this.deps.localizer.translator(session.language);
    const state = readConversation(runtime, parsePersisted(session.snapshot));
    const messages = this.currentMessages(runtime, state, translate, profile?.data);
    return {
      ...buildReply(session.id, runtime, state, messages, profile?.data),
      flow: session.flowId,
      language: session.language,
      channel: session.channel,
      collected_data: session.collectedData,
      created_at: session.createdAt.toISOString(),
      updated_at: session.updatedAt.toISOString(),
      completed_at: session.completedAt?.toISOString() ?? null,
    };
  }

  /** Sends the machine the facts it needs after answers are in (review), so a turn ends in a stable state. */
  private settle(runtime: FlowRuntime, session: SessionRecord, first: StepResult): StepResult {
    if (first.state.phase !== 'reviewing') return first;
    const generator = this.deps.generators.get(runtime.definition.profile);
    const review = generator?.review?.(first.state.context.answers, session.language) ?? null;
    const event: FlowEvent = !review
      ? { type: 'REVIEW_PASSED' }
      : review.result.kind === 'rejected'
        ? { type: 'REVIEW_FAILED', step: review.step, reason: review.result.reason }
        : { type: 'REVIEW_FAILED', step: review.step, clarify: { question: review.result.question, options: review.result.options } };
    const second = advanceConversation(runtime, first.persisted, event);
    const outputs: FlowOutput[] = [...first.outputs, ...second.outputs];
    return { ...second, outputs };
  }

  private currentMessages(
    runtime: FlowRuntime,
    state: ConversationState,
    translate: (key: string) => string,
    profile: Record<string, unknown> | undefined,
  ): OutgoingMessage[] {
    switch (state.phase) {
      case 'collecting': {
        if (!state.step) return [];
        const pending = state.context.pending?.step === state.step ? state.context.pending : null;
        return [renderQuestion(runtime.definition, { type: 'ask', step: state.step, pending }, translate)];
      }
      case 'reviewing':
      case 'generating':
        return [{ text: translate('common:status.generating') }];
      case 'completed':
        return [{ text: typeof profile?.summary === 'string' ? profile.summary : translate('common:status.completed') }];
      case 'failed':
        return [{ text: translate('common:status.failed') }];
    }
  }

  private sessionWrite(step: StepResult, runtime: FlowRuntime) {
    return {
      status: statusOf(step.state.phase),
      currentStep: step.state.phase === 'collecting' ? step.state.step : null,
      collectedData: step.state.context.answers,
      snapshot: step.persisted satisfies PersistedSession,
      flowVersion: runtime.definition.version,
      flowHash: runtime.hash,
    };
  }

  private async loadAuthorized(sessionId: string, key: string | null, messageKey: string | null): Promise<LoadedSession> {
    const loaded = await this.deps.store.load(sessionId, messageKey);
    // Unknown session and wrong key look exactly the same from outside.
    if (!loaded || (key !== null && !sessionKeyMatches(key, loaded.session.keyHash)) || !loaded.session.snapshot) {
      throw new SessionNotFoundError();
    }
    return loaded;
  }

  private assertOpen(session: SessionRecord): void {
    if (session.status === 'completed') throw new SessionStateError('session_completed', 'This session is already complete.');
    if (session.status === 'failed') throw new SessionStateError('session_failed', 'This session could not be completed.');
    if (session.status === 'generating_chart') {
      throw new SessionStateError('session_busy', 'The profile is being prepared; fetch the session to see when it is ready.');
    }
  }

  private flowFor(flowId: string, fromRequest: boolean): FlowRuntime {
    const runtime = this.deps.flows.get(flowId);
    if (runtime) return runtime;
    if (fromRequest) throw new BadRequestError('unknown_flow', `No flow named "${flowId}".`);
    throw new AppError('flow_unavailable', `Flow "${flowId}" of this session is not loaded.`, 503);
  }

  private logTurn(session: SessionRecord, step: string | null, outcome: string, startedAt: number): void {
    this.deps.logger.info(
      { session: session.id, flow: session.flowId, step, channel: session.channel, outcome, ms: Math.round((performance.now() - startedAt) * 10) / 10 },
      'turn',
    );
  }
}
