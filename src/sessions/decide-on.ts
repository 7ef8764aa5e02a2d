import type { ConversationState } from '../conversation/conversation.js';
import type { FlowEvent } from '../conversation/flow-machine.js';
import type { FlowRuntime } from '../conversation/flow-runtime.js';
import { AppError } from '../errors.js';

/** A caller's refusal (a form's answer) decided on a row this process remembered: the database decides first. */
export class RefusedOnMemory {
  constructor(readonly error: AppError) {}
}

/** The event a caller decides on the conversation (a form's answer); a refusal on a remembered row is held back. */
export function decideOn(
  decide: (state: ConversationState, runtime: FlowRuntime) => FlowEvent,
  before: ConversationState,
  runtime: FlowRuntime,
  remembered: boolean,
): FlowEvent | RefusedOnMemory {
  try {
    return decide(before, runtime);
  } catch (error) {
    if (remembered && error instanceof AppError) return new RefusedOnMemory(error);
    throw error;
  }
}
