import { parsePersisted, readConversation, type ConversationState } from '../conversation/conversation.js';
import { findGroup, groupsOf, groupStatuses, missingRequiredGroups } from '../conversation/flow-groups.js';
import type { FlowEvent } from '../conversation/flow-machine.js';
import type { FlowRuntime } from '../conversation/flow-runtime.js';
import type { AnswerValue } from '../conversation/parsers/parser-types.js';
import type { OutgoingMessage } from '../conversation/render-outputs.js';
import { translateRef, type Translate } from '../conversation/translate.js';
import { AppError, BadRequestError, SessionNotFoundError, SessionStateError, StepTransitionError, ValidationFailedError } from '../errors.js';
import type { KnownAnswerSource } from '../flows/flow-schema.js';
import type { ServiceDeps } from '../sessions/service-deps.js';
import { currentMessages, flowFor, loadAuthorized } from '../sessions/session-access.js';
import { storableData } from '../sessions/inbound-text.js';
import type { SessionService } from '../sessions/session-service.js';
import type { TurnReply } from '../sessions/session-views.js';
import type { Channel, LoadedSession, LoadOptions, UserOnboardingRecord } from '../store/session-store.js';
import { statusBody, type OnboardingStatusBody } from './status-view.js';
import { readStepData } from './step-data.js';
import { StepMedians } from './step-medians.js';
import { checkPhoto, photoFolder, photoLimit, storePhoto } from '../images/photo-answer.js';
import type { ImageStore } from '../images/image-store.js';

/** A verified signed-in user, as the access token says. */
export interface OnboardingUser {
  userId: string;
  email?: string | undefined;
  name?: string | undefined;
  /** A verified phone number: SMS and WhatsApp from it reach this user's onboarding. */
  phone?: string | undefined;
}

/** Which onboarding, and in which language to answer when the session does not say. */
export interface OnboardingTarget {
  flow?: string | undefined;
  /** Languages the person prefers, best first (a `language` field, then Accept-Language). */
  languages?: readonly string[] | undefined;
}

/** The status body plus what the bot says now: the turn's messages, or the question being asked. */
export type OnboardingAnswer = OnboardingStatusBody & { messages: OutgoingMessage[] };

/** Where a user's onboarding of one flow stands, read from the database. */
interface Located {
  runtime: FlowRuntime;
  record: UserOnboardingRecord | null;
  loaded: LoadedSession | null;
  state: ConversationState | null;
  language: string;
  translate: Translate;
  /** Measured median seconds per step (the analytics), for the time left. */
  medians: ReadonlyMap<string, number>;
}

/**
 * A signed-in user's onboarding through the status API: one session per user and flow, on the same engine
 * and the same session as the chat (SessionService), so the widget, a product's form and the messaging
 * channels see one state.
 */
/** Where photo answers go, and how large one may be unless the step says otherwise. */
export interface PhotoStorage {
  store: ImageStore;
  maxBytes: number;
}

/** The reads of a turn may take the session row this process last wrote (see locate). */
const TURN_READ: LoadOptions = { reuse: true };

