import type { FlowDefinition, StepDefinition } from '../flows/flow-schema.js';
import { buildFlowMachine, type FlowMachine } from './flow-machine.js';

/** A flow ready to run: its definition, the hash of its file, and its machine (compiled once). */
export interface FlowRuntime {
  definition: FlowDefinition;
  /** SHA-256 of the flow file; sessions are pinned to it. */
  hash: string;
  machine: FlowMachine;
  step(id: string): StepDefinition | undefined;
}

export function compileFlow(definition: FlowDefinition, hash: string): FlowRuntime {
  const steps = new Map(definition.steps.map((s) => [s.id, s]));
  return { definition, hash, machine: buildFlowMachine(definition), step: (id) => steps.get(id) };
}
