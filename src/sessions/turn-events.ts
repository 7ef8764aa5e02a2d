import type { FlowEvent, FlowOutput } from '../conversation/flow-machine.js';
import type { OutgoingMessage } from '../conversation/render-outputs.js';
import type { Channel, SessionEvent, SessionStatus } from '../store/session-store.js';

const COMMANDS = new Set<FlowEvent['type']>(['HELP', 'BACK', 'RESTART', 'EDIT']);

/** The log entries of one turn, in the order they happened. */
export function turnEvents(input: {
  channel: Channel;
  inbound?: { text: string; messageId: string | null };
  event?: FlowEvent;
  outputs: readonly FlowOutput[];
  messages: readonly OutgoingMessage[];
  statusBefore: SessionStatus | null;
  statusAfter: SessionStatus;
}): SessionEvent[] {
  const { channel } = input;
  const events: SessionEvent[] = [];
  const e = input.event;
  if (input.inbound) {
    const command = e && COMMANDS.has(e.type) ? e.type.toLowerCase() : undefined;
    const payload = { text: input.inbound.text, message_id: input.inbound.messageId, ...(command ? { command } : {}) };
    events.push({ kind: 'inbound', channel, payload });
  }
  if (e?.type === 'ANSWER') events.push({ kind: 'answer_accepted', step: e.step, channel, payload: { skipped: e.value === null } });
  if (e?.type === 'ANSWERS') {
    for (const step of Object.keys(e.values)) events.push({ kind: 'answer_accepted', step, channel });
  }
  if (e?.type === 'INVALID') events.push({ kind: 'answer_rejected', step: e.step, channel, payload: { reason: e.reason.key } });
  if (e?.type === 'CLARIFY') events.push({ kind: 'answer_rejected', step: e.step, channel, payload: { reason: 'clarify' } });
  if (input.statusBefore !== input.statusAfter) {
    events.push({ kind: 'status_changed', channel, payload: { from: input.statusBefore, to: input.statusAfter } });
  }
  for (const output of input.outputs) {
    if (output.type === 'ask') events.push({ kind: 'step_prompted', step: output.step, channel });
  }
  for (const message of input.messages) events.push({ kind: 'outbound', channel, payload: { text: message.text } });
  return events;
}
