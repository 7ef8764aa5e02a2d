import type { ConversationState } from '../conversation/conversation.js';
import { currentGroupIndex, groupStatuses } from '../conversation/flow-groups.js';
import type { FlowRuntime } from '../conversation/flow-runtime.js';
import type { AnswerValue } from '../conversation/parsers/parser-types.js';
import type { OutcomeModule } from '../outcomes/outcome-module.js';
import type { OutcomeWrite, UserOnboardingWrite } from '../outcomes/outcome-writes.js';

export interface UserTurn {
  runtime: FlowRuntime;
  outcomes: ReadonlyMap<string, OutcomeModule>;
  userId: string;
  /** When the session started. */
  startedAt: Date;
  /** The answers before the turn; null for the turn that starts the session. */
  before: Readonly<Record<string, AnswerValue>> | null;
  after: ConversationState;
  now: Date;
}

/** The `user_onboarding` status of a conversation state. */
export function onboardingStatusOf(phase: ConversationState['phase']): UserOnboardingWrite['status'] {
  if (phase === 'completed') return 'completed';
  if (phase === 'skipped') return 'skipped';
  return 'in_progress';
}

/**
 * What a signed-in user's turn writes besides the session: the status row, and the product's rows of every
 * group that the turn completed or changed (its answers differ from before), through the flow's outcome module.
 */
export function userTurnWrites(turn: UserTurn): OutcomeWrite[] {
  const flow = turn.runtime.definition;
  const answers = turn.after.context.answers;
  const groups = groupStatuses(flow, answers);
  const beforeGroups = turn.before ? groupStatuses(flow, turn.before) : null;
  const status = onboardingStatusOf(turn.after.phase);
  const writes: OutcomeWrite[] = [
    {
      kind: 'user_onboarding',
      user_id: turn.userId,
      flow_id: flow.id,
      status,
      current_step: currentGroupIndex(groups),
      total_steps: groups.length,
      completed_steps: groups.filter((group) => group.completed).map((group) => group.id),
      onboarding_data: answers,
      started_at: turn.startedAt.toISOString(),
      completed_at: status === 'completed' ? turn.now.toISOString() : null,
      skipped_at: status === 'skipped' ? turn.now.toISOString() : null,
    },
  ];
  const module = flow.outcome ? turn.outcomes.get(flow.outcome) : undefined;
  if (!module) return writes;
  for (const group of groups) {
    if (!group.completed) continue;
    const wasCompleted = beforeGroups?.[group.index]?.completed ?? false;
    const changed = group.steps.some((id) => JSON.stringify(turn.before?.[id]) !== JSON.stringify(answers[id]));
    if (!wasCompleted || changed) writes.push(...module.groupWrites(group.id, answers, { userId: turn.userId }));
  }
  return writes;
}
