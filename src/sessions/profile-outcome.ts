import { advanceConversation, type StepResult } from '../conversation/conversation.js';
import type { FlowEvent } from '../conversation/flow-machine.js';
import type { FlowRuntime } from '../conversation/flow-runtime.js';
import type { PersistedSession } from '../conversation/persisted-session.js';
import type { OutgoingMessage } from '../conversation/render-outputs.js';
import type { AnswerValue } from '../conversation/parsers/parser-types.js';
import type { ProfileData } from '../profiles/profile-generator.js';
import type { ServiceDeps } from './service-deps.js';
import { buildReply, type TurnReply } from './session-views.js';

/** Where a session stands once its profile was made (or could not be). */
export interface ProfileOutcome {
  profile: ProfileData | null;
  event: FlowEvent;
  step: StepResult;
  /** What the person is told: the profile's summary, or that it failed. */
  messages: OutgoingMessage[];
  reply: TurnReply;
}

/** The session a profile is made for: the row, or the turn that has just collected its last answer. */
export interface ProfileSubject {
  id: string;
  flowId: string;
  language: string;
  answers: Readonly<Record<string, AnswerValue>>;
  persisted: PersistedSession;
}

/**
 * Runs the flow's generator on the answers and steps the machine on with PROFILE_READY, or PROFILE_FAILED
 * when the generator throws (logged). Shared by the turn that generates in place and the profile runner.
 */
export async function makeProfile(deps: ServiceDeps, runtime: FlowRuntime, subject: ProfileSubject): Promise<ProfileOutcome> {
  const translate = deps.localizer.translator(subject.language);
  let profile: ProfileData | null = null;
  try {
    const generator = deps.generators.get(runtime.definition.profile);
    if (!generator) throw new Error(`no profile generator "${runtime.definition.profile}"`);
    profile = await generator.generate({
      sessionId: subject.id,
      flowId: subject.flowId,
      language: subject.language,
      answers: subject.answers,
      translate,
    });
  } catch (error) {
    deps.logger.error({ session: subject.id, flow: subject.flowId, err: error }, 'profile generation failed');
  }
  const event: FlowEvent = profile ? { type: 'PROFILE_READY' } : { type: 'PROFILE_FAILED' };
  const step = advanceConversation(runtime, subject.persisted, event);
  const messages: OutgoingMessage[] = profile
    ? [{ text: typeof profile.summary === 'string' ? profile.summary : translate('common:status.completed') }]
    : [{ text: translate('common:status.failed') }];
  return { profile, event, step, messages, reply: buildReply(subject.id, runtime, step.state, messages, profile) };
}

/**
 * The profile made inside the turn that collected the last answer, when the flow's generator is quick
 * (`runsInTurn`) and replies may wait for profiles (PROFILE_WAIT_MS > 0): that turn then commits the answer,
 * the profile and the completed session at once. Null otherwise: the profile runner makes it after the commit.
 */
export async function makeProfileInTurn(deps: ServiceDeps, runtime: FlowRuntime, subject: ProfileSubject): Promise<ProfileOutcome | null> {
  if (deps.profileWaitMs <= 0 || !deps.generators.get(runtime.definition.profile)?.runsInTurn) return null;
  return makeProfile(deps, runtime, subject);
}
