import type { InputType } from '../flows/flow-schema.js';
import type { ConversationState } from './conversation.js';
import type { FlowEvent } from './flow-machine.js';
import type { FlowRuntime } from './flow-runtime.js';
import { normalizeWords } from './normalize.js';
import type { AnswerParser, ClarifyOption as PendingOption, ParseContext } from './parsers/parser-types.js';
import { inNamespace, type Translate } from './translate.js';

/** Words that are commands rather than answers, per language (from the locale files). */
export type CommandName = 'help' | 'back' | 'restart' | 'skip' | 'yes' | 'no';
export type CommandWords = Readonly<Record<CommandName, readonly string[]>>;

export interface ReplyContext {
  runtime: FlowRuntime;
  state: ConversationState;
  language: string;
  now: Date;
  country?: string;
  translate: Translate;
  commands: CommandWords;
  parsers: Readonly<Record<InputType, AnswerParser>>;
}

/** Turns what the person wrote into the one event the machine understands. Never throws on input. */
export function interpretReply(text: string, ctx: ReplyContext): FlowEvent {
  const stepId = ctx.state.step;
  const step = stepId ? ctx.runtime.step(stepId) : undefined;
  if (!step) throw new Error(`interpretReply called outside a question (phase ${ctx.state.phase})`);
  const words = normalizeWords(text);
  const is = (command: CommandName) => ctx.commands[command].some((word) => normalizeWords(word) === words);

  if (is('help')) return { type: 'HELP', step: step.id };
  if (is('back')) return { type: 'BACK' };
  if (is('restart')) return { type: 'RESTART' };
  if (is('skip')) {
    return step.optional
      ? { type: 'ANSWER', step: step.id, value: null }
      : { type: 'INVALID', step: step.id, reason: { key: 'common:skip.not_optional' } };
  }

  const pending = ctx.state.context.pending;
  if (pending && pending.step === step.id) {
    const picked = pickOption(pending.options, words, is);
    if (picked === 'declined') return { type: 'INVALID', step: step.id, reason: { key: 'common:clarify.declined' } };
    if (picked) return { type: 'ANSWER', step: step.id, value: picked.value };
  }

  const button = buttonValue(step.type, step.choices?.map((c) => c.value) ?? [], text.trim());
  if (button !== undefined) return { type: 'ANSWER', step: step.id, value: button };

  const parseContext: ParseContext = {
    language: ctx.language,
    now: ctx.now,
    validation: step.validation,
    ...(ctx.country ? { country: ctx.country } : {}),
    ...(step.choices
      ? { choices: step.choices.map((c) => ({ ...c, text: ctx.translate(inNamespace(ctx.runtime.definition.namespace, c.label)) })) }
      : {}),
  };
  const result = ctx.parsers[step.type](text, parseContext);
  switch (result.kind) {
    case 'accepted':
      return { type: 'ANSWER', step: step.id, value: result.value };
    case 'rejected':
      return { type: 'INVALID', step: step.id, reason: result.reason };
    case 'clarify':
      return { type: 'CLARIFY', step: step.id, question: result.question, options: result.options };
  }
}

/** The exact value a choice button sends (a choice id, or yes / no), which needs no parsing. */
function buttonValue(type: InputType, choiceValues: string[], text: string): string | boolean | undefined {
  if (type === 'choice' && choiceValues.includes(text)) return text;
  if (type === 'yes_no' && (text === 'yes' || text === 'no')) return text === 'yes';
  return undefined;
}

/** An option picked by its number or its label, "yes" to a single option, or "no" to decline it. */
function pickOption(
  options: PendingOption[],
  words: string,
  is: (command: CommandName) => boolean,
): PendingOption | 'declined' | null {
  const number = /^\d{1,2}$/.test(words) ? Number(words) : NaN;
  if (number >= 1 && number <= options.length) return options[number - 1] ?? null;
  const byLabel = options.filter((o) => normalizeWords(o.label) === words);
  if (byLabel.length === 1) return byLabel[0] ?? null;
  const byStart = options.filter((o) => words.length >= 3 && normalizeWords(o.label).startsWith(words));
  if (byStart.length === 1) return byStart[0] ?? null;
  if (options.length === 1 && is('yes')) return options[0] ?? null;
  if (is('no')) return 'declined';
  return null;
}
