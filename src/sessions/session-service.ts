import { advanceConversation, advanceConversationBy, parsePersisted, readConversation, type ConversationState } from '../conversation/conversation.js';
import type { FlowEvent } from '../conversation/flow-machine.js';
import type { FlowRuntime } from '../conversation/flow-runtime.js';
import { interpretReply } from '../conversation/interpret-reply.js';
import { renderOutputs } from '../conversation/render-outputs.js';
import { translateRef, withVariant, type Translate } from '../conversation/translate.js';
import { AppError } from '../errors.js';
import type { Channel, SessionRecord } from '../store/session-store.js';
import { changeLanguage, type ChangeLanguageInput } from './change-language.js';
import { decideOn, RefusedOnMemory } from './decide-on.js';
import { storableText } from './inbound-text.js';
import { lateCorrectionTurn } from './late-correction.js';
import { pauseSession, type PauseInput } from './pause-session.js';
import { productWrites } from './product-writes.js';
import { makeProfileInTurn } from './profile-outcome.js';
import { ProfileRunner } from './profile-runner.js';
import { resumingAnswer } from './resuming-answer.js';
import type { ServiceDeps } from './service-deps.js';
import { assertOpen, currentMessages, flowFor, loadAuthorized, withRetries } from './session-access.js';
import { buildReply, statusOf, type TurnReply } from './session-views.js';
import { sessionWriteOf, settleTurn } from './settle-turn.js';
import { startSession, type StartedSession, type StartInput } from './start-session.js';
import { turnEvents } from './turn-events.js';
import { TurnStages } from './turn-stages.js';

export interface ReplyInput {
  sessionId: string;
  /** The secret key the client holds; null for channels that identify the session another way. */
  key: string | null;
  text: string;
  /** Idempotency key of the inbound message, already namespaced by channel (e.g. `web:<id>:<client id>`). */
  messageKey: string | null;
  /** See StartInput.variant. */
  variant?: string;
  /** Channels that may have misheard (voice): may turn a fresh answer into a question confirming it. */
  confirm?: ConfirmAnswer;
  /** The signed-in user the session must belong to (with `key` null). */
  userId?: string;
  /** Structured input (the status API): the event to send, decided from the state, instead of reading `text`. */
  decide?: (state: ConversationState, runtime: FlowRuntime) => FlowEvent;
  /** The channel this turn came through, when not the session's own (a form's PATCH on a chat session). */
  channel?: Channel;
}

/**
 * Returns the event to apply instead of `event`: itself, or (for an answer to confirm) a CLARIFY whose one
 * option is the value, which the next reply accepts with "yes" / "1" or declines with "no" / "2".
 */
export type ConfirmAnswer = (event: FlowEvent, turn: { runtime: FlowRuntime; step: string | null; language: string; translate: Translate }) => FlowEvent;

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

/** Optional behaviour of the service; all off by default. */
export interface SessionServiceOptions {
  /** Log per-stage durations of each reply turn in its `turn` line (`stages`); for the benchmark. */
  timeTurns?: boolean;
}

