import type { AnswerValue, ParseResult } from '../conversation/parsers/parser-types.js';

/** Translates an i18n key in the session's language. */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** What a generator is given: the session's validated answers and its language. */
export interface ProfileRequest {
  sessionId: string;
  flowId: string;
  language: string;
  answers: Readonly<Record<string, AnswerValue>>;
  translate: Translate;
}

/** The generated profile, stored as `profile_data` and returned by the API as `profile`. */
export type ProfileData = { kind: string; summary?: string } & Record<string, unknown>;

/** A problem a generator finds in answers that each passed their own parser (e.g. a local time that did not exist). */
export interface AnswerReview {
  /** The step whose answer must be asked again. */
  step: string;
  result: Extract<ParseResult, { kind: 'rejected' | 'clarify' }>;
}

/**
 * Builds a profile when a flow completes. Chosen per flow (the flow's `profile` field).
 * `generate` must be idempotent: the same answers give the same profile, so a restart after a crash
 * repeats nothing visible (the store upserts the profile by session id).
 */
export interface ProfileGenerator {
  kind: string;
  /**
   * Quick and pure (no I/O, a few milliseconds of CPU): made inside the turn that collects the last answer and
   * committed with it. Otherwise the session waits in generating_chart and the profile runner makes it.
   */
  runsInTurn?: boolean;
  /** Optional cross-answer check run before generation; null when the answers hold together. */
  review?(answers: Readonly<Record<string, AnswerValue>>, language: string): AnswerReview | null;
  generate(request: ProfileRequest): Promise<ProfileData>;
}
