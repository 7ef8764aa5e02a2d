import type { ConversationState } from '../conversation/conversation.js';
import { askedPart } from '../conversation/entries.js';
import type { FlowRuntime } from '../conversation/flow-runtime.js';
import { renderQuestion, type OutgoingMessage } from '../conversation/render-outputs.js';
import type { Translate } from '../conversation/translate.js';
import { AppError, BadRequestError, SessionNotFoundError, SessionStateError } from '../errors.js';
import type { LoadedSession, LoadOptions, SessionRecord } from '../store/session-store.js';
import type { ServiceDeps } from './service-deps.js';
import { hashSessionKey, sessionKeyHashMatches } from './session-keys.js';

/** A SHA-256 no session key hashes to in practice: what an unknown session's key is compared with. */
const NO_SESSION_HASH = '0'.repeat(64);

/** Turns that lost a race are re-run on the new state this many times before giving up. */
export const MAX_ATTEMPTS = 8;

/**
 * Runs one attempt of a turn at a time until it does not lose the race for the session row: an attempt
 * returns `'conflict'` to be run again on the new state. Each attempt is told how many lost before it.
 */
export async function withRetries<T>(attempt: (conflicts: number) => Promise<T | 'conflict'>): Promise<T> {
  for (let n = 1; n <= MAX_ATTEMPTS; n++) {
    const result = await attempt(n - 1);
    if (result !== 'conflict') return result;
  }
  throw new SessionStateError('SESSION_BUSY', 'This session is receiving many answers at once; try again.');
}

/**
 * Loads a session the caller may see: with `key`, only when it matches; with `userId`, only that user's;
 * `key` null without `userId` means the channel already identified the session (a phone number). Unknown session and wrong key look exactly the same from outside.
 * `reuse`: the caller commits against the version it gets, so a remembered row will do (LoadOptions).
 */
export async function loadAuthorized(
  deps: ServiceDeps,
  sessionId: string,
  key: string | null,
  messageKey: string | null,
  options: LoadOptions & { userId?: string | undefined } = {},
): Promise<LoadedSession> {
  const { userId, ...rest } = options;
  // With a key, the database is asked for the row with its hash: a wrong key and an unknown id both get none.
  const keyHash = key !== null ? hashSessionKey(key) : null;
  const loadOptions: LoadOptions = keyHash !== null ? { ...rest, keyHash } : rest;
  // An unknown id is checked against a hash no key has, so it costs what a wrong key costs (issue 15, timing).
  // An empty key matches nothing, whatever its hash.
  const denied = (loaded: LoadedSession | null): boolean =>
    (keyHash !== null && (!key || !sessionKeyHashMatches(keyHash, loaded?.session.keyHash ?? NO_SESSION_HASH))) ||
    !loaded ||
    (userId !== undefined && loaded.session.userId !== userId) ||
    !loaded.session.snapshot;
  let loaded = await deps.store.load(sessionId, messageKey, loadOptions);
  // A remembered row may hold a key that was replaced since (a magic link or a practitioner's sign-in on another
  // device, in another process): the database decides before a refusal. Only a row from memory is read again, so every refusal
  // costs one database read, whether the id is unknown or the key wrong.
  if (denied(loaded) && loaded?.remembered) loaded = await deps.store.load(sessionId, messageKey, keyHash !== null ? { keyHash } : {});
  if (!loaded || denied(loaded)) throw new SessionNotFoundError();
  return loaded;
}

/** The loaded flow a session or a start request names. */
export function flowFor(deps: ServiceDeps, flowId: string, fromRequest: boolean): FlowRuntime {
  const runtime = deps.flows.get(flowId);
  if (runtime) return runtime;
  if (fromRequest) throw new BadRequestError('UNKNOWN_FLOW', `No flow named "${flowId}".`);
  throw new AppError('flow_unavailable', `Flow "${flowId}" of this session is not loaded.`, 503);
}

/** Refuses a reply to a session that is not taking answers. */
export function assertOpen(session: SessionRecord): void {
  if (session.status === 'completed') throw new SessionStateError('SESSION_COMPLETED', 'This session is already complete.');
  if (session.status === 'failed') throw new SessionStateError('SESSION_FAILED', 'This session could not be completed.');
  if (session.status === 'generating_chart') {
    throw new SessionStateError('SESSION_BUSY', 'The profile is being prepared; fetch the session to see when it is ready.');
  }
}

/** The question being asked, as it stands (a pending clarification replaces the prompt); null outside a question. */
export function currentQuestion(runtime: FlowRuntime, state: ConversationState, translate: Translate): OutgoingMessage | null {
  if (state.phase !== 'collecting' || !state.step) return null;
  const pending = state.context.pending?.step === state.step ? state.context.pending : null;
  const asked = askedPart(runtime.step(state.step), state.context.draft);
  return renderQuestion(runtime.definition, { type: 'ask', step: state.step, pending, ...asked }, translate);
}

/** What the session says now, for a read: the question, or where it stands. */
export function currentMessages(
  runtime: FlowRuntime,
  state: ConversationState,
  translate: Translate,
  profile: Record<string, unknown> | undefined,
): OutgoingMessage[] {
  switch (state.phase) {
    case 'collecting': {
      const question = currentQuestion(runtime, state, translate);
      return question ? [question] : [];
    }
    case 'paused':
      return [{ text: translate('common:stop.paused') }];
    case 'skipped':
      return [{ text: translate('common:skip_onboarding.done') }];
    case 'reviewing':
    case 'generating':
      return [{ text: translate('common:status.generating') }];
    case 'completed':
      return [{ text: typeof profile?.summary === 'string' ? profile.summary : translate('common:status.completed') }];
    case 'failed':
      return [{ text: translate('common:status.failed') }];
  }
}
