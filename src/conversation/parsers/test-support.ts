import type { ParseContext } from './parser-types.js';

/** The fixed "now" of the parser tests: 15 June 2025, noon UTC. */
export const NOW = new Date('2025-06-15T12:00:00Z');

export type StepValidationLike = ParseContext['validation'];
export type { ParseContext };

/** A parse context for tests; only what a test sets differs from an empty step. */
export function context(
  language: string,
  validation: StepValidationLike = {},
  extra: Partial<Omit<ParseContext, 'language' | 'validation'>> = {},
): ParseContext {
  return { language, now: NOW, validation, ...extra };
}