/** The turn pipeline: load -> interpret -> step the machine -> persist -> (generate the profile). */
export class SessionService {
  readonly profiles: ProfileRunner;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly options: SessionServiceOptions = {},
  ) {
    this.profiles = new ProfileRunner(deps);
  }

  /** Starts a session (see start-session.ts); `duplicate`: the stored reply of a start already made. */
  start(input: StartInput): Promise<StartedSession> {
    return startSession(this.deps, input);
  }

  async reply(raw: ReplyInput): Promise<TurnReply> {
    const input = { ...raw, text: storableText(raw.text) };
    const startedAt = performance.now();
    const stages = this.options.timeTurns ? new TurnStages(startedAt) : null;
    const committed = await withRetries((conflicts) => this.replyOnce(input, startedAt, stages, conflicts));
    if (!committed.generate) return committed.reply;
    return this.profiles.generateWithin(committed.generate, { messageKey: input.messageKey, reply: committed.reply }, this.deps.profileWaitMs);
  }

  /**
   * One attempt of a reply turn; `generate` names the session whose profile is now to be made. `conflicts`:
   * attempts before this one that found the row changed by another turn (said in the turn's log line).
   */
  private async replyOnce(
    input: ReplyInput,
    startedAt: number,
    stages: TurnStages | null,
    conflicts: number,
  ): Promise<{ reply: TurnReply; generate?: string } | 'conflict'> {
    // The row this process last wrote will do: the commit's version check verifies it, and a conflict drops it
    // from memory, so the retry reads the database.
    const loaded = await loadAuthorized(this.deps, input.sessionId, input.key, input.messageKey, { reuse: true, userId: input.userId });
    stages?.lap('load');
    if (loaded.duplicateReply !== undefined) {
      this.logTurn(loaded.session, null, 'duplicate', startedAt, null, conflicts);
      return { reply: loaded.duplicateReply as TurnReply };
    }
    const { session } = loaded;
    // A completed session may still take a correction of one of its answers (late-correction.ts).
    const finishedBefore = session.status === 'completed' && !input.decide;
    if (!finishedBefore) assertOpen(session);
    // A flood of replies to one session stores nothing more once it has taken this many turns.
    if (this.deps.maxTurns !== undefined && session.version >= this.deps.maxTurns) {
      throw new AppError('SESSION_TURN_LIMIT', 'This session has taken as many answers as it can; start a new one.', 429);
    }
    const runtime = flowFor(this.deps, session.flowId, false);
    const persisted = parsePersisted(session.snapshot);
    const translate = withVariant(this.deps.localizer.translator(session.language), input.variant);
    const before = readConversation(runtime, persisted);
    stages?.lap('restore');
    const late = finishedBefore ? lateCorrectionTurn(this.deps, session, runtime, before, input.text, translate) : null;
    if (finishedBefore && !late) assertOpen(session);
    if (late?.kind === 'refuse') {
      // Nothing is stored: the same message gets the same answer again.
      return { reply: buildReply(session.id, runtime, before, late.messages.map((m) => ({ text: translateRef(translate, m) }))) };
    }
    // A paused or skipped conversation resumes at its step, and the message is read as an answer to that step
    // ("5 March 1990" after "stop" is the birth date); one that answers nothing ("hello?") only resumes it.
    const resuming = !input.decide && (before.phase === 'paused' || before.phase === 'skipped');
    const asked = resuming ? advanceConversation(runtime, persisted, { type: 'RESUME' }).state : before;
    const read: FlowEvent | RefusedOnMemory = late
      ? late.event
      : input.decide
        ? decideOn(input.decide, before, runtime, loaded.remembered === true)
        : asked.phase !== 'collecting' || !asked.step
        ? { type: 'RESUME' }
        : interpretReply(input.text, {
            runtime,
            state: asked,
            language: session.language,
            now: this.deps.clock(),
            translate,
            commands: this.deps.localizer.commandWords(session.language),
            dialogue: this.deps.localizer.dialogueWords(session.language, runtime.definition.namespace),
            parsers: this.deps.parsers,
          });
    if (read instanceof RefusedOnMemory) {
      // Refused on the row this process remembered: the database decides before a refusal (another process may
      // have moved the session on). Reading it refreshes the memory; a row that moved runs the turn again on it.
      const stored = await this.deps.store.load(session.id);
      if (!stored || stored.session.version === session.version) throw read.error;
      return 'conflict';
    }
    let event = read;
    if (resuming) event = resumingAnswer(event, runtime, asked.step);
    // A reply that settles a pending clarification (a confirmation included) is not questioned again.
    if (input.confirm && asked.phase === 'collecting' && asked.context.pending?.step !== asked.step) {
      event = input.confirm(event, { runtime, step: asked.step, language: session.language, translate });
    }
    stages?.lap('parse');
    // A form's answer to a paused or skipped onboarding resumes it first, in the same turn.
    const resumeFirst =
      (resuming || (input.decide && (before.phase === 'paused' || before.phase === 'skipped'))) &&
      event.type !== 'RESUME' &&
      (event.type !== 'SKIP_FLOW' || before.phase === 'skipped');
    const events: FlowEvent[] = resumeFirst ? [{ type: 'RESUME' }, event] : [event];
    const step = settleTurn(this.deps, runtime, session.language, late ? late.step : advanceConversationBy(runtime, persisted, events));
    stages?.lap('transition');
    const finished =
      step.state.phase === 'generating'
        ? await makeProfileInTurn(this.deps, runtime, { ...session, answers: step.state.context.answers, persisted: step.persisted })
        : null;
    if (finished) stages?.lap('profile');
    const messages = renderOutputs(runtime, step.outputs, translate);
    if (step.state.phase === 'generating' && !finished) messages.push({ text: translate('common:status.generating') });
    const reply = finished
      ? { ...finished.reply, messages: [...messages, ...finished.messages] }
      : buildReply(session.id, runtime, step.state, messages);
    stages?.lap('render');
    const channel = input.channel ?? session.channel;
    const now = this.deps.clock();
    const writes = productWrites({
      runtime,
      outcomes: this.deps.outcomes,
      owner: session,
      startedAt: session.createdAt,
      before: before.context.answers,
      after: (finished?.step ?? step).state,
      now,
    });
    const outcome = await this.deps.store.commit({
      sessionId: session.id,
      expectedVersion: session.version,
      messageKey: input.messageKey,
      reply,
      session: sessionWriteOf(finished?.step ?? step, runtime),
      events: [
        ...turnEvents({
          channel,
          inbound: { text: input.text, messageId: input.messageKey },
          event,
          outputs: step.outputs,
          messages,
          statusBefore: session.status,
          statusAfter: statusOf(step.state.phase),
        }),
        ...(finished
          ? turnEvents({ channel, event: finished.event, outputs: finished.step.outputs, messages: finished.messages, statusBefore: 'generating_chart', statusAfter: reply.status })
          : []),
      ],
      ...(finished?.profile ? { profile: { kind: finished.profile.kind, data: finished.profile } } : {}),
      ...(writes.length > 0 ? { writes } : {}),
    });
    stages?.lap('persist');
    if (outcome.outcome === 'conflict') return 'conflict';
    if (outcome.outcome === 'duplicate') return { reply: outcome.reply as TurnReply };
    this.logTurn(session, before.step, event.type.toLowerCase(), startedAt, stages, conflicts, finished ? (finished.profile ? 'ready' : 'failed') : null);
    return step.state.phase === 'generating' && !finished ? { reply, generate: session.id } : { reply };
  }

  /** Switches an open session's language (see change-language.ts); for channels that identify the session themselves. */
  changeLanguage(input: ChangeLanguageInput): Promise<TurnReply> {
    return changeLanguage(this.deps, input);
  }

  /** Pauses a session that is answering questions (a channel's hang-up); see pause-session.ts. */
  pause(input: PauseInput): Promise<TurnReply | null> {
    return pauseSession(this.deps, input);
  }

  async view(sessionId: string, key: string | null, variant?: string): Promise<SessionView> {
    const { session, profile } = await loadAuthorized(this.deps, sessionId, key, null);
    const runtime = flowFor(this.deps, session.flowId, false);
    const translate = withVariant(this.deps.localizer.translator(session.language), variant);
    const state = readConversation(runtime, parsePersisted(session.snapshot));
    const messages = currentMessages(runtime, state, translate, profile?.data);
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

  /** `profile`: the profile this turn made (the last answer's turn), said in the same line. */
  private logTurn(
    session: SessionRecord,
    step: string | null,
    outcome: string,
    startedAt: number,
    stages: TurnStages | null = null,
    conflicts = 0,
    profile: 'ready' | 'failed' | null = null,
  ): void {
    const ms = performance.now() - startedAt;
    this.deps.observeTurn?.({ flow: session.flowId, channel: session.channel, outcome, ms, conflicts });
    this.deps.logger.info(
      {
        session: session.id, flow: session.flowId, step, channel: session.channel, outcome, ms: Math.round(ms * 10) / 10,
        // Only when the row had changed under this process (another process answered the session meanwhile).
        ...(conflicts > 0 ? { conflicts } : {}),
        ...(profile ? { profile } : {}),
        ...(stages ? { stages: stages.toJSON() } : {}),
      },
      'turn',
    );
  }
}
