import { createActor, type AnyActorScope, type SnapshotFrom } from 'xstate';
import type { FlowContext } from './flow-context.js';
import { emptyContext } from './flow-context.js';
import type { FlowEvent, FlowMachine, FlowOutput } from './flow-machine.js';
import type { FlowRuntime } from './flow-runtime.js';
import { PERSISTED_FORMAT, persistedSessionSchema, type PersistedSession } from './persisted-session.js';
import type { AnswerValue } from './parsers/parser-types.js';

/** Where a conversation stands, read from its machine. */
export type ConversationPhase = 'collecting' | 'paused' | 'skipped' | 'reviewing' | 'generating' | 'completed' | 'failed';

export interface ConversationState {
  phase: ConversationPhase;
  /** The step being asked, while collecting. */
  step: string | null;
  context: FlowContext;
}

/** One step of the machine: the new state, what it said, and the snapshot to persist. */
export interface StepResult {
  state: ConversationState;
  outputs: FlowOutput[];
  persisted: PersistedSession;
}

/** Starts a new conversation (or re-starts one with answers carried over from an older flow version). */
export function startConversation(runtime: FlowRuntime, context: FlowContext = emptyContext()): StepResult {
  return run(runtime, undefined, context, null);
}

/** Restores a conversation from its persisted snapshot and sends it one event. */
export function advanceConversation(runtime: FlowRuntime, persisted: PersistedSession, event: FlowEvent): StepResult {
  const restored = restore(runtime, persisted);
  if (restored.kind === 'migrated') {
    const started = startConversation(runtime, restored.context);
    return { ...run(runtime, started.persisted.snapshot, undefined, event), outputs: [...started.outputs] };
  }
  return run(runtime, persisted.snapshot, undefined, event);
}

/** Sends several events in turn (a resume before an answer); the outputs of all, the state after the last. */
export function advanceConversationBy(runtime: FlowRuntime, persisted: PersistedSession, events: readonly FlowEvent[]): StepResult {
  const [first, ...rest] = events;
  if (!first) throw new Error('advanceConversationBy needs at least one event');
  let result = advanceConversation(runtime, persisted, first);
  for (const event of rest) {
    const next = advanceConversation(runtime, result.persisted, event);
    result = { ...next, outputs: [...result.outputs, ...next.outputs] };
  }
  return result;
}

/**
 * Reads the state of a persisted conversation without changing it. A snapshot of this very flow is read as
 * it is, without an actor: it was persisted at rest (eventless transitions already taken), so restoring it
 * would only reproduce its value and context, and a turn then restores it once more to advance it.
 */
export function readConversation(runtime: FlowRuntime, persisted: PersistedSession): ConversationState {
  const restored = restore(runtime, persisted);
  if (restored.kind === 'migrated') return startConversation(runtime, restored.context).state;
  return stateOf(persisted.snapshot as unknown as SnapshotFrom<FlowMachine>);
}

/**
 * Envelopes run() made in this process. One that comes back frozen (the session cache froze the row this process
 * wrote, so nothing can have changed it since) needs no second check: a turn on a remembered row skips the parse.
 */
const madeHere = new WeakSet<object>();

/** Parses a stored envelope; throws when it is not one (a corrupted row is a bug, not user input). */
export function parsePersisted(value: unknown): PersistedSession {
  if (typeof value === 'object' && value !== null && madeHere.has(value) && Object.isFrozen(value)) {
    const { snapshot } = value as PersistedSession;
    if (Object.isFrozen(snapshot)) return value as PersistedSession;
  }
  return persistedSessionSchema.parse(value);
}

type Restored = { kind: 'same' } | { kind: 'migrated'; context: FlowContext };

/**
 * A snapshot made with another version of the flow file is not restored as is (its states may no longer
 * exist): the answers to steps that still exist with the same input type are kept, and the conversation
 * resumes at the first step that still needs an answer.
 */
function restore(runtime: FlowRuntime, persisted: PersistedSession): Restored {
  if (persisted.flowHash === runtime.hash) return { kind: 'same' };
  const oldContext = (persisted.snapshot as { context?: Partial<FlowContext> }).context ?? {};
  const oldTypes = (persisted.snapshot as { stepTypes?: Record<string, string> }).stepTypes ?? {};
  const answers: Record<string, AnswerValue> = {};
  for (const [id, value] of Object.entries(oldContext.answers ?? {})) {
    const step = runtime.step(id);
    if (step && (oldTypes[id] ?? step.type) === step.type) answers[id] = value;
  }
  const order = (oldContext.order ?? []).filter((id) => Object.hasOwn(answers, id));
  return { kind: 'migrated', context: { answers, order, failures: {}, pending: null, ...(oldContext.known ? { known: oldContext.known } : {}) } };
}

