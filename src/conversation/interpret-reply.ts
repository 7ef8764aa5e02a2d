import type { InputType, StepDefinition } from '../flows/flow-schema.js';
import { answerLabel, correctionNotes, stepTitle } from './answer-labels.js';
import { applicableSteps } from './flow-context.js';
import type { ConversationState } from './conversation.js';
import type { DialogueWords } from './dialogue-words.js';
import { findEditIntent } from './edit-intents.js';
import { interpretEntry } from './interpret-entry.js';
import { parseContextOf } from './parse-context.js';
import { extractAnswers } from './extract-answers.js';
import { readingForTurn } from './turn-reading.js';
import type { FlowEvent } from './flow-machine.js';
import type { PendingClarification } from './flow-context.js';
import type { FlowRuntime } from './flow-runtime.js';
import { normalizeWords } from './normalize.js';
import type { AnswerParser, AnswerValue, ClarifyOption, ParseResult } from './parsers/parser-types.js';
import type { Translate } from './translate.js';

/** Words that are commands rather than answers, per language (from the locale files). */
export type CommandName = 'help' | 'back' | 'restart' | 'skip' | 'skip_onboarding' | 'stop' | 'yes' | 'no';
export type CommandWords = Readonly<Record<CommandName, readonly string[]>>;

export interface ReplyContext {
  runtime: FlowRuntime;
  state: ConversationState;
  language: string;
  now: Date;
  country?: string;
  translate: Translate;
  commands: CommandWords;
  dialogue: DialogueWords;
  parsers: Readonly<Record<InputType, AnswerParser>>;
}

/**
 * Turns what the person wrote into the one event the machine understands. Never throws on input.
 * In order: a command ("help", "back"...), a pick among the options of a pending question, a correction of an
 * earlier answer ("actually my email is ..."), several answers in one message, and last the plain answer.
 */
export function interpretReply(said: string, ctx: ReplyContext): FlowEvent {
  return withCorrectionNotes(readReply(said, ctx), ctx);
}

/** An answer that replaces an earlier one carries what to say about it ("Got it, your name is now Ana."). */
function withCorrectionNotes(event: FlowEvent, ctx: ReplyContext): FlowEvent {
  if (event.type !== 'ANSWER' && event.type !== 'ANSWERS') return event;
  const values = event.type === 'ANSWER' ? { [event.step]: event.value } : event.values;
  const namespace = ctx.runtime.definition.namespace;
  const notes = correctionNotes(values, ctx.state.context.answers, {
    step: (id) => ctx.runtime.step(id),
    stepName: (id) => stepTitle(ctx.dialogue.stepNames[id]?.[0], ctx.language),
    label: (step, value) => answerLabel(step, value, ctx.language, ctx.translate, namespace),
  });
  return notes.length > 0 ? { ...event, notes } : event;
}

function readReply(said: string, ctx: ReplyContext): FlowEvent {
  const text = joinSpelledLetters(said);
  const stepId = ctx.state.step;
  const step = stepId ? ctx.runtime.step(stepId) : undefined;
  if (!step) throw new Error(`interpretReply called outside a question (phase ${ctx.state.phase})`);
  const words = normalizeWords(text);
  const commands = normalizedCommands(ctx.commands);
  const is = (command: CommandName) => commands[command].has(words);

  if (is('help')) return { type: 'HELP', step: step.id };
  if (is('back')) return { type: 'BACK' };
  if (is('restart')) return { type: 'RESTART' };
  if (is('stop')) return { type: 'STOP' };
  if (is('skip_onboarding')) return { type: 'SKIP_FLOW' };
  if (step.type === 'entries') return interpretEntry(step, text, ctx, is);
  // A photo comes as an upload or a media message, never as text: only "skip" is an answer here.
  if (step.type === 'image') {
    if (!is('skip')) return { type: 'INVALID', step: step.id, reason: { key: 'common:image.send_photo' } };
    return step.optional ? { type: 'ANSWER', step: step.id, value: null } : { type: 'INVALID', step: step.id, reason: { key: 'common:skip.not_optional' } };
  }
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

  const { parsers, parseContext } = readingForTurn(ctx.parsers, (target) => parseContextOf(target, ctx));
  const steps = applicableSteps(ctx.runtime.definition, ctx.state.context.answers);

  const edit = findEditIntent(text, ctx.dialogue, steps);
  if (edit?.kind === 'change') return { type: 'EDIT', step: edit.step };
  if (edit?.kind === 'correct') {
    const target = ctx.runtime.step(edit.step);
    // An entries step is corrected by asking it again, entry by entry; a photo by sending another.
    if (target?.type === 'entries' || target?.type === 'image') return { type: 'EDIT', step: target.id };
    if (target) return toEvent(target.id, parsers[target.type](edit.valueText, parseContext(target)));
  }

  const open = steps.filter((s) => s.type !== 'entries' && s.type !== 'image' && (s.id === step.id || !Object.hasOwn(ctx.state.context.answers, s.id)));
  let question: PendingClarification | undefined;
  const extracted = extractAnswers(text, open, {
    words: ctx.dialogue, parseContext, parsers,
    onClarify: (id, result) => {
      question ??= { step: id, question: result.question, options: result.options };
    },
  });
  const others = Object.keys(extracted).filter((id) => id !== step.id);
  // A free-text step would take the whole sentence; prefer what was found in it. A place found with them that
  // needs a question is asked next, with its options.
  if (others.length > 0 || (step.type === 'text' && Object.hasOwn(extracted, step.id))) {
    return { type: 'ANSWERS', values: extracted, ...(question && question.step !== step.id ? { pending: question } : {}) };
  }
  const plain = placeOrWord(step, parsers[step.type](text, parseContext(step)), is);
  // "born in Madrid" may not parse whole, but the place found in it did.
  const found = extracted[step.id];
  if (plain.kind === 'rejected' && found !== undefined) return { type: 'ANSWER', step: step.id, value: found };
  if (plain.kind === 'rejected') {
    // Not an answer here but clearly one to an earlier question ("1 April 1991" asked for a name after "back"):
    // taken for that step, as a correction.
    const answered = steps.filter((s) => s.id !== step.id && s.type !== 'text' && s.type !== 'entries' && s.type !== 'image' && Object.hasOwn(ctx.state.context.answers, s.id));
    const earlier = extractAnswers(text, answered, { words: ctx.dialogue, parseContext, parsers });
    if (Object.keys(earlier).length > 0) return { type: 'ANSWERS', values: earlier };
  }
  return toEvent(step.id, plain);
}

