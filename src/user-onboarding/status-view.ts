import type { ConversationState } from '../conversation/conversation.js';
import { currentGroupIndex, groupStatuses, missingRequiredGroups, type GroupStatus } from '../conversation/flow-groups.js';
import type { FlowRuntime } from '../conversation/flow-runtime.js';
import type { AnswerValue } from '../conversation/parsers/parser-types.js';
import { inNamespace, type Translate } from '../conversation/translate.js';
import type { NEXT_ACTIONS } from '../flows/check-flow-translations.js';
import { onboardingStatusOf } from '../sessions/user-onboarding-writes.js';

/** Seconds one question is expected to take when the analytics have no measured median for it yet. */
export const DEFAULT_STEP_SECONDS = 20;

export type OnboardingStatus = 'not_started' | 'in_progress' | 'completed' | 'skipped';
export type NextAction = (typeof NEXT_ACTIONS)[number];

/** The body of GET /api/users/me/onboarding (and of every other call of that API). */
export interface OnboardingStatusBody {
  flow: string;
  status: OnboardingStatus;
  current_step: number;
  total_steps: number;
  steps: Array<{ index: number; id: string; completed: boolean; required: boolean }>;
  onboarding_data: Record<string, AnswerValue>;
  started_at: string | null;
  completed_at: string | null;
  skipped_at: string | null;
  progress: {
    percent: number;
    completed_steps: number;
    estimated_seconds_remaining: number;
    next_action: { key: NextAction; step: string | null; message: string };
  };
}

/** When the onboarding started, ended or was skipped (from the user_onboarding row). */
export interface OnboardingTimes {
  startedAt: Date | null;
  completedAt: Date | null;
  skippedAt: Date | null;
}

/**
 * Where a signed-in user's onboarding stands. `state` is null before it started. The time left adds up every
 * question still unanswered: its measured median (`medianSeconds`, by step id, from the analytics) where there
 * is one, else DEFAULT_STEP_SECONDS.
 */
export function statusBody(
  runtime: FlowRuntime,
  state: ConversationState | null,
  times: OnboardingTimes,
  translate: Translate,
  medianSeconds: ReadonlyMap<string, number> = new Map(),
): OnboardingStatusBody {
  const flow = runtime.definition;
  const answers = state?.context.answers ?? {};
  const groups = groupStatuses(flow, answers);
  const status: OnboardingStatus = state ? onboardingStatusOf(state.phase) : 'not_started';
  const done = status === 'completed';
  const completed = done ? groups.length : groups.filter((group) => group.completed).length;
  const remaining = done ? [] : groups.filter((group) => !group.completed);
  const current = done ? groups.length : currentGroupIndex(groups);
  const next = nextAction(status, groups[current], missingRequiredGroups(groups).length);
  const label = next.group ? translate(inNamespace(flow.namespace, `groups.${next.group.id}`)) : '';
  return {
    flow: flow.id,
    status,
    current_step: current,
    total_steps: groups.length,
    steps: groups.map((group) => ({ index: group.index, id: group.id, completed: done || group.completed, required: group.required })),
    onboarding_data: answers,
    started_at: times.startedAt?.toISOString() ?? null,
    completed_at: times.completedAt?.toISOString() ?? null,
    skipped_at: status === 'skipped' ? (times.skippedAt?.toISOString() ?? null) : null,
    progress: {
      percent: groups.length === 0 ? 100 : Math.round((completed / groups.length) * 100),
      completed_steps: completed,
      estimated_seconds_remaining: Math.round(
        remaining
          .flatMap((group) => [...group.missingRequired, ...group.missingOptional])
          .reduce((sum, step) => sum + (medianSeconds.get(step) ?? DEFAULT_STEP_SECONDS), 0),
      ),
      next_action: {
        key: next.key,
        step: next.group?.id ?? null,
        message: translate(`common:onboarding.next_action.${next.key}`, { step: label }),
      },
    },
  };
}

/** What the person should do next; `complete` once only skippable answers are missing. */
function nextAction(status: OnboardingStatus, group: GroupStatus | undefined, requiredLeft: number): { key: NextAction; group?: GroupStatus } {
  if (status === 'completed') return { key: 'done' };
  if (status === 'not_started') return group ? { key: 'start', group } : { key: 'start' };
  if (status === 'skipped') return group ? { key: 'resume', group } : { key: 'resume' };
  if (requiredLeft === 0 || !group) return { key: 'complete' };
  return { key: 'continue', group };
}
