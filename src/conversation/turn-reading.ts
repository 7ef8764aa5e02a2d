import type { FieldDefinition, InputType, StepDefinition } from '../flows/flow-schema.js';
import type { AnswerParser, ParseContext, ParseResult } from './parsers/parser-types.js';

/** The parsers and parse contexts one turn reads its message with. */
export interface TurnReading {
  parsers: Readonly<Record<InputType, AnswerParser>>;
  parseContext(step: StepDefinition | FieldDefinition): ParseContext;
}

/**
 * One turn's parsers, each result remembered for the turn: a message is read for several steps and candidates
 * (several answers at once, then the plain answer), and the same text for the same step is read once. Parsers
 * are pure, so a remembered result is the one a second call would give. A step's parse context is made once.
 */
export function readingForTurn(
  parsers: Readonly<Record<InputType, AnswerParser>>,
  contextOf: (step: StepDefinition | FieldDefinition) => ParseContext,
): TurnReading {
  const contexts = new Map<StepDefinition | FieldDefinition, ParseContext>();
  // Plain maps: everything here lives for one turn (a WeakMap per turn costs the garbage collector more).
  const results = new Map<ParseContext, Map<string, ParseResult>>();
  const memo = {} as Record<InputType, AnswerParser>;
  for (const key in parsers) {
    const type = key as InputType;
    const parse = parsers[type];
    memo[type] = (text, context) => {
      let known = results.get(context);
      if (!known) results.set(context, (known = new Map()));
      const key = `${type}\u0000${text}`;
      let result = known.get(key);
      if (!result) known.set(key, (result = parse(text, context)));
      return result;
    };
  }
  return {
    parsers: memo,
    parseContext(step) {
      let context = contexts.get(step);
      if (!context) contexts.set(step, (context = contextOf(step)));
      return context;
    },
  };
}
