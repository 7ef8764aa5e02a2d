/** Phrases of one language that steer the dialogue rather than answer (from locales/<lng>/common.json). */
export interface DialogueWords {
  /** "change my {{field}}": ask that step again. */
  change: readonly string[];
  /** "actually my {{field}} is {{value}}": replace that answer. */
  correct: readonly string[];
  /** "I'm {{value}}": a name inside a longer message (steps with `extract: name`). */
  introduce: readonly string[];
  /** Words before a place inside a longer message: "in", "en", "à"... */
  placeMarkers: readonly string[];
  /** Words that end a name inside a longer message: "born", "and"... */
  nameEnd: readonly string[];
  /** What people call each step ("birth date", "birthday"), by step id, from the flow's locale file. */
  stepNames: Readonly<Record<string, readonly string[]>>;
}

export const noDialogueWords: DialogueWords = { change: [], correct: [], introduce: [], placeMarkers: [], nameEnd: [], stepNames: {} };
