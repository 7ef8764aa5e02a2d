import type { ConversationState } from '../conversation/conversation.js';
import { currentGroupIndex, groupStatuses } from '../conversation/flow-groups.js';
import type { FlowRuntime } from '../conversation/flow-runtime.js';
import type { AnswerValue } from '../conversation/parsers/parser-types.js';
import type { OutcomeModule } from '../outcomes/outcome-module.js';
import type { OutcomeWrite } from '../outcomes/outcome-writes.js';

export interface PractitionerTurn {
  runtime: FlowRuntime;
  outcomes: ReadonlyMap<string, OutcomeModule>;
  /** The session's verified phone: the SQL finds the practitioner by it. */
  phoneNumber: string;
  startedAt: Date;
  /** The answers before the turn; null for the turn that starts the session. */
  before: Readonly<Record<string, AnswerValue>> | null;
  after: ConversationState;
  now: Date;
}

/**
 * What a practitioner's turn writes besides the session: the `practitioner_onboarding` row (this session is
 * theirs, and where it stands), the facilitator_* row of every group the turn completed or changed, and on the
 * turn that completes the flow the completion flag, after the rows (the database refuses the flag without them).
 */
export function practitionerTurnWrites(turn: PractitionerTurn): OutcomeWrite[] {
  const flow = turn.runtime.definition;
  const answers = turn.after.context.answers;
  const groups = groupStatuses(flow, answers);
  const beforeGroups = turn.before ? groupStatuses(flow, turn.before) : null;
  const completed = turn.after.phase === 'completed';
  const writes: OutcomeWrite[] = [
    {
      kind: 'practitioner_onboarding',
      flow_id: flow.id,
      status: completed ? 'completed' : 'in_progress',
      current_step: currentGroupIndex(groups),
      total_steps: groups.length,
      completed_steps: groups.filter((group) => group.completed).map((group) => group.id),
      started_at: turn.startedAt.toISOString(),
      completed_at: completed ? turn.now.toISOString() : null,
    },
  ];
  const module = flow.outcome ? turn.outcomes.get(flow.outcome) : undefined;
  if (module) {
    for (const group of groups) {
      if (!group.completed) continue;
      const wasCompleted = beforeGroups?.[group.index]?.completed ?? false;
      const changed = group.steps.some((id) => JSON.stringify(turn.before?.[id]) !== JSON.stringify(answers[id]));
      if (!wasCompleted || changed) writes.push(...module.groupWrites(group.id, answers, { phoneNumber: turn.phoneNumber }));
    }
  }
  if (completed) writes.push({ kind: 'practitioner_completed', completed_at: turn.now.toISOString() });
  return writes;
}