const normalizedCommandSets = new WeakMap<CommandWords, Readonly<Record<CommandName, ReadonlySet<string>>>>();

/** A language's command words as normalizeWords reads them, made once per language (the words are cached). */
function normalizedCommands(commands: CommandWords): Readonly<Record<CommandName, ReadonlySet<string>>> {
  let sets = normalizedCommandSets.get(commands);
  if (!sets) {
    const entries = Object.entries(commands).map(([name, words]) => [name, new Set(words.map(normalizeWords))]);
    sets = Object.fromEntries(entries) as Record<CommandName, ReadonlySet<string>>;
    normalizedCommandSets.set(commands, sets);
  }
  return sets;
}

/**
 * "Sim", "nein", "si" are also towns somewhere: a reply that is only a yes / no word of the session's language is
 * not taken as a place without asking ("Did you mean the place called Sim?").
 */
function placeOrWord(step: StepDefinition, result: ParseResult, is: (command: CommandName) => boolean): ParseResult {
  if (step.type !== 'place' || result.kind === 'rejected' || !(is('yes') || is('no'))) return result;
  const options = result.kind === 'accepted' ? [{ label: placeName(result.value), value: result.value }] : result.options;
  return { kind: 'clarify', question: { key: 'places:confirm_word', vars: { place: options[0]?.label ?? '' } }, options };
}

function placeName(value: AnswerValue): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return String(value);
  const name = typeof value.said_name === 'string' ? value.said_name : String(value.name ?? '');
  return typeof value.country === 'string' ? `${name}, ${value.country}` : name;
}

function toEvent(step: string, result: ParseResult): FlowEvent {
  switch (result.kind) {
    case 'accepted':
      return { type: 'ANSWER', step, value: result.value };
    case 'rejected':
      return { type: 'INVALID', step, reason: result.reason };
    case 'clarify':
      return { type: 'CLARIFY', step, question: result.question, options: result.options };
  }
}

/**
 * Letters spelled one by one ("m a r i a", "M. A. R. I. A.", "m-a-r-i-a", as speech recognition writes a
 * spelled name) become the word they spell, capitalised: "Maria". Only runs of three or more single letters
 * count, so "7:30 a m" or "y" / "o" between words stay as they are.
 */
export function joinSpelledLetters(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}'’])\p{L}(?:\.?[\s-]+\p{L}(?![\p{L}\p{N}])){2,}\.?/gu, (run) => {
    const letters = run.replace(/[^\p{L}]/gu, '').toLowerCase();
    return letters.charAt(0).toUpperCase() + letters.slice(1);
  });
}

/** The exact value a choice button sends (a choice id, or yes / no), which needs no parsing. */
function buttonValue(type: InputType, choiceValues: string[], text: string): string | string[] | boolean | undefined {
  if (type === 'choice' && choiceValues.includes(text)) return text;
  if (type === 'multi_choice' && choiceValues.includes(text)) return [text];
  if (type === 'yes_no' && (text === 'yes' || text === 'no')) return text === 'yes';
  return undefined;
}

/** An option picked by its number or its label, "yes" to a single option, or "no" to decline it. */
function pickOption(
  options: ClarifyOption[],
  words: string,
  is: (command: CommandName) => boolean,
): ClarifyOption | 'declined' | null {
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
