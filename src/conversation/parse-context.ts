import type { FieldDefinition, StepDefinition } from '../flows/flow-schema.js';
import type { FlowRuntime } from './flow-runtime.js';
import type { ParseContext } from './parsers/parser-types.js';
import { inNamespace, type Translate } from './translate.js';

/** What a parser needs to read an answer to one step (or one field of an entries step). */
export function parseContextOf(
  asked: StepDefinition | FieldDefinition,
  ctx: { runtime: FlowRuntime; language: string; now: Date; translate: Translate; country?: string | undefined },
): ParseContext {
  return {
    language: ctx.language,
    now: ctx.now,
    validation: asked.validation,
    ...(ctx.country ? { country: ctx.country } : {}),
    ...('extract' in asked && asked.extract === 'name' ? { personName: true } : {}),
    ...(asked.choices
      ? { choices: asked.choices.map((c) => ({ ...c, text: ctx.translate(inNamespace(ctx.runtime.definition.namespace, c.label)) })) }
      : {}),
  };
}
