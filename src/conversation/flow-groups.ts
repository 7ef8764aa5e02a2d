import type { FlowDefinition, GroupDefinition } from '../flows/flow-schema.js';
import { conditionHolds } from './conditions.js';
import type { AnswerValue } from './parsers/parser-types.js';

/** One group of a flow (a page of a product's wizard) and where it stands. */
export interface GroupStatus {
  index: number;
  id: string;
  /** Every step of the group that applies is answered (a skipped optional step counts as answered). */
  completed: boolean;
  /** Some step of the group that applies cannot be skipped. */
  required: boolean;
  /** The group's steps that apply given the answers so far. */
  steps: string[];
  /** Steps that apply, are not answered yet and cannot be skipped. */
  missingRequired: string[];
  /** Steps that apply, are not answered yet and may be skipped. */
  missingOptional: string[];
}

const defaultGroups = new WeakMap<FlowDefinition, GroupDefinition[]>();

/** The flow's groups: as declared, or one group per step. */
export function groupsOf(flow: FlowDefinition): GroupDefinition[] {
  if (flow.groups) return flow.groups;
  let groups = defaultGroups.get(flow);
  if (!groups) {
    groups = flow.steps.map((step) => ({ id: step.id, steps: [step.id] }));
    defaultGroups.set(flow, groups);
  }
  return groups;
}

/** Where each group stands, given the answers. */
export function groupStatuses(flow: FlowDefinition, answers: Readonly<Record<string, AnswerValue>>): GroupStatus[] {
  const stepsById = new Map(flow.steps.map((step) => [step.id, step]));
  return groupsOf(flow).map((group, index) => {
    const applying = group.steps.flatMap((id) => {
      const step = stepsById.get(id);
      return step && conditionHolds(step.when, answers) ? [step] : [];
    });
    const missing = applying.filter((step) => !Object.hasOwn(answers, step.id));
    return {
      index,
      id: group.id,
      completed: missing.length === 0,
      required: applying.some((step) => !step.optional),
      steps: applying.map((step) => step.id),
      missingRequired: missing.filter((step) => !step.optional).map((step) => step.id),
      missingOptional: missing.filter((step) => step.optional).map((step) => step.id),
    };
  });
}

/** The index of the first group not completed; the number of groups when all are. */
export function currentGroupIndex(statuses: readonly GroupStatus[]): number {
  const open = statuses.find((group) => !group.completed);
  return open ? open.index : statuses.length;
}

/** A group by its 0-based index or its id. */
export function findGroup(statuses: readonly GroupStatus[], ref: string): GroupStatus | undefined {
  if (/^\d{1,3}$/.test(ref)) return statuses[Number(ref)];
  return statuses.find((group) => group.id === ref);
}

/** The groups with a step that must still be answered before the flow can complete. */
export function missingRequiredGroups(statuses: readonly GroupStatus[]): GroupStatus[] {
  return statuses.filter((group) => group.missingRequired.length > 0);
}
