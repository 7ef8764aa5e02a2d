import type { StepDefinition } from '../flows/flow-schema.js';
import type { DialogueWords } from './dialogue-words.js';
import { looseAlternation, matchable, templateRegex } from './word-patterns.js';

/** A request to change an earlier answer: ask it again, or replace it with the value given. */
export type EditIntent = { kind: 'change'; step: string } | { kind: 'correct'; step: string; valueText: string };

/** A clause break followed by more words: "Maria, born 5 March 1990 ...". */
const MORE_AFTER_BREAK = /[,;.!?।]\s*[\p{L}\p{N}]/u;

/**
 * Whether a value could be the whole answer to the step. A name never runs on past a comma, so
 * "my name is Maria, born 5 March 1990 in Madrid" is several answers in one message, not a correction.
 */
function plausibleValue(step: StepDefinition | undefined, value: string): boolean {
  return !(step?.extract === 'name' && MORE_AFTER_BREAK.test(value));
}

interface Patterns {
  /**
   * Any step name anywhere in the text. Every change and correction names its step (the `field` group), so a text
   * without one is neither, and the whole-message patterns are not tried at all (most answers: "Maria", "07:30").
   */
  anyField: RegExp;
  change: RegExp[];
  correct: RegExp[];
  /** Each step name as a whole-string pattern, with its step id. */
  names: Array<{ pattern: RegExp; step: string }>;
}

/** Compiled once per language's words and set of steps: loose patterns are slow to compile. */
const compiled = new WeakMap<DialogueWords, Map<string, Patterns | null>>();

function patternsFor(words: DialogueWords, steps: readonly StepDefinition[]): Patterns | null {
  // The steps decide the names (the words are fixed per language): their ids are the key, looked up every turn.
  const key = steps.map((step) => step.id).join('|');
  let bySteps = compiled.get(words);
  if (!bySteps) compiled.set(words, (bySteps = new Map()));
  let patterns = bySteps.get(key);
  if (patterns === undefined) {
    patterns = compilePatterns(words, steps);
    bySteps.set(key, patterns);
  }
  return patterns;
}

function compilePatterns(words: DialogueWords, steps: readonly StepDefinition[]): Patterns | null {
  const names = new Map<string, string>();
  for (const step of steps) {
    for (const name of words.stepNames[step.id] ?? [step.id.replace(/_/g, ' ')]) names.set(name.toLowerCase(), step.id);
  }
  if (names.size === 0) return null;
  const field = looseAlternation([...names.keys()]);
  return {
    // The same alternation and flags as the `field` group inside templateRegex's patterns.
    anyField: new RegExp(field, 'iu'),
    change: words.change.flatMap((t) => templateRegex(t, { field }) ?? []),
    correct: words.correct.flatMap((t) => templateRegex(t, { field, value: '.+?' }) ?? []),
    names: [...names].map(([name, step]) => ({ pattern: new RegExp(`^(?:${looseAlternation([name])})$`, 'iu'), step })),
  };
}

/** Reads "change my birth date" or "actually my email is maria@example.com" against the flow's steps. */
export function findEditIntent(text: string, words: DialogueWords, steps: readonly StepDefinition[]): EditIntent | null {
  const patterns = patternsFor(words, steps);
  if (!patterns) return null;
  const said = matchable(text);
  if (!patterns.anyField.test(said)) return null;
  const stepOf = (found: string): string | undefined => patterns.names.find((n) => n.pattern.test(found.trim()))?.step;
  // Fixed words first: "my birth time is wrong" is a change, not the value "wrong".
  for (const pattern of patterns.change) {
    const found = pattern.exec(said)?.groups?.field;
    const step = found ? stepOf(found) : undefined;
    if (step) return { kind: 'change', step };
  }
  for (const pattern of patterns.correct) {
    const match = pattern.exec(said);
    const step = match?.groups?.field ? stepOf(match.groups.field) : undefined;
    const value = match?.groups?.value?.trim();
    if (step && value && plausibleValue(steps.find((s) => s.id === step), value)) return { kind: 'correct', step, valueText: value };
  }
  return null;
}
