import type { Condition } from '../flows/flow-schema.js';
import type { AnswerValue } from './parsers/parser-types.js';

/** Whether a step's `when` condition holds on the answers so far (no condition: always). */
export function conditionHolds(condition: Condition | undefined, answers: Readonly<Record<string, AnswerValue>>): boolean {
  if (!condition) return true;
  if ('all' in condition) return condition.all.every((c) => conditionHolds(c, answers));
  if ('any' in condition) return condition.any.some((c) => conditionHolds(c, answers));
  if ('not' in condition) return !conditionHolds(condition.not, answers);
  const has = Object.hasOwn(answers, condition.step) && answers[condition.step] !== null;
  if ('answered' in condition) return has === condition.answered;
  if (!has) return false;
  const value = answers[condition.step];
  if ('equals' in condition) return value === condition.equals;
  return condition.in.some((candidate) => candidate === value);
}
