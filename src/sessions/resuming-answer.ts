import type { FlowEvent } from '../conversation/flow-machine.js';
import type { FlowRuntime } from '../conversation/flow-runtime.js';

/**
 * Free-form answers take any words, "hello again" too: after a pause the question asked is answered only by what a
 * parser recognised (a date, a place...) or by a correction naming its step ("actually my name is Ana").
 */
const FREE_FORM = new Set(['text', 'list']);

/** What the message that resumes a session does besides resuming: an answer it clearly holds, else nothing. */
export function resumingAnswer(event: FlowEvent, runtime: FlowRuntime, asked: string | null): FlowEvent {
  const freeForm = (id: string) => id === asked && FREE_FORM.has(runtime.step(id)?.type ?? '');
  if (event.type === 'INVALID' || (event.type === 'ANSWER' && freeForm(event.step))) return { type: 'RESUME' };
  if (event.type !== 'ANSWERS') return event;
  const values = Object.fromEntries(Object.entries(event.values).filter(([id]) => !freeForm(id)));
  return Object.keys(values).length > 0 ? { ...event, values } : { type: 'RESUME' };
}
