import {
  accepted,
  rejected,
  type AnswerParser,
  type ClarifyOption,
  type ParseContext,
  type ParseResult,
} from './parser-types.js';
import { allowedTypos, editDistance } from './edit-distance.js';
import { parserLanguage, type ParserLanguage } from './language.js';
import { normalizeText } from './normalize.js';
import { parseNumberWords } from './number-words.js';
import { ordinalValue } from './ordinal-words.js';

type Choice = NonNullable<ParseContext['choices']>[number];

/** Words around a pick that say nothing about which one ("the second one", "la opción 2", "nummer 2"). */
const fillers = new Set([
  'the', 'option', 'number', 'no', 'choice', 'one', 'please', 'i', 'choose', 'pick', 'take', 'want', "i'll", 'go',
  'with', 'la', 'el', 'lo', 'opcion', 'numero', 'num', 'por', 'favor', 'quiero', 'elijo', 'le', "l'", 'choix',
  'je', 'prends', 'choisis', 'die', 'der', 'das', 'nummer', 'nr', 'wahl', 'bitte', 'ich', 'nehme', 'a', 'o', 'opcao',
  'escolho', 'wala', 'vala', 'wali', 'vali', 'वाला', 'वाली', 'नंबर', 'विकल्प', '#', 'nº', 'no.', 'n',
]);

interface Candidate {
  choice: Choice;
  /** Normalised label, value and synonyms: every name the choice answers to. */
  names: string[];
}

/** Punctuation removed and contractions split, so "l'option 2" and "(2)" read like "option 2". */
function clean(text: string): string {
  return normalizeText(text).replace(/[!?.,;:¡¿()"«»[\]]+/g, ' ').replace(/'/g, "' ").replace(/\s+/g, ' ').trim();
}

function candidatesOf(choices: Choice[]): Candidate[] {
  return choices.map((choice) => ({
    choice,
    names: [...new Set([choice.text, choice.value.replace(/[_-]/g, ' '), ...(choice.synonyms ?? [])].map(clean))].filter(
      (n) => n.length > 0,
    ),
  }));
}

/** The position the answer names ("2", "dos", "the second", "last"), 1-based, or null. */
function position(text: string, language: ParserLanguage, count: number): number | null {
  const words = text.split(' ');
  const meaningful = words.filter((w) => !fillers.has(w));
  const rest = (meaningful.length > 0 ? meaningful : words).join(' ');
  let value: number | null = null;
  if (/^\d{1,2}$/.test(rest)) value = Number(rest);
  value ??= ordinalValue(rest, language) ?? parseNumberWords(rest, language);
  if (value === null && language !== 'en') value = ordinalValue(rest, 'en') ?? parseNumberWords(rest, 'en');
  if (value === -1) return count;
  return value !== null && value >= 1 && value <= count ? value : null;
}

/** Whether `name` appears in `text` as whole words. */
function containsWords(text: string, name: string): boolean {
  return ` ${text} `.includes(` ${name} `);
}

function ask(candidates: Candidate[]): ParseResult {
  const options: ClarifyOption[] = candidates.map(({ choice }) => ({ label: choice.text, value: choice.value }));
  return { kind: 'clarify', question: { key: 'parsers:choice.ambiguous' }, options };
}

/** Keeps the candidates that pass `test`; one is an answer, several a question, none goes on. */
function decideBy(candidates: Candidate[], test: (name: string) => boolean): ParseResult | null {
  const hits = candidates.filter((c) => c.names.some(test));
  if (hits.length === 1 && hits[0]) return accepted(hits[0].choice.value);
  if (hits.length > 1) return ask(hits);
  return null;
}

/**
 * Choices named inside a longer answer ("I'd say by phone"). When one name contains another
 * ("morning" in "early morning"), the longer one is what was meant.
 */
function mentioned(candidates: Candidate[], answer: string): ParseResult | null {
  const hits = candidates
    .map((candidate) => ({
      candidate,
      name: candidate.names.filter((n) => containsWords(answer, n)).sort((a, b) => b.length - a.length)[0],
    }))
    .filter((hit): hit is { candidate: Candidate; name: string } => hit.name !== undefined);
  const kept = hits.filter((hit) => !hits.some((other) => other !== hit && other.name !== hit.name && containsWords(other.name, hit.name)));
  return decideBy(
    kept.map((k) => k.candidate),
    () => true,
  );
}

/**
 * Answers that give part of a name ("la tarde" or "noche" for "Por la tarde"): every meaningful word
 * of the answer is a word of the name. Filler words alone ("por la") say nothing.
 */
function withinOneName(candidates: Candidate[], answer: string): ParseResult | null {
  const words = answer.split(' ').filter((w) => !fillers.has(w) && w.length > 1);
  if (words.length === 0) return null;
  return decideBy(candidates, (name) => {
    const nameWords = name.split(' ');
    return words.every((w) => nameWords.includes(w));
  });
}

/** Choices closest to the answer within the typo budget of the name's length; ties are asked about. */
function closest(candidates: Candidate[], text: string): ParseResult | null {
  let best = Number.POSITIVE_INFINITY;
  let hits: Candidate[] = [];
  for (const candidate of candidates) {
    // Whole names, and single longer words of them ("tade" for "Por la tarde").
    const targets = [...candidate.names, ...candidate.names.flatMap((n) => n.split(' ')).filter((w) => w.length >= 4)];
    const distance = Math.min(
      ...targets.map((name) => {
        const d = editDistance(text, name);
        return d <= allowedTypos(Math.min([...name].length, [...text].length)) ? d : Number.POSITIVE_INFINITY;
      }),
    );
    if (distance < best) {
      best = distance;
      hits = [candidate];
    } else if (distance === best && Number.isFinite(distance)) {
      hits.push(candidate);
    }
  }
  if (hits.length === 1 && hits[0]) return accepted(hits[0].choice.value);
  if (hits.length > 1) return ask(hits);
  return null;
}

/**
 * One of the step's choices, matched in order of certainty: exact name, position ("2", "the second"),
 * names contained in a longer answer, unique prefix ("tele" for "telephone"), then a close typo.
 * Anything that fits several choices equally well is asked back rather than guessed.
 */
export const parseChoice: AnswerParser = (text, context) => {
  const choices = context.choices ?? [];
  if (choices.length === 0) return rejected('parsers:choice.unavailable');
  const language = parserLanguage(context.language);
  const candidates = candidatesOf(choices);
  const answer = clean(text);
  const noMatch = rejected('parsers:choice.no_match', { options: choices.map((c) => c.text).join(', ') });
  if (answer.length === 0) return noMatch;

  const exact = decideBy(candidates, (name) => name === answer);
  if (exact) return exact;
  const index = position(answer, language, choices.length);
  if (index !== null) {
    const picked = choices[index - 1];
    if (picked) return accepted(picked.value);
  }
  const contained = mentioned(candidates, answer);
  if (contained) return contained;
  const partial = withinOneName(candidates, answer);
  if (partial) return partial;
  // A prefix needs a few letters, or "e" would pick "email" out of any list.
  if ([...answer].length >= 3) {
    const prefix = decideBy(candidates, (name) => name.startsWith(answer));
    if (prefix) return prefix;
  }
  return closest(candidates, answer) ?? noMatch;
};
