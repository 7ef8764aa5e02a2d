import type { TurnRequest } from './turn-paths.js';

/** Sends one turn's request to the service at `url` (the recording of templates; the load itself uses autocannon). */
export async function sendTurn(url: string, request: TurnRequest): Promise<{ status: number; body: string }> {
  const response = await fetch(`${url}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
  return { status: response.status, body: await response.text() };
}

/** How the benchmark reads a turn's response: accepted, and what the service asks next ('completed' when done). */
export type TurnOutcome = { ok: true; next: string } | { ok: false; reason: string };

/** A chat turn's JSON (the session API's reply, and the signed-in /reply, which adds the status body). */
export function chatReplyOutcome(status: number, body: string): TurnOutcome {
  if (status !== 200) return { ok: false, reason: `http ${status}` };
  const reply = JSON.parse(body) as { status?: string; next_step?: string | null };
  if (reply.status === 'completed') return { ok: true, next: 'completed' };
  return reply.status === 'collecting_data' && reply.next_step ? { ok: true, next: reply.next_step } : { ok: false, reason: `status ${reply.status}` };
}

/** The status API's body (a form's PATCH): the group to answer next, by id, or 'completed'. */
export function statusBodyOutcome(status: number, body: string): TurnOutcome {
  if (status !== 200) return { ok: false, reason: `http ${status}` };
  const reply = JSON.parse(body) as { status?: string; current_step?: number; steps?: Array<{ id: string }> };
  if (reply.status === 'completed') return { ok: true, next: 'completed' };
  const group = reply.steps?.[reply.current_step ?? -1]?.id;
  return reply.status === 'in_progress' && group ? { ok: true, next: group } : { ok: false, reason: `status ${reply.status}` };
}

/** The longest run of letters and spaces in a prompt: enough to recognise it inside TwiML, unescaped. */
export function fragmentOf(prompt: string): string {
  return (prompt.match(/[A-Za-z ]+/g) ?? []).map((s) => s.trim()).sort((a, b) => b.length - a.length)[0] ?? prompt;
}

/** A step and a fragment of the question that asks it. */
export interface PromptFragment {
  step: string;
  fragment: string;
}

/**
 * Twilio's TwiML answer: it says the next question as text, so the step is recognised by its prompt, and no
 * known prompt means completed.
 */
export function twimlOutcome(prompts: readonly PromptFragment[], status: number, body: string): TurnOutcome {
  if (status !== 200) return { ok: false, reason: `http ${status}` };
  if (!body.includes('<Message>')) return { ok: false, reason: 'no message in the TwiML' };
  return { ok: true, next: prompts.find((p) => body.includes(p.fragment))?.step ?? 'completed' };
}
