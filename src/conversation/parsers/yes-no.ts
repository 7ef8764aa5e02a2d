import { accepted, rejected, type AnswerParser } from './parser-types.js';
import { normalizeText, phraseAlternation, WORD_END, WORD_START } from './normalize.js';
import { isUnknownAnswer } from './unknown.js';
import { regexMatches } from '../regex-matches.js';

/**
 * Yes and no in all six languages at once: people switch languages for one word ("ok", "no"), and no
 * word means yes in one of these languages and no in another, except French "si" (yes, contradicting a
 * negative question), which still means yes.
 */
const yesWords = [
  // en
  'yes', 'yeah', 'yea', 'yep', 'yup', 'ya', 'sure', 'of course', 'ok', 'okay', 'okey', 'alright', 'all right',
  'correct', 'right', 'that is right', "that's right", 'indeed', 'absolutely', 'definitely', 'affirmative', 'y',
  'i do', 'i am', 'i have', 'certainly', 'yes please', 'please do', 'go ahead', 'true',
  // es
  'sí', 'si', 'claro', 'claro que sí', 'por supuesto', 'vale', 'de acuerdo', 'correcto', 'exacto', 'afirmativo',
  'dale', 'bueno', 'desde luego', 'cierto', 'efectivamente', 'sip',
  // fr
  'oui', 'ouais', 'ouaip', 'bien sûr', "d'accord", 'daccord', 'exact', 'exactement', 'tout à fait', 'volontiers',
  'certainement', 'absolument', 'c’est ça', "c'est ça", 'voilà', 'carrément', 'oki',
  // de
  'ja', 'jawohl', 'jep', 'jo', 'klar', 'natürlich', 'genau', 'sicher', 'gerne', 'gern', 'richtig', 'stimmt',
  'auf jeden fall', 'selbstverständlich', 'einverstanden', 'jap',
  // pt
  'sim', 'claro que sim', 'com certeza', 'certo', 'isso', 'isso mesmo', 'pode ser', 'beleza', 'positivo', 'exato',
  'perfeitamente', 'tá', 'ta bom', 'tá bom', 'está bem',
  // hi
  'हाँ', 'हां', 'हा', 'जी हाँ', 'जी हां', 'जी', 'ठीक है', 'बिल्कुल', 'ज़रूर', 'जरूर', 'सही', 'haan', 'han', 'haa', 'ha',
  'haan ji', 'ji haan', 'ji', 'ji ha', 'theek hai', 'thik hai', 'bilkul', 'zaroor', 'jaroor', 'sahi', 'hanji', 'haanji',
];

const noWords = [
  // en
  'no', 'nope', 'nah', 'no way', 'not at all', 'never', 'negative', 'n', 'not really', "i don't", 'i do not',
  "i'm not", "i haven't", 'no thanks', 'no thank you', 'false', "don't", 'do not', 'incorrect', 'wrong',
  "i don't think so", 'certainly not', 'absolutely not',
  // es
  'no', 'nop', 'para nada', 'de ninguna manera', 'nunca', 'tampoco', 'negativo', 'claro que no', 'qué va', 'incorrecto',
  // fr
  'non', 'nan', 'pas du tout', 'jamais', 'non merci', 'absolument pas', 'pas vraiment', 'bien sûr que non', 'faux',
  // de
  'nein', 'nee', 'nö', 'ne', 'keineswegs', 'auf keinen fall', 'nie', 'niemals', 'nein danke', 'falsch', 'nicht wirklich',
  // pt
  'não', 'nao', 'de jeito nenhum', 'nem pensar', 'nunca', 'negativo', 'claro que não', 'errado',
  // hi
  'नहीं', 'नही', 'ना', 'न', 'जी नहीं', 'बिल्कुल नहीं', 'गलत', 'ग़लत', 'nahi', 'nahin', 'nai', 'na', 'nahi ji', 'ji nahi',
  'bilkul nahi', 'galat',
];

const yesPattern = new RegExp(`${WORD_START}(?:${phraseAlternation(yesWords)})${WORD_END}`, 'gu');
const noPattern = new RegExp(`${WORD_START}(?:${phraseAlternation(noWords)})${WORD_END}`, 'gu');

/** Ranges of the text that one of the patterns covers. */
function spans(pattern: RegExp, text: string): Array<[number, number]> {
  return regexMatches(pattern, text).map((m) => [m.index, m.index + m[0].length]);
}

/** "Yesss", "nooo", "siii": stretched words are read as the word. */
function unstretch(text: string): string {
  return text.replace(/(\p{L})\1+/gu, '$1');
}

function decide(text: string): boolean | null {
  const yes = spans(yesPattern, text);
  // A no-word inside a longer yes-phrase ("claro que no" is a no-phrase, "not at all" covers "no"...) is
  // handled by the alternation preferring longer phrases; what remains is a genuine clash.
  const no = spans(noPattern, text).filter(([s, e]) => !yes.some(([ys, ye]) => ys <= s && e <= ye));
  const yesOutsideNo = yes.filter(([s, e]) => !no.some(([ns, ne]) => ns <= s && e <= ne));
  if (yesOutsideNo.length > 0 && no.length === 0) return true;
  if (no.length > 0 && yesOutsideNo.length === 0) return false;
  return null;
}

/** Yes/no answer: a boolean. Keypad "1" is yes and "2" is no, as phone menus say. */
export const parseYesNo: AnswerParser = (text) => {
  const normalized = normalizeText(text).replace(/[!?.,;:¡¿()"]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (normalized === '1') return accepted(true);
  if (normalized === '2') return accepted(false);
  // "No sé" starts with "no" but is not an answer to a yes/no question.
  if (normalized.length === 0 || isUnknownAnswer(normalized)) return rejected('parsers:yes_no.unclear');
  const decision = decide(normalized) ?? decide(unstretch(normalized));
  return decision === null ? rejected('parsers:yes_no.unclear') : accepted(decision);
};
