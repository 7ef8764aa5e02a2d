import { describe, expect, it } from 'vitest';
import { flowSchema, type FlowDefinition } from '../flows/flow-schema.js';
import { advanceConversation, parsePersisted, readConversation, startConversation, type StepResult } from './conversation.js';
import type { FlowEvent } from './flow-machine.js';
import { compileFlow } from './flow-runtime.js';

const flow: FlowDefinition = flowSchema.parse({
  id: 'test-flow',
  version: 1,
  namespace: 'test',
  steps: [
    { id: 'name', type: 'text', prompt: 'name' },
    { id: 'role', type: 'choice', prompt: 'role', choices: [{ value: 'coach', label: 'coach' }, { value: 'client', label: 'client' }] },
    { id: 'clients', type: 'number', prompt: 'clients', when: { step: 'role', equals: 'coach' }, depends_on: ['role'] },
    { id: 'email', type: 'email', prompt: 'email', optional: true },
  ],
});
const runtime = compileFlow(flow, 'hash-1');

function send(result: StepResult, ...events: FlowEvent[]): StepResult {
  return events.reduce((r, e) => advanceConversation(runtime, r.persisted, e), result);
}

describe('flow machine', () => {
  it('asks the first step on start', () => {
    const started = startConversation(runtime);
    expect(started.state).toMatchObject({ phase: 'collecting', step: 'name' });
    expect(started.outputs).toEqual([{ type: 'ask', step: 'name', pending: null }]);
  });

  it('follows conditions: a coach is asked about clients, a client is not', () => {
    const base = send(startConversation(runtime), { type: 'ANSWER', step: 'name', value: 'Maria' });
    expect(send(base, { type: 'ANSWER', step: 'role', value: 'coach' }).state.step).toBe('clients');
    expect(send(base, { type: 'ANSWER', step: 'role', value: 'client' }).state.step).toBe('email');
  });

  it('re-asks with the reason on an invalid answer and offers help on the third failure', () => {
    let r = startConversation(runtime);
    const invalid: FlowEvent = { type: 'INVALID', step: 'name', reason: { key: 'bad' } };
    r = send(r, invalid);
    expect(r.outputs).toEqual([{ type: 'say', message: { key: 'bad' } }, { type: 'ask', step: 'name', pending: null }]);
    r = send(r, invalid, invalid);
    expect(r.outputs.map((o) => (o.type === 'say' ? o.message.key : o.type))).toEqual(['bad', 'common:help.offer', 'ask']);
    expect(r.state.context.failures.name).toBe(3);
  });

  it('goes back, edits with dependents cleared, and restarts', () => {
    const r = send(
      startConversation(runtime),
      { type: 'ANSWER', step: 'name', value: 'Maria' },
      { type: 'ANSWER', step: 'role', value: 'coach' },
      { type: 'ANSWER', step: 'clients', value: 12 },
    );
    expect(r.state.step).toBe('email');
    const back = send(r, { type: 'BACK' });
    expect(back.state.step).toBe('clients');
    expect(back.state.context.answers).toEqual({ name: 'Maria', role: 'coach' });
    const edited = send(r, { type: 'EDIT', step: 'role' });
    expect(edited.state.step).toBe('role');
    expect(edited.state.context.answers).toEqual({ name: 'Maria' });
    const restarted = send(r, { type: 'RESTART' });
    expect(restarted.state).toMatchObject({ step: 'name', context: { answers: {} } });
  });

  it('changing an answer drops the answers that depended on it', () => {
    const r = send(
      startConversation(runtime),
      { type: 'ANSWER', step: 'name', value: 'Maria' },
      { type: 'ANSWER', step: 'role', value: 'coach' },
      { type: 'ANSWER', step: 'clients', value: 12 },
      { type: 'ANSWER', step: 'role', value: 'client' },
    );
    expect(r.state.context.answers).toEqual({ name: 'Maria', role: 'client' });
    expect(r.state.step).toBe('email');
  });

  it('fills several steps at once and asks only what is missing', () => {
    const r = send(startConversation(runtime), { type: 'ANSWERS', values: { name: 'Maria', role: 'client' } });
    expect(r.state.step).toBe('email');
  });

  it('keeps a clarification pending on its step until answered', () => {
    const r = send(startConversation(runtime), {
      type: 'CLARIFY',
      step: 'name',
      question: { key: 'which' },
      options: [{ label: 'A', value: 'a' }],
    });
    expect(r.outputs).toEqual([{ type: 'ask', step: 'name', pending: { step: 'name', question: { key: 'which' }, options: [{ label: 'A', value: 'a' }] } }]);
    expect(send(r, { type: 'ANSWER', step: 'name', value: 'a' }).state.context.pending).toBeNull();
  });

  it('reviews, then generates, then completes', () => {
    let r = send(
      startConversation(runtime),
      { type: 'ANSWER', step: 'name', value: 'Maria' },
      { type: 'ANSWER', step: 'role', value: 'client' },
      { type: 'ANSWER', step: 'email', value: null },
    );
    expect(r.state.phase).toBe('reviewing');
    const failed = send(r, { type: 'REVIEW_FAILED', step: 'role', reason: { key: 'nope' } });
    expect(failed.state).toMatchObject({ phase: 'collecting', step: 'role' });
    r = send(r, { type: 'REVIEW_PASSED' });
    expect(r.state.phase).toBe('generating');
    expect(send(r, { type: 'PROFILE_READY' }).state.phase).toBe('completed');
    expect(send(r, { type: 'PROFILE_FAILED' }).state.phase).toBe('failed');
  });

  it('survives a round trip through JSON (what the store does)', () => {
    const r = send(startConversation(runtime), { type: 'ANSWER', step: 'name', value: 'Maria' });
    const stored = JSON.parse(JSON.stringify(r.persisted)) as typeof r.persisted;
    expect(readConversation(runtime, stored)).toMatchObject({ phase: 'collecting', step: 'role', context: { answers: { name: 'Maria' } } });
  });

  it('migrates a session made with another version of the flow, keeping answers that still fit', () => {
    const r = send(startConversation(runtime), { type: 'ANSWER', step: 'name', value: 'Maria' }, { type: 'ANSWER', step: 'role', value: 'client' });
    const changed = compileFlow(
      flowSchema.parse({ ...flow, version: 2, steps: [flow.steps[0], { id: 'role', type: 'text', prompt: 'role' }, flow.steps[3]] }),
      'hash-2',
    );
    const state = readConversation(changed, r.persisted);
    expect(state.context.answers).toEqual({ name: 'Maria' });
    expect(state.step).toBe('role');
  });
});