export class UserOnboardingService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly sessions: SessionService,
    private readonly userFlow: string,
    private readonly photos: PhotoStorage,
  ) {
    this.medians = new StepMedians(deps);
  }

  private readonly medians: StepMedians;

  async status(user: OnboardingUser, target: OnboardingTarget): Promise<OnboardingStatusBody> {
    return this.bodyOf(await this.locate(user, target));
  }

  /** Starts the onboarding, or resumes a skipped or paused one; a second start is not an error. */
  async start(user: OnboardingUser, target: OnboardingTarget, channel: Channel = 'api'): Promise<OnboardingAnswer> {
    const found = await this.locate(user, target);
    if (!found.loaded) {
      const started = await this.sessions.start({
        flow: found.runtime.definition.id,
        language: found.language,
        channel,
        userId: user.userId,
        known: knownAnswers(found.runtime, user),
        ...(user.phone ? { phoneNumber: user.phone } : {}),
      }).catch(async (error: unknown) => {
        // Another start of the same user won the race: theirs is the onboarding.
        if (await this.locate(user, target).then((again) => again.loaded !== null, () => false)) return null;
        throw error;
      });
      return this.answerOf(await this.locate(user, target), started?.reply.messages);
    }
    if (found.state?.phase === 'paused' || found.state?.phase === 'skipped') {
      return this.turn(user, found, { type: 'RESUME' }, channel);
    }
    return this.answerOf(found);
  }

  /** Answers one group (`ref`: its 0-based index or id) with a form's data, or corrects an earlier one. */
  async answerStep(user: OnboardingUser, target: OnboardingTarget, ref: string, sent: Record<string, unknown>): Promise<OnboardingAnswer> {
    const data = storableData(sent);
    const found = await this.locateStarted(user, target);
    const { runtime, translate, language } = found;
    return this.turn(user, found, (state) => {
      const groups = groupStatuses(runtime.definition, state.context.answers);
      const group = findGroup(groups, ref);
      if (!group) throw new AppError('ONBOARDING_STEP_NOT_FOUND', `No step "${ref}" in this onboarding; use 0 to ${groups.length - 1} or a step id.`, 404);
      this.assertReachable(runtime, state.context.answers, group.index, translate);
      const read = readStepData(group, data, {
        runtime,
        language,
        now: this.deps.clock(),
        translate,
        parsers: this.deps.parsers,
        answers: state.context.answers,
        imagePrefix: `${photoFolderOf(user, runtime)}/`,
      });
      if ('problems' in read) throw new ValidationFailedError(read.problems);
      return { type: 'ANSWERS', values: read.values };
    });
  }

  /**
   * A photo for the image step of one group (`ref`), as uploaded bytes: its type is told by its first bytes
   * (JPEG, PNG or WebP), its size checked, then it is stored and answers the step. Nothing is stored for a
   * refused photo or a step that cannot be answered yet.
   */
  async uploadPhoto(user: OnboardingUser, target: OnboardingTarget, ref: string, bytes: Uint8Array): Promise<OnboardingAnswer> {
    const found = await this.locateStarted(user, target);
    const { runtime, translate } = found;
    const answers = found.state?.context.answers ?? {};
    // `ref`: a group (its index or id), or the image step itself (what the widget knows from the question).
    const statuses = groupStatuses(runtime.definition, answers);
    const groupIndex = groupsOf(runtime.definition).findIndex((g) => g.steps.includes(ref));
    const group = groupIndex >= 0 ? statuses[groupIndex] : findGroup(statuses, ref);
    const step = group ? groupsOf(runtime.definition)[group.index]?.steps.map((id) => runtime.step(id)).find((s) => s?.type === 'image') : undefined;
    if (!group || !step) throw new AppError('ONBOARDING_STEP_NOT_FOUND', `Step "${ref}" of this onboarding takes no photo.`, 404);
    const checked = checkPhoto(bytes, photoLimit(step, this.photos.maxBytes));
    if ('refused' in checked) throw new ValidationFailedError([{ field: step.id, reason: translateRef(translate, checked.refused) }]);
    this.assertReachable(runtime, answers, group.index, translate);
    const value = await storePhoto(this.photos.store, photoFolderOf(user, runtime), step, bytes, checked.type);
    return this.turn(user, found, (state) => {
      this.assertReachable(runtime, state.context.answers, group.index, translate);
      return { type: 'ANSWER', step: step.id, value };
    });
  }

  /** 409 when a required step before group `index` is not answered. */
  private assertReachable(runtime: FlowRuntime, answers: Readonly<Record<string, AnswerValue>>, index: number, translate: Translate): void {
    const blocking = groupStatuses(runtime.definition, answers).filter((g) => g.index < index && g.missingRequired.length > 0);
    if (blocking.length > 0) {
      throw new StepTransitionError(
        `Answer step ${blocking[0]?.index} (${blocking[0]?.id}) first.`,
        blocking.map((g) => ({ field: g.id, reason: translate('common:api.answer_first') })),
      );
    }
  }

  /** Completes the onboarding: 409 naming the required steps still missing; optional ones left are skipped. */
  async complete(user: OnboardingUser, target: OnboardingTarget): Promise<OnboardingAnswer> {
    const found = await this.locate(user, target);
    if (!found.loaded || !found.state) throw new SessionNotFoundError();
    if (found.state.phase === 'completed') return this.answerOf(found);
    const { runtime, translate } = found;
    return this.turn(user, found, (state) => {
      const groups = groupStatuses(runtime.definition, state.context.answers);
      const missing = missingRequiredGroups(groups);
      if (missing.length > 0) {
        throw new StepTransitionError(
          `Required steps are not answered yet: ${missing.map((g) => g.id).join(', ')}.`,
          missing.map((g) => ({ field: g.id, reason: translate('common:api.required') })),
        );
      }
      const skipped = Object.fromEntries(groups.flatMap((g) => g.missingOptional).map((id): [string, AnswerValue] => [id, null]));
      return { type: 'ANSWERS', values: skipped };
    });
  }

  /** Skips the whole onboarding when its flow allows it; the answers are kept and a start resumes it. */
  async skip(user: OnboardingUser, target: OnboardingTarget): Promise<OnboardingAnswer> {
    const runtime = flowFor(this.deps, target.flow ?? this.userFlow, true);
    if (!runtime.definition.skippable) throw new SessionStateError('ONBOARDING_NOT_SKIPPABLE', 'This onboarding cannot be skipped.');
    const found = await this.locateStarted(user, target);
    if (found.state?.phase === 'skipped') return this.answerOf(found);
    return this.turn(user, found, { type: 'SKIP_FLOW' });
  }

  /** A chat turn on the user's session (the widget's signed-in mode). */
  async reply(user: OnboardingUser, target: OnboardingTarget, text: string, messageId: string | null): Promise<TurnReply & { onboarding: OnboardingStatusBody }> {
    const found = await this.locate(user, target, TURN_READ);
    if (!found.loaded) throw new SessionNotFoundError();
    const turn = await this.sessions.reply({
      sessionId: found.loaded.session.id,
      key: null,
      userId: user.userId,
      text,
      messageKey: messageId ? `user:${user.userId}:${found.runtime.definition.id}:${messageId}` : null,
    });
    return { ...turn, onboarding: this.bodyOf(await this.locate(user, target, TURN_READ)) };
  }

  /** One turn on the user's session with an event decided from its current state. */
  private async turn(
    user: OnboardingUser,
    found: Located,
    decide: FlowEvent | ((state: ConversationState) => FlowEvent),
    channel: Channel = 'api',
  ): Promise<OnboardingAnswer> {
    if (!found.loaded) throw new SessionNotFoundError();
    const reply = await this.sessions.reply({
      sessionId: found.loaded.session.id,
      key: null,
      userId: user.userId,
      text: '',
      messageKey: null,
      channel,
      decide: typeof decide === 'function' ? decide : () => decide,
    });
    return this.answerOf(await this.locate(user, { flow: found.runtime.definition.id }, TURN_READ), reply.messages);
  }

  /** The user's onboarding, started first when it was not (a form may answer before anything else). */
  private async locateStarted(user: OnboardingUser, target: OnboardingTarget): Promise<Located> {
    const found = await this.locate(user, target, TURN_READ);
    if (found.loaded) return found;
    await this.start(user, target);
    return this.locate(user, target);
  }

  /**
   * The user's onboarding of the target flow: its status row and session. A status request reads the session
   * from the database; a turn's reads (`TURN_READ`) may take the row this process last wrote: the turn itself is
   * checked by its commit's version, and the status it answers is read right after this process's own commit.
   */
  private async locate(user: OnboardingUser, target: OnboardingTarget, read: LoadOptions = {}): Promise<Located> {
    const runtime = flowFor(this.deps, target.flow ?? this.userFlow, true);
    if (runtime.definition.audience !== 'user') throw new BadRequestError('UNKNOWN_FLOW', `Flow "${runtime.definition.id}" is not an onboarding for signed-in users.`);
    const record = await this.deps.store.findUserOnboarding(user.userId, runtime.definition.id);
    const loaded = record?.sessionId ? await loadAuthorized(this.deps, record.sessionId, null, null, { ...read, userId: user.userId }).catch(() => null) : null;
    const state = loaded ? readConversation(runtime, parsePersisted(loaded.session.snapshot)) : null;
    const language = loaded?.session.language ?? this.languageFor(runtime, target.languages ?? []);
    const medians = await this.medians.of(runtime.definition.id);
    return { runtime, record, loaded, state, language, translate: this.deps.localizer.translator(language), medians };
  }

  private languageFor(runtime: FlowRuntime, preferred: readonly string[]): string {
    const offered = runtime.definition.languages.filter((l) => this.deps.localizer.languages.includes(l));
    return preferred.map((l) => l.slice(0, 2).toLowerCase()).find((l) => offered.includes(l)) ?? offered[0] ?? 'en';
  }

  private bodyOf(found: Located): OnboardingStatusBody {
    const session = found.loaded?.session;
    return statusBody(found.runtime, found.state, {
      startedAt: found.record?.startedAt ?? session?.createdAt ?? null,
      completedAt: found.record?.completedAt ?? session?.completedAt ?? null,
      skippedAt: found.record?.skippedAt ?? null,
    }, found.translate, found.medians);
  }

  private answerOf(found: Located, messages?: OutgoingMessage[]): OnboardingAnswer {
    const said = messages ?? (found.state ? currentMessages(found.runtime, found.state, found.translate, found.loaded?.profile?.data) : []);
    return { ...this.bodyOf(found), messages: said };
  }
}

/** Where one user's photos of one flow are stored; a photo answer must name a path under it. */
function photoFolderOf(user: OnboardingUser, runtime: FlowRuntime): string {
  return photoFolder({ userId: user.userId, flowId: runtime.definition.id, sessionId: '' });
}

/** The answers the product already knows about the user, by step, from the token's claims. */
function knownAnswers(runtime: FlowRuntime, user: OnboardingUser): Record<string, AnswerValue> {
  const sources: Partial<Record<KnownAnswerSource, string | undefined>> = { 'user.name': user.name, 'user.email': user.email };
  const known: Record<string, AnswerValue> = {};
  for (const step of runtime.definition.steps) {
    const value = step.prefill ? sources[step.prefill] : undefined;
    if (value) known[step.id] = value;
  }
  return known;
}
