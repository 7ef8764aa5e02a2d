import { describe, expect, it } from 'vitest';
import { flowSchema } from '../flows/flow-schema.js';
import { advanceConversation, startConversation, type StepResult } from './conversation.js';
import { emptyContext } from './flow-context.js';
import type { FlowEvent } from './flow-machine.js';
import { compileFlow, type FlowRuntime } from './flow-runtime.js';

function runtimeOf(skippable: boolean): FlowRuntime {
  const flow = flowSchema.parse({
    id: 'signed-in',
    version: 1,
    namespace: 'test',
    audience: 'user',
    skippable,
    steps: [
      { id: 'full_name', type: 'text', prompt: 'name', prefill: 'user.name' },
      { id: 'bio', type: 'text', prompt: 'bio', optional: true },
    ],
  });
  return compileFlow(flow, `hash-${skippable}`);
}

function send(runtime: FlowRuntime, result: StepResult, ...events: FlowEvent[]): StepResult {
  return events.reduce((r, e) => advanceConversation(runtime, r.persisted, e), result);
}

const sayKeys = (result: StepResult): string[] => result.outputs.flatMap((o) => (o.type === 'say' ? [o.message.key] : []));

describe('skipping the whole onboarding', () => {
  it('skips a skippable flow, keeps the answers, and resumes at the same step', () => {
    const runtime = runtimeOf(true);
    const answered = send(runtime, startConversation(runtime), { type: 'ANSWER', step: 'full_name', value: 'Ana' });
    const skipped = send(runtime, answered, { type: 'SKIP_FLOW' });
    expect(skipped.state.phase).toBe('skipped');
    expect(sayKeys(skipped)).toEqual(['common:skip_onboarding.done']);
    expect(skipped.state.context.answers).toEqual({ full_name: 'Ana' });
    const resumed = send(runtime, skipped, { type: 'RESUME' });
    expect(resumed.state).toMatchObject({ phase: 'collecting', step: 'bio' });
    expect(sayKeys(resumed)).toEqual(['common:skip_onboarding.resumed']);
  });

  it('refuses to skip a flow that does not allow it and asks the same question again', () => {
    const runtime = runtimeOf(false);
    const refused = send(runtime, startConversation(runtime), { type: 'SKIP_FLOW' });
    expect(refused.state).toMatchObject({ phase: 'collecting', step: 'full_name' });
    expect(sayKeys(refused)).toEqual(['common:skip_onboarding.not_allowed']);
  });

  it('skips from a paused conversation too', () => {
    const runtime = runtimeOf(true);
    const paused = send(runtime, startConversation(runtime), { type: 'STOP' });
    expect(send(runtime, paused, { type: 'SKIP_FLOW' }).state.phase).toBe('skipped');
  });
});

describe('known answers', () => {
  const runtime = runtimeOf(true);
  const start = (): StepResult => startConversation(runtime, { ...emptyContext(), known: { full_name: 'Ana Lima' } });

  it('offers a known answer for confirmation instead of taking it', () => {
    const started = start();
    expect(started.state.context.answers).toEqual({});
    expect(started.outputs).toEqual([
      {
        type: 'ask',
        step: 'full_name',
        pending: {
          step: 'full_name',
          question: { key: 'common:prefill.confirm', vars: { value: 'Ana Lima' } },
          options: [{ label: 'Ana Lima', value: 'Ana Lima' }],
        },
      },
    ]);
  });

  it('takes it when confirmed, and not again after it was declined', () => {
    const confirmed = send(runtime, start(), { type: 'ANSWER', step: 'full_name', value: 'Ana Lima' });
    expect(confirmed.state.context.answers.full_name).toBe('Ana Lima');
    const declined = send(runtime, start(), { type: 'INVALID', step: 'full_name', reason: { key: 'common:clarify.declined' } });
    expect(declined.state.step).toBe('full_name');
    expect(declined.outputs.at(-1)).toEqual({ type: 'ask', step: 'full_name', pending: null });
    expect(declined.state.context.known).toEqual({});
  });

  it('keeps known answers over a restart', () => {
    const restarted = send(runtime, start(), { type: 'ANSWER', step: 'full_name', value: 'Other' }, { type: 'RESTART' });
    expect(restarted.state.context.known).toEqual({ full_name: 'Ana Lima' });
    expect(restarted.outputs.at(-1)).toMatchObject({ type: 'ask', step: 'full_name', pending: { step: 'full_name' } });
  });
});

describe('flow groups', () => {
  it('must list every step once, in order', () => {
    const base = { id: 'g', version: 1, namespace: 't', steps: [{ id: 'a', type: 'text', prompt: 'a' }, { id: 'b', type: 'text', prompt: 'b' }] };
    expect(flowSchema.safeParse({ ...base, groups: [{ id: 'one', steps: ['a', 'b'] }] }).success).toBe(true);
    expect(flowSchema.safeParse({ ...base, groups: [{ id: 'one', steps: ['b', 'a'] }] }).success).toBe(false);
    expect(flowSchema.safeParse({ ...base, groups: [{ id: 'one', steps: ['a'] }] }).success).toBe(false);
  });

  it('lets only signed-in flows prefill', () => {
    const step = { id: 'a', type: 'text', prompt: 'a', prefill: 'user.name' };
    expect(flowSchema.safeParse({ id: 'g', version: 1, namespace: 't', steps: [step] }).success).toBe(false);
    expect(flowSchema.safeParse({ id: 'g', version: 1, namespace: 't', audience: 'user', steps: [step] }).success).toBe(true);
  });
});
