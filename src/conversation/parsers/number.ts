import { accepted, rejected, type AnswerParser } from './parser-types.js';
import { parserLanguage, type ParserLanguage } from './language.js';
import { normalizeText } from './normalize.js';
import { parseNumberWords } from './number-words.js';
import { regexMatches } from '../regex-matches.js';

/** Languages that write a decimal comma ("3,5") and may group thousands with a dot ("1.500"). */
const decimalComma: ReadonlySet<ParserLanguage> = new Set(['es', 'fr', 'de', 'pt']);

/**
 * A written number inside an answer ("I'm 34 years old"): digits with separators, or groups of three
 * digits after a space ("1 500", French style). "3 5" stays two numbers.
 */
const NUMBER_TOKEN = /[-−+]?(?:\d{1,3}(?:[  '’]\d{3})+(?:[.,]\d+)?|\d[\d.,]*\d|\d)(?!\d)/gu;

/**
 * Reads one written number with the language's separators. A separator followed by exactly three
 * digits groups thousands ("1,500" in English, "1.500" in Spanish); otherwise it is the decimal mark,
 * and the other mark is accepted as decimal too, because people type "3.5" on any keyboard.
 */
function readDigits(token: string, language: ParserLanguage): number | null {
  let t = token.replace(/[  '’]/g, '').replace('−', '-');
  const [group, decimal] = decimalComma.has(language) ? ['.', ','] : [',', '.'];
  const groupPattern = group === '.' ? /^[-+]?\d{1,3}(\.\d{3})+$/ : /^[-+]?\d{1,3}(,\d{3})+$/;
  // Indian grouping: 1,50,000.
  const indianGroups = /^[-+]?\d{1,2}(,\d{2})*,\d{3}$/;
  if (groupPattern.test(t) || (language === 'hi' && indianGroups.test(t))) {
    t = t.split(group).join('');
  } else if (t.includes(decimal) && t.includes(group)) {
    // "1.234,5" (es) or "1,234.5" (en): groups first, then the decimal mark.
    if (t.lastIndexOf(decimal) < t.lastIndexOf(group)) return null;
    t = t.split(group).join('').replace(decimal, '.');
  } else {
    const marks = (t.match(/[.,]/g) ?? []).length;
    if (marks > 1) return null;
    t = t.replace(',', '.');
  }
  if (!/^[-+]?\d+(\.\d+)?$/.test(t)) return null;
  const value = Number(t);
  return Number.isFinite(value) ? value : null;
}

/** Words that flip the sign ("minus 3", "menos 3", "moins 3"). */
const MINUS = /^(?:minus|menos|moins|ऋण)\s+/;

function asNumber(bound: number | string | undefined): number | null {
  if (bound === undefined) return null;
  const value = typeof bound === 'number' ? bound : Number(bound);
  return Number.isFinite(value) ? value : null;
}

/** The word for the decimal mark when a number is said ("dos coma cinco", "three point five"). */
const DECIMAL_WORD = /^(.+?) (?:point|punto|coma|virgule|komma|virgula|dashamlav|दशमलव) (.+)$/u;

/** A spelled-out number, with decimals said after the decimal word digit by digit or as one number. */
function spelledNumber(words: string, language: ParserLanguage): number | null {
  const decimal = DECIMAL_WORD.exec(words);
  if (!decimal) return parseNumberWords(words, language);
  const whole = parseNumberWords(decimal[1] ?? '', language);
  const digits = (decimal[2] ?? '').split(' ').map((w) => parseNumberWords(w, language));
  const fraction = digits.every((d) => d !== null && d <= 9)
    ? digits.join('')
    : String(parseNumberWords(decimal[2] ?? '', language) ?? '');
  if (whole === null || fraction === '' || fraction === 'null') return null;
  return Number(`${whole}.${fraction}`);
}

/** Finds the one number in the answer, written or spelled out; null when there is none or several. */
function readNumber(text: string, language: ParserLanguage): number | null {
  const normalized = normalizeText(text);
  const tokens = regexMatches(NUMBER_TOKEN, normalized).map((m) => m[0].trim());
  if (tokens.length === 1) {
    const value = readDigits(tokens[0] ?? '', language);
    if (value === null) return null;
    return MINUS.test(normalized) && value > 0 ? -value : value;
  }
  if (tokens.length > 1) return null;
  const bare = normalized.replace(/[!?.,;:¡¿]+/g, ' ').trim();
  const negative = MINUS.test(bare);
  const words = negative ? bare.replace(MINUS, '') : bare;
  const spelled = spelledNumber(words, language) ?? (language === 'en' ? null : spelledNumber(words, 'en'));
  if (spelled !== null) return negative ? -spelled : spelled;
  // "I'm thirty-five years old": try the longest run of words that reads as a number.
  const parts = words.split(' ');
  for (let size = Math.min(parts.length, 5); size >= 1; size -= 1) {
    const found: number[] = [];
    for (let i = 0; i + size <= parts.length; i += 1) {
      const value = parseNumberWords(parts.slice(i, i + size).join(' '), language);
      if (value !== null) found.push(value);
    }
    if (found.length === 1) return found[0] ?? null;
    if (found.length > 1) return null;
  }
  return null;
}

/** "And a half" after a number, in each language ("tres y medio", "trois et demi", "dreieinhalb"). */
const AND_A_HALF = /\s*(?:and a half|y medio|y media|et demie?|e meio|e meia|(?<=\p{L})einhalb|\beinhalb)(?![\p{L}])/u;
/** Hindi says the half first: "saadhe teen" is 3.5; "dedh" and "dhai" are 1.5 and 2.5. */
const HINDI_HALF = /^(?:saadhe|sade|sadhe|साढ़े|साढे)\s+(.+)$/u;
const HINDI_FIXED: Array<[RegExp, number]> = [
  [/^(?:dedh|derh|डेढ़|डेढ)$/u, 1.5],
  [/^(?:dhai|dhaai|ढाई)$/u, 2.5],
];

/** Numbers with a half said in words, or null when there is no half in the answer. */
function readHalf(text: string, language: ParserLanguage): number | null {
  const normalized = normalizeText(text);
  for (const [pattern, value] of HINDI_FIXED) if (pattern.test(normalized)) return value;
  const hindi = HINDI_HALF.exec(normalized);
  if (hindi) {
    const base = readNumber(hindi[1] ?? '', language);
    return base === null ? null : base + 0.5;
  }
  if (!AND_A_HALF.test(normalized)) return null;
  const base = readNumber(normalized.replace(AND_A_HALF, ' ').trim(), language);
  return base === null || !Number.isInteger(base) ? null : base + 0.5;
}

/** A number: digits with the language's separators, or a spelled-out number up to 999. */
export const parseNumber: AnswerParser = (text, context) => {
  const language = parserLanguage(context.language);
  const value = readHalf(text, language) ?? readNumber(text, language);
  if (value === null) return rejected('parsers:number.unreadable');
  const { validation } = context;
  if (validation.integer && !Number.isInteger(value)) return rejected('parsers:number.not_integer');
  const min = asNumber(validation.min);
  const max = asNumber(validation.max);
  if (min !== null && value < min) return rejected('parsers:number.too_small', { min });
  if (max !== null && value > max) return rejected('parsers:number.too_large', { max });
  return accepted(Object.is(value, -0) ? 0 : value);
};
