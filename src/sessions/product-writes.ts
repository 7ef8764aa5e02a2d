import type { ConversationState } from '../conversation/conversation.js';
import type { FlowRuntime } from '../conversation/flow-runtime.js';
import type { AnswerValue } from '../conversation/parsers/parser-types.js';
import type { OutcomeModule } from '../outcomes/outcome-module.js';
import type { OutcomeWrite } from '../outcomes/outcome-writes.js';
import { practitionerTurnWrites } from '../practitioners/practitioner-turn-writes.js';
import { userTurnWrites } from './user-onboarding-writes.js';

export interface ProductTurn {
  runtime: FlowRuntime;
  outcomes: ReadonlyMap<string, OutcomeModule>;
  /** Whose session it is: a signed-in user, or (for a phone flow) the verified number. */
  owner: { userId: string | null; phoneNumber: string | null };
  /** When the session started. */
  startedAt: Date;
  /** The answers before the turn; null for the turn that starts the session. */
  before: Readonly<Record<string, AnswerValue>> | null;
  after: ConversationState;
  now: Date;
}

/**
 * The rows a turn writes into the product's tables besides the session, in the turn's own commit: a signed-in
 * user's status row and step groups (user-onboarding-writes.ts), a practitioner's (practitioner-turn-writes.ts);
 * none for an anonymous session.
 */
export function productWrites(turn: ProductTurn): OutcomeWrite[] {
  const { owner, ...rest } = turn;
  if (owner.userId) return userTurnWrites({ ...rest, userId: owner.userId });
  if (turn.runtime.definition.audience === 'phone' && owner.phoneNumber) return practitionerTurnWrites({ ...rest, phoneNumber: owner.phoneNumber });
  return [];
}