/**
 * One reusable actor scope per machine, for stepping it through its ActorLogic methods (resolveState,
 * getInitialSnapshot, transition) without making an actor per turn. The machine has no children and its only
 * side effects are emitted outputs, which each call collects through its own actionExecutor.
 */
const scopes = new WeakMap<FlowMachine, AnyActorScope>();
function scopeOf(machine: FlowMachine): AnyActorScope {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine, { input: undefined });
    const ignore = () => {};
    scope = { self, id: '', sessionId: '', logger: ignore, defer: ignore, emit: ignore, system: self.system, stopChild: ignore, actionExecutor: ignore };
    scopes.set(machine, scope);
  }
  return scope;
}

/**
 * A flow machine has no child actors and no history states, and its context is plain JSON (answers, order,
 * failures...): a stored snapshot is its status, value and context. So it is restored from those with the
 * public machine.resolveState, and persisted as they are, without xstate's restoreSnapshot and
 * getPersistedSnapshot, which walk the whole context looking for actor references on every turn (measured: a
 * tenth of a turn's CPU in the service). flow-machine.ts builds no child actors and no history states.
 */
function restoreSnapshot(machine: FlowMachine, snapshot: Record<string, unknown>): SnapshotFrom<FlowMachine> {
  const stored = snapshot as { status?: string; value: unknown; context: FlowContext };
  const known = madeSnapshots.get(snapshot);
  if (known && known.machine === machine && known.snapshot.value === stored.value && known.snapshot.context === stored.context && known.snapshot.status === stored.status) {
    return known.snapshot;
  }
  return machine.resolveState({
    value: stored.value as SnapshotFrom<FlowMachine>['value'],
    context: stored.context,
    ...(stored.status === 'active' || stored.status === 'done' ? { status: stored.status } : {}),
  });
}

/**
 * The machine snapshot each persisted snapshot was made from (run): the next turn on the same row (the session
 * cache hands back the very object) or the next event of the same turn starts from it instead of resolving the
 * state again. It is used only while the record still holds the same status, value and context objects, which
 * is exactly what resolveState would be given (a snapshot at rest, without children or history).
 */
const madeSnapshots = new WeakMap<object, { machine: FlowMachine; snapshot: SnapshotFrom<FlowMachine> }>();

function persistSnapshot(current: SnapshotFrom<FlowMachine>): Record<string, unknown> {
  if (Object.keys(current.children).length > 0 || Object.keys(current.historyValue).length > 0) {
    throw new Error('a flow machine snapshot with children or history cannot be persisted as plain data');
  }
  const { status, value, context, output, error } = current;
  return {
    status,
    value,
    historyValue: {},
    context,
    children: {},
    ...(output === undefined ? {} : { output }),
    ...(error === undefined ? {} : { error }),
  };
}

function run(
  runtime: FlowRuntime,
  snapshot: Record<string, unknown> | undefined,
  context: FlowContext | undefined,
  event: FlowEvent | null,
): StepResult {
  const { machine } = runtime;
  const outputs: FlowOutput[] = [];
  const scope: AnyActorScope = {
    ...scopeOf(machine),
    actionExecutor: (action) => {
      if (action.type === 'xstate.emit') outputs.push((action.params as { event: FlowOutput }).event);
    },
  };
  let current = snapshot ? restoreSnapshot(machine, snapshot) : machine.getInitialSnapshot(scope, { context });
  if (event) current = machine.transition(current, event, scope);
  const persistedSnapshot: Record<string, unknown> = { ...persistSnapshot(current), stepTypes: stepTypesOf(runtime) };
  madeSnapshots.set(persistedSnapshot, { machine, snapshot: current });
  const persisted: PersistedSession = {
    format: PERSISTED_FORMAT,
    flowId: runtime.definition.id,
    flowVersion: runtime.definition.version,
    flowHash: runtime.hash,
    snapshot: persistedSnapshot,
  };
  madeHere.add(persisted);
  return { state: stateOf(current), outputs, persisted };
}

/** Step id -> input type of a flow, kept with every snapshot (for migration); computed once per flow. */
const stepTypesCache = new WeakMap<FlowRuntime, Readonly<Record<string, string>>>();
function stepTypesOf(runtime: FlowRuntime): Readonly<Record<string, string>> {
  let types = stepTypesCache.get(runtime);
  if (!types) {
    types = Object.freeze(Object.fromEntries(runtime.definition.steps.map((s) => [s.id, s.type])));
    stepTypesCache.set(runtime, types);
  }
  return types;
}

function stateOf(snapshot: SnapshotFrom<FlowMachine>): ConversationState {
  const value: unknown = snapshot.value;
  const context = snapshot.context;
  if (typeof value === 'string') return { phase: value as ConversationPhase, step: null, context };
  const step = (value as { collecting?: string }).collecting ?? null;
  return { phase: 'collecting', step: step === 'routing' ? null : step, context };
}
