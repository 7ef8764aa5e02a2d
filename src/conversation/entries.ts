import type { FieldDefinition, StepDefinition } from '../flows/flow-schema.js';
import type { AnswerValue } from './parsers/parser-types.js';

/** An `entries` step being answered: the entries so far and the fields of the one being asked. */
export interface EntryDraft {
  step: string;
  entries: Array<Record<string, AnswerValue>>;
  current: Record<string, AnswerValue>;
  /** The last entry is complete: the question is "add another?". */
  awaitingMore: boolean;
}

/** What an entries step asks next: a field of the current entry, or whether to add another. */
export type EntryPart = { kind: 'field'; field: FieldDefinition; index: number } | { kind: 'more' };

export function entryPart(step: StepDefinition, draft: EntryDraft | null | undefined): EntryPart {
  const fields = step.fields ?? [];
  const own = draft?.step === step.id ? draft : null;
  if (own?.awaitingMore) return { kind: 'more' };
  const index = Math.max(0, fields.findIndex((field) => !Object.hasOwn(own?.current ?? {}, field.id)));
  const field = fields[index];
  if (!field) throw new Error(`entries step ${step.id} has no fields`);
  return { kind: 'field', field, index };
}

/** The draft after one field's answer: the entry is closed when every field has an answer. */
export function withField(step: StepDefinition, draft: EntryDraft | null | undefined, field: string, value: AnswerValue): EntryDraft {
  const own: EntryDraft = draft?.step === step.id ? draft : { step: step.id, entries: [], current: {}, awaitingMore: false };
  const current = { ...own.current, [field]: value };
  const complete = (step.fields ?? []).every((f) => Object.hasOwn(current, f.id));
  return complete
    ? { ...own, entries: [...own.entries, current], current: {}, awaitingMore: true }
    : { ...own, current, awaitingMore: false };
}

/** Whether the draft holds as many entries as the step takes. */
export function entriesFull(step: StepDefinition, draft: EntryDraft): boolean {
  return draft.entries.length >= step.max_entries;
}

/** Of an entries step: the field asked (its id; `intro` for the very first one), or `more` ("add another?"). */
export type AskedPart = { field: string; intro?: true } | { more: true };

/** What an ask of this step names besides the step: the part of an entries step; nothing for other steps. */
export function askedPart(step: StepDefinition | undefined, draft: EntryDraft | null | undefined): { part?: AskedPart } {
  if (step?.type !== 'entries') return {};
  const part = entryPart(step, draft);
  if (part.kind === 'more') return { part: { more: true } };
  const intro = part.index === 0 && !(draft?.step === step.id && draft.entries.length > 0);
  return { part: intro ? { field: part.field.id, intro: true } : { field: part.field.id } };
}
