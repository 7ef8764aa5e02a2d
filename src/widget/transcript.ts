import type { RawChoice } from './api-types.js';

/** A choice button: it shows `label` and sends `value` (which the service reads as the answer). */
export interface Choice {
  label: string;
  value: string;
}

/** One line of the conversation as the widget shows it. */
export interface TranscriptEntry {
  from: 'bot' | 'user';
  text: string;
  choices?: Choice[];
  /** A question that takes a photo: the step it answers. */
  photoStep?: string;
}

/** Turns the API's choice forms (strings or objects) into buttons; drops empty ones. */
export function normalizeChoices(raw: RawChoice[] | undefined): Choice[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const choices: Choice[] = [];
  for (const item of raw) {
    if (typeof item === 'string') {
      if (item.trim()) choices.push({ label: item, value: item });
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    const label = item.label ?? item.text ?? item.value;
    if (label) choices.push({ label, value: item.value ?? label });
  }
  return choices.length ? choices : undefined;
}
