import type { TurnReply } from '../../src/sessions/session-views.js';
import type { TurnWrite } from '../../src/store/session-store.js';
import { toCommitPayload } from '../../src/store/sql-session-store.js';
import { repositoryContent, sessionServiceOn } from '../../tests/support/session-service.js';
import { memorySessionStore } from './memory-session-store.js';

/** The valid answer the benchmark sends at each step of the instant flow (24-hour time: no clarification). */
export const ANSWERS: Readonly<Record<string, string>> = {
  name: 'Maria',
  birth_date: '5 March 1990',
  birth_time: '07:30',
  birth_place: 'Madrid',
};

/** The columns of a stored session waiting at one step, exactly as the service wrote them. */
export interface StepRow {
  step: string;
  /** What the bot said to ask this step (in English), to recognise it in a channel's plain-text answer. */
  prompt: string;
  status: string;
  current_step: string | null;
  collected_data: unknown;
  snapshot: unknown;
  version: number;
}

export interface SessionTemplates {
  flowId: string;
  flowVersion: number;
  flowHash: string;
  /** One row per step, in flow order: a session waiting for that step's answer. */
  steps: StepRow[];
  /** The argument of onboarding_commit_turn for a mid-flow answer (birth_date), for pgbench. */
  commitPayload: Record<string, unknown>;
  /** The same for every step's answer, by step (birth_place: the last answer, which makes the profile). */
  commitPayloads: Record<string, Record<string, unknown>>;
}

/**
 * Runs one conversation through the real SessionService (real flow, parsers, i18n and profile generator) over
 * an in-memory store that keeps what the service writes, and returns the session row at every step. The
 * benchmark seeds its sessions from these rows, so they are sessions the running service can continue.
 */
export async function buildSessionTemplates(): Promise<SessionTemplates> {
  const store = memorySessionStore({ keepWrites: true });
  const { writes } = store;
  const { flows } = repositoryContent();
  const service = sessionServiceOn(store);

  const started = await service.start({ language: 'en', channel: 'web' });
  const steps: StepRow[] = [];
  const commitPayloads: Record<string, Record<string, unknown>> = {};
  let reply: TurnReply = started.reply;
  for (let turn = 1; reply.status === 'collecting_data'; turn++) {
    const current = store.row(started.reply.session_id);
    const step = reply.next_step;
    if (!current || !step) throw new Error('template session lost its state');
    const answer = ANSWERS[step];
    if (answer === undefined) throw new Error(`the benchmark has no answer for step "${step}"`);
    steps.push({
      step,
      prompt: reply.message,
      status: current.status,
      current_step: current.currentStep,
      collected_data: current.collectedData,
      snapshot: current.snapshot,
      version: current.version,
    });
    const writesBefore = writes.length;
    reply = await service.reply({ sessionId: current.id, key: started.sessionKey, text: answer, messageKey: `web:${current.id}:m${turn}` });
    commitPayloads[step] = toCommitPayload(writes[writesBefore] as TurnWrite);
  }
  // The benchmark counts on every answer being accepted and the last one completing the session.
  if (reply.status !== 'completed' || steps.length !== Object.keys(ANSWERS).length) {
    throw new Error(`template conversation ended in "${reply.status}" after ${steps.length} answers`);
  }
  const runtime = flows.get('instant-birth-chart');
  const commitPayload = commitPayloads.birth_date;
  if (!runtime || !commitPayload) throw new Error('instant-birth-chart flow missing');
  return { flowId: runtime.definition.id, flowVersion: runtime.definition.version, flowHash: runtime.hash, steps, commitPayload, commitPayloads };
}
