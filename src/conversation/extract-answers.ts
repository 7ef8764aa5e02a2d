import type { InputType, StepDefinition } from '../flows/flow-schema.js';
import type { DialogueWords } from './dialogue-words.js';
import { findDate } from './parsers/date.js';
import type { AnswerParser, AnswerValue, ParseContext, ParseResult } from './parsers/parser-types.js';
import { findTime } from './parsers/time.js';
import { saysUnknownTime, UNKNOWN } from './parsers/unknown.js';
import { looseAlternation, loosePhrase, matchable, splitAroundValue } from './word-patterns.js';
import { regexMatches } from './regex-matches.js';

export interface ExtractContext {
  words: DialogueWords;
  parseContext(step: StepDefinition): ParseContext;
  parsers: Readonly<Record<InputType, AnswerParser>>;
  /** Told of a place that was found but needs a question ("Salvador": Bahia or San Salvador?). */
  onClarify?: (step: string, result: Extract<ParseResult, { kind: 'clarify' }>) => void;
}

/**
 * The whole word with an "@" (its parser trims wrapping punctuation and takes it whole or not at all), unless a
 * letter or two follows it at the end ("test1@invalid.co m"): then the email step asks for it itself.
 */
const EMAIL = /(?<!\S)[^\s@]*@\S+(?!\S)(?!\s+\p{L}{1,2}\s*(?:[,.;!?]|$))/u;
const PHONE = /\+?\d[\d\s().-]{6,}\d/u;

/**
 * Answers to several steps found in one message ("I'm Maria, born 5 March 1990 at 7:30 in Madrid"), by step
 * id. Each candidate is checked by its step's own parser and only accepted values are kept; each type fills
 * the first step of that type still open. Spans already used are blanked so a year is never also a time.
 */
export function extractAnswers(text: string, steps: readonly StepDefinition[], ctx: ExtractContext): Record<string, AnswerValue> {
  const found: Record<string, AnswerValue> = {};
  let rest = matchable(text);
  const open = (type: InputType) => steps.find((s) => s.type === type && !Object.hasOwn(found, s.id));
  const tryValue = (step: StepDefinition, candidate: string, start: number, end: number): boolean => {
    if (step.type === 'entries' || step.type === 'image') return false;
    const result = ctx.parsers[step.type](candidate, ctx.parseContext(step));
    if (result.kind === 'clarify' && step.type === 'place') {
      ctx.onClarify?.(step.id, result);
      rest = rest.slice(0, start) + ' '.repeat(end - start) + rest.slice(end);
      return true;
    }
    if (result.kind !== 'accepted') return false;
    found[step.id] = result.value;
    rest = rest.slice(0, start) + ' '.repeat(end - start) + rest.slice(end);
    return true;
  };

  const dateStep = open('date');
  const date = dateStep && findDate(rest, ctx.parseContext(dateStep), ctx.parsers.date);
  if (dateStep && date) tryValue(dateStep, rest.slice(date.start, date.end), date.start, date.end);

  const timeStep = open('time');
  const time = timeStep && findTime(rest, ctx.parseContext(timeStep));
  if (timeStep && time) tryValue(timeStep, rest.slice(time.start, time.end), time.start, time.end);
  // "I don't know the time": the unknown answer, where the step takes one.
  if (timeStep && !time && ctx.parseContext(timeStep).validation.allow_unknown && saysUnknownTime(rest)) found[timeStep.id] = UNKNOWN;

  for (const [type, pattern] of [['email', EMAIL], ['phone', PHONE]] as const) {
    const step = open(type);
    const match = step && pattern.exec(rest);
    if (step && match) tryValue(step, match[0], match.index, match.index + match[0].length);
  }

  const nameStep = steps.find((s) => s.extract === 'name' && !Object.hasOwn(found, s.id));
  const name = nameStep && findIntroducedName(rest, ctx.words);
  if (nameStep && name) tryValue(nameStep, name.text, name.start, name.end);

  const placeStep = open('place');
  if (placeStep) {
    // The last marked place first ("née le 5 mars à 7h30 à Paris"); within one, the longest reading the
    // gazetteer knows ("Madrid at" after a blanked time is tried as "Madrid").
    const candidates = findMarkedPlaces(rest, ctx.words).reverse().flatMap(shorterReadings);
    for (const candidate of candidates) if (tryValue(placeStep, candidate.text, candidate.start, candidate.end)) break;
  }

  return found;
}

interface Span {
  text: string;
  start: number;
  end: number;
}

/** A place span, and which end of it may carry words that are not the place. */
interface PlaceSpan extends Span {
  /** "after": the place follows its marker ("in Madrid at"); "before": it precedes one ("मुंबई में"). */
  side: 'after' | 'before';
}

/** A word of a name: letters with their combining marks (Devanagari vowel signs), apostrophes and hyphens. */
const NAME_WORD = "\\p{L}[\\p{L}\\p{M}'’-]*";
/** A word of a place name, which may also have dots ("St. Louis"). */
const PLACE_WORD = "\\p{L}[\\p{L}\\p{M}'’.-]*";
/** Where a phrase may end: a space, punctuation or the end of the text. */
const PHRASE_END = '(?=[\\s,.;:!?।]|$)';

function notStop(stops: string): string {
  return stops ? `(?!(?:${stops})${PHRASE_END})` : '';
}

interface WordPatterns {
  /** One per introduction, with the phrase's length (longer wins at the same position). */
  introductions: Array<{ pattern: RegExp; length: number }>;
  /** A place after a marker ("in Madrid"), sticky so every marker is tried. */
  leading: RegExp | null;
  /** A stop word at the start of a text ("dia 5"). */
  stopWord: RegExp | null;
  /** A place before a postposition ("मुंबई में"). */
  trailing: RegExp[];
}

