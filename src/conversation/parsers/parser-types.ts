import type { ChoiceDefinition, StepValidation } from '../../flows/flow-schema.js';

/** Something the bot says, before translation: an i18n key and its interpolation values. */
export interface MessageRef {
  key: string;
  /** Values for `{{name}}` placeholders; a nested MessageRef is translated first (e.g. a help text). */
  vars?: Record<string, string | number | MessageRef>;
}

/** A JSON value as stored in collected_data. */
export type AnswerValue = string | number | boolean | null | AnswerValue[] | { [key: string]: AnswerValue };

/** One candidate the person can pick when the parser is not sure (ambiguous place, day-month order...). */
export interface ClarifyOption {
  /** What the person sees, already in their language (e.g. "Springfield, Illinois, US"). */
  label: string;
  value: AnswerValue;
}

/**
 * What a parser makes of one answer. Parsers never throw on bad input:
 * - accepted: the value to store;
 * - rejected: the reason, said back to the person before the question is asked again;
 * - clarify: the answer could mean one of `options`; the bot asks `question` and the next reply picks one
 *   (by number, by label, or "yes" when there is a single option to confirm).
 */
export type ParseResult =
  | { kind: 'accepted'; value: AnswerValue }
  | { kind: 'rejected'; reason: MessageRef }
  | { kind: 'clarify'; question: MessageRef; options: ClarifyOption[] };

/** What a parser may know about the conversation besides the text. */
export interface ParseContext {
  /** The session's language (en, es, fr, de, pt, hi). */
  language: string;
  /** "Now" for relative dates and the no-future rule; injected so tests are repeatable. */
  now: Date;
  validation: StepValidation;
  /** Choice steps only: the options, with their labels already translated into `language`. */
  choices?: Array<ChoiceDefinition & { text: string }>;
  /** ISO 3166 country guessed for the person (caller id, locale), for phone numbers without a prefix. */
  country?: string;
  /** Text steps with `extract: name`: the answer is a person's name (letters, spaces, apostrophes, hyphens). */
  personName?: boolean;
}

/** Turns one free-text answer into a value for one input type. Synchronous and pure. */
export type AnswerParser = (text: string, context: ParseContext) => ParseResult;

export const accepted = (value: AnswerValue): ParseResult => ({ kind: 'accepted', value });
export const rejected = (key: string, vars?: MessageRef['vars']): ParseResult => ({
  kind: 'rejected',
  reason: vars ? { key, vars } : { key },
});
