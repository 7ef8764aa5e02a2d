import type { AnswerValue } from '../conversation/parsers/parser-types.js';
import type { OutcomeWrite } from './outcome-writes.js';

/** Who the writes are for: a signed-in user, or a practitioner known by the session's verified phone. */
export type OutcomeSubject = { userId: string } | { phoneNumber: string };

/**
 * Turns a flow's answers into the product's rows (a flow names its module with `outcome:`). Pure: the
 * sessions layer calls it for every group that a turn completed or changed, and commits what it returns
 * with the turn.
 */
export interface OutcomeModule {
  /** The group ids this module writes; the flow is checked against them at boot. */
  readonly groups: readonly string[];
  groupWrites(group: string, answers: Readonly<Record<string, AnswerValue>>, subject: OutcomeSubject): OutcomeWrite[];
}
