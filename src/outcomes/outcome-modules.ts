import type { OutcomeModule } from './outcome-module.js';
import { userProfileOutcome } from './user-profile-outcome.js';
import { workspaceOutcome } from '../workspaces/workspace-outcome.js';

/** Outcome modules by the name a flow gives in `outcome:`; the workspace's takes its trial settings. */
export function outcomeModulesFor(trial: { days: number; enabled: boolean }): ReadonlyMap<string, OutcomeModule> {
  return new Map<string, OutcomeModule>([
    ['user-profile', userProfileOutcome],
    ['workspace-trial', workspaceOutcome(trial.days, trial.enabled)],
  ]);
}

/** With the default trial settings (14 days, trials on). */
export const outcomeModules: ReadonlyMap<string, OutcomeModule> = outcomeModulesFor({ days: 14, enabled: true });