describe('snapshots this process made', () => {
  const events: FlowEvent[] = [
    { type: 'ANSWER', step: 'name', value: 'Maria' },
    { type: 'INVALID', step: 'role', reason: { key: 'bad' } },
    { type: 'ANSWER', step: 'role', value: 'coach' },
    { type: 'BACK' },
    { type: 'ANSWER', step: 'role', value: 'coach' },
    { type: 'ANSWER', step: 'clients', value: 12 },
    { type: 'ANSWER', step: 'email', value: 'maria@example.com' },
    { type: 'REVIEW_PASSED' },
    { type: 'PROFILE_READY' },
  ];
  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

  it('advance exactly as their stored copies do, event after event', () => {
    let mine = startConversation(runtime);
    let stored = copy(mine);
    for (const event of events) {
      mine = advanceConversation(runtime, mine.persisted, event);
      stored = advanceConversation(runtime, copy(stored.persisted), event);
      expect(copy(mine)).toEqual(copy(stored));
    }
    expect(mine.state.phase).toBe('completed');
  });

  it('are restored from what the record holds now, not from what it held when made', () => {
    const made = send(startConversation(runtime), { type: 'ANSWER', step: 'name', value: 'Maria' }, { type: 'ANSWER', step: 'role', value: 'client' });
    const other = send(startConversation(runtime), { type: 'ANSWER', step: 'name', value: 'Ana' }, { type: 'ANSWER', step: 'role', value: 'client' });
    // The same record object, at the same step, now holding another conversation's context.
    Object.assign(made.persisted.snapshot, { context: other.persisted.snapshot.context });
    const next = advanceConversation(runtime, made.persisted, { type: 'ANSWER', step: 'email', value: 'ana@example.com' });
    expect(next.state).toMatchObject({ phase: 'reviewing', context: { answers: { name: 'Ana', role: 'client', email: 'ana@example.com' } } });
  });

  it('skip the envelope check only when made here and frozen since', () => {
    const made = startConversation(runtime).persisted;
    const unfrozen = parsePersisted(made);
    expect(unfrozen).not.toBe(made);
    expect(unfrozen).toEqual(made);
    Object.freeze(made.snapshot);
    Object.freeze(made);
    expect(parsePersisted(made)).toBe(made);
    const frozenCopy = Object.freeze({ ...copy(made), snapshot: Object.freeze(copy(made.snapshot)) });
    expect(parsePersisted(frozenCopy)).not.toBe(frozenCopy);
    expect(() => parsePersisted(Object.freeze({ ...copy(made), format: 2 }))).toThrow();
  });
});
