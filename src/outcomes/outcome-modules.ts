import type { OutcomeModule } from './outcome-module.js';
import { practitionerOutcome } from './practitioner-outcome.js';
import { userProfileOutcome } from './user-profile-outcome.js';

/** Outcome modules by the name a flow gives in `outcome:`. */
export const outcomeModules: ReadonlyMap<string, OutcomeModule> = new Map([
  ['user-profile', userProfileOutcome],
  ['practitioner', practitionerOutcome],
]);
