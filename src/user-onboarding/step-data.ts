import type { GroupStatus } from '../conversation/flow-groups.js';
import type { FlowRuntime } from '../conversation/flow-runtime.js';
import { parseContextOf } from '../conversation/parse-context.js';
import type { AnswerParser, AnswerValue, ParseContext, ParseResult } from '../conversation/parsers/parser-types.js';
import { translateRef, type Translate } from '../conversation/translate.js';
import type { FieldDefinition, InputType, StepDefinition } from '../flows/flow-schema.js';
import { imageTypes } from '../images/image-type.js';

/** One field a form sent that could not be used, with the reason in the person's language. */
export interface FieldProblem {
  field: string;
  reason: string;
}

export interface StepDataContext {
  runtime: FlowRuntime;
  language: string;
  now: Date;
  translate: Translate;
  parsers: Readonly<Record<InputType, AnswerParser>>;
  /** The answers so far: a required step already answered may be left out. */
  answers: Readonly<Record<string, AnswerValue>>;
  /** Where this user's uploaded photos are stored: a photo answer must name one of them. */
  imagePrefix: string;
}

/**
 * The answers a form sends for one group (`{ "<step id>": value }`), read by the same parsers the chat uses:
 * text as a person would type it ("5 March 1990"), or the stored form ("1990-03-05", a choice's value, a list
 * as an array, entries as an array of objects). A skippable step left out or null is skipped; a required one
 * must be there unless it was answered before. Either every field is usable, or nothing is.
 */
export function readStepData(
  group: GroupStatus,
  data: Readonly<Record<string, unknown>>,
  ctx: StepDataContext,
): { values: Record<string, AnswerValue> } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const values: Record<string, AnswerValue> = {};
  const say = (key: string) => ctx.translate(key);
  for (const field of Object.keys(data)) {
    if (!group.steps.includes(field)) problems.push({ field, reason: say('common:api.unknown_field') });
  }
  for (const id of group.steps) {
    const step = ctx.runtime.step(id);
    if (!step) continue;
    const raw = data[id];
    if (raw === undefined && Object.hasOwn(ctx.answers, id)) continue;
    if (raw === undefined || raw === null || raw === '') {
      if (step.optional) values[id] = null;
      else problems.push({ field: id, reason: say('common:api.required') });
      continue;
    }
    const read =
      step.type === 'entries'
        ? readEntries(step, raw, ctx)
        : step.type === 'image'
          ? readImage(raw, ctx)
          : readValue(step, step.type, raw, parseContextOf(step, ctx), ctx);
    if ('problem' in read) problems.push({ field: id, reason: read.problem });
    else values[id] = read.value;
  }
  return problems.length > 0 ? { problems } : { values };
}

type Read = { value: AnswerValue } | { problem: string };

function readValue(
  definition: StepDefinition | FieldDefinition,
  type: InputType,
  raw: unknown,
  parseContext: ParseContext,
  ctx: StepDataContext,
): Read {
  // The stored forms need no reading: a choice's value, yes / no as a boolean.
  if (type === 'choice' && typeof raw === 'string' && definition.choices?.some((c) => c.value === raw)) return { value: raw };
  if (type === 'yes_no' && typeof raw === 'boolean') return { value: raw };
  const text = textOf(raw);
  if (text === null) return { problem: ctx.translate('common:api.wrong_type') };
  return fromResult(ctx.parsers[type](text, parseContext), ctx.translate);
}

/** A photo this user uploaded before (the upload's answer: `{ path, content_type, bytes }`). */
function readImage(raw: unknown, ctx: StepDataContext): Read {
  const image = raw as { path?: unknown; content_type?: unknown; bytes?: unknown };
  const usable =
    typeof raw === 'object' && raw !== null &&
    typeof image.path === 'string' && image.path.startsWith(ctx.imagePrefix) && !image.path.includes('..') &&
    typeof image.content_type === 'string' && Object.hasOwn(imageTypes, image.content_type) &&
    typeof image.bytes === 'number';
  if (!usable) return { problem: ctx.translate('common:api.image_upload') };
  return { value: { path: image.path as string, content_type: image.content_type as string, bytes: image.bytes as number } };
}

/** An array of entries, each an object of the step's fields. */
function readEntries(step: StepDefinition, raw: unknown, ctx: StepDataContext): Read {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > step.max_entries) return { problem: ctx.translate('common:api.entries') };
  const entries: Array<Record<string, AnswerValue>> = [];
  for (const item of raw) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return { problem: ctx.translate('common:api.entries') };
    const entry: Record<string, AnswerValue> = {};
    for (const field of step.fields ?? []) {
      const value = (item as Record<string, unknown>)[field.id];
      if (value === undefined || value === null || value === '') {
        if (!field.optional) return { problem: `${field.id}: ${ctx.translate('common:api.required')}` };
        entry[field.id] = null;
        continue;
      }
      const read = readValue(field, field.type, value, parseContextOf(field, ctx), ctx);
      if ('problem' in read) return { problem: `${field.id}: ${read.problem}` };
      entry[field.id] = read.value;
    }
    entries.push(entry);
  }
  return { value: entries };
}

/** What a form may send as text: a string, a number, or a list of strings (one item a line). */
function textOf(raw: unknown): string | null {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (Array.isArray(raw) && raw.length > 0 && raw.every((item) => typeof item === 'string')) return raw.join('\n');
  return null;
}

function fromResult(result: ParseResult, translate: Translate): Read {
  switch (result.kind) {
    case 'accepted':
      return { value: result.value };
    case 'rejected':
      return { problem: translateRef(translate, result.reason) };
    case 'clarify':
      // A form cannot answer a follow-up question: say what was ambiguous and which readings there are.
      return { problem: `${translateRef(translate, result.question)} ${result.options.map((o) => o.label).join(' / ')}` };
  }
}