/** Compiled once per language's words: loose patterns are slow to compile. */
const compiled = new WeakMap<DialogueWords, WordPatterns>();

function patternsFor(words: DialogueWords): WordPatterns {
  const cached = compiled.get(words);
  if (cached) return cached;
  const markers = words.placeMarkers.map(splitAroundValue);
  const leadingMarkers = markers.filter((m) => !m.after).map((m) => m.before);
  const nameStops = looseAlternation([...markers.map((m) => m.before), ...markers.map((m) => m.after), ...words.nameEnd]);
  const nameWord = `${notStop(nameStops)}${NAME_WORD}`;
  const introductions = words.introduce.map(splitAroundValue).flatMap(({ before, after }) => {
    if (!before) return [];
    const source =
      `(?:^|[\\s,.;!?])(?:${loosePhrase(before)})\\s+(?<name>${nameWord}(?:\\s+${nameWord}){0,3})` +
      (after ? `\\s+(?:${loosePhrase(after)})${PHRASE_END}` : '');
    return [{ pattern: new RegExp(source, 'iud'), length: before.length + after.length }];
  });
  const leadingAlternation = looseAlternation(leadingMarkers);
  const placeStops = looseAlternation([...leadingMarkers, ...words.nameEnd, ...words.introduce.map((p) => splitAroundValue(p).before)]);
  const placeWord = `${notStop(placeStops)}${PLACE_WORD}`;
  const patterns: WordPatterns = {
    introductions,
    leading: leadingAlternation
      ? new RegExp(`(?:^|(?<=\\s))(?:${leadingAlternation})\\s+(?!(?:${leadingAlternation})${PHRASE_END})(?<place>\\p{L}[^.;!?।\\d]*)`, 'giud')
      : null,
    stopWord: words.nameEnd.length > 0 ? new RegExp(`^(?:${looseAlternation(words.nameEnd)})${PHRASE_END}`, 'iu') : null,
    trailing: markers
      .filter((m) => m.after)
      .map(({ before, after }) => {
        const lead = before ? `(?:${loosePhrase(before)})\\s+` : '';
        const place = `(?<place>${placeWord}(?:\\s+${placeWord}){0,3})`;
        return new RegExp(`(?:^|(?<=[\\s,.;:!?]))${lead}${place}\\s+(?:${loosePhrase(after)})${PHRASE_END}`, 'giud');
      }),
  };
  compiled.set(words, patterns);
  return patterns;
}

/**
 * "I'm Maria, ..." -> "Maria": the words after an introduction, up to punctuation, a digit or a marker word.
 * An introduction may have words after the name too ("मैं {{value}} हूँ"): then they must follow it.
 * The earliest introduction in the text wins, and the longest one where two start together ("sou a", "sou").
 */
function findIntroducedName(text: string, words: DialogueWords): Span | null {
  let best: (Span & { at: number; length: number }) | null = null;
  for (const { pattern, length } of patternsFor(words).introductions) {
    const match = pattern.exec(text);
    const name = match?.groups?.name;
    const start = match?.indices?.groups?.name?.[0];
    if (!match || !name || start === undefined) continue;
    if (!best || match.index < best.at || (match.index === best.at && length > best.length)) {
      best = { text: name, start, end: start + name.length, at: match.index, length };
    }
  }
  return best && { text: best.text, start: best.start, end: best.end };
}

/**
 * Places marked in the text, in order: after a marker ("in Madrid, Spain", up to a full stop) and before a
 * postposition written as "{{value}} में" ("मुंबई में": up to four words, none of them a stop word).
 */
function findMarkedPlaces(text: string, words: DialogueWords): PlaceSpan[] {
  const { leading, stopWord, trailing } = patternsFor(words);
  const spans: PlaceSpan[] = [];
  if (leading) {
    // From every position, so "à 7h30 à Paris" (time blanked) also yields the second "à". The place does not
    // start with a marker, nor with a stop word in lower case ("no dia 5": "dia"; but "en El Puerto" is kept).
    leading.lastIndex = 0;
    for (let match = leading.exec(text); match; match = leading.exec(text)) {
      const place = match.groups?.place?.trim().replace(/[,\s]+$/u, '');
      const start = match.indices?.groups?.place?.[0];
      const stop = place !== undefined && /^\p{Ll}/u.test(place) && stopWord?.test(place);
      if (place && start !== undefined && !stop) spans.push({ text: place, start, end: start + place.length, side: 'after' });
      leading.lastIndex = match.index + 1;
    }
  }
  for (const pattern of trailing) {
    for (const match of regexMatches(pattern, text)) {
      const place = match.groups?.place;
      const start = match.indices?.groups?.place?.[0];
      if (place && start !== undefined) spans.push({ text: place, start, end: start + place.length, side: 'before' });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** The span, then shorter by one word at a time from its loose end (at most four words dropped). */
function shorterReadings(span: PlaceSpan): Span[] {
  const spans: Span[] = [];
  let { text, start } = span;
  for (let dropped = 0; dropped <= 4 && text.length > 0; dropped++) {
    spans.push({ text, start, end: start + text.length });
    if (span.side === 'after') {
      text = text.replace(/[\s,]*\S+$/u, '');
    } else {
      const rest = text.replace(/^\S+[\s,]*/u, '');
      start += text.length - rest.length;
      text = rest;
    }
  }
  return spans;
}
