import type { AnswerValue } from '../conversation/parsers/parser-types.js';
import type { OutcomeModule } from '../outcomes/outcome-module.js';
import type { OutcomeWrite } from '../outcomes/outcome-writes.js';

/** The groups of flows/workspace-trial.yaml. */
export const WORKSPACE_GROUPS = ['about_you', 'organization', 'plan'] as const;

/**
 * The trial workspace flow's writes: nothing for the first two groups (the person's name and email stay in
 * user_onboarding's answers), and the workspace when the plan is chosen. With trials off every workspace waits
 * for its first payment.
 */
export function workspaceOutcome(trialDays: number, trialsEnabled: boolean): OutcomeModule {
  return {
    groups: WORKSPACE_GROUPS,
    groupWrites(group, answers: Readonly<Record<string, AnswerValue>>, { userId }): OutcomeWrite[] {
      if (group !== 'plan') return [];
      const name = typeof answers.organization_name === 'string' ? answers.organization_name.trim() : '';
      if (!name) return [];
      const start = trialsEnabled && answers.start === 'trial' ? 'trial' : 'pay';
      return [{ kind: 'workspace', user_id: userId, name, start, trial_days: trialDays }];
    },
  };
}
