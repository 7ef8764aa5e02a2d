import type { ParserLanguage } from './language.js';
import { normalizeText, phraseAlternation, WORD_END, WORD_START } from './normalize.js';

/**
 * Spelled-out numbers from 0 to 999, per language, for answers like "thirty-five", "siete y media" or
 * "quatre-vingt-dix". Each table is generated once, as normalised phrases ("dix sept"), so matching is a
 * lookup rather than a grammar.
 */

type Table = Map<string, number>;

function add(table: Table, value: number, ...phrases: string[]): void {
  for (const phrase of phrases) table.set(normalizeText(phrase.replace(/-/g, ' ')), value);
}

function english(): Table {
  const t: Table = new Map();
  const units = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
    'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
  const tens = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
  units.forEach((w, i) => add(t, i, w));
  add(t, 0, 'nought', 'nil');
  tens.forEach((w, i) => {
    add(t, 20 + i * 10, w);
    for (let u = 1; u <= 9; u += 1) add(t, 20 + i * 10 + u, `${w} ${units[u]}`);
  });
  return t;
}

function spanish(): Table {
  const t: Table = new Map();
  const low = ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez', 'once',
    'doce', 'trece', 'catorce', 'quince', 'dieciséis', 'diecisiete', 'dieciocho', 'diecinueve', 'veinte', 'veintiuno',
    'veintidós', 'veintitrés', 'veinticuatro', 'veinticinco', 'veintiséis', 'veintisiete', 'veintiocho', 'veintinueve'];
  low.forEach((w, i) => add(t, i, w));
  add(t, 1, 'un', 'una');
  add(t, 21, 'veintiún', 'veintiuna');
  const tens = ['treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa'];
  tens.forEach((w, i) => {
    add(t, 30 + i * 10, w);
    for (let u = 1; u <= 9; u += 1) add(t, 30 + i * 10 + u, `${w} y ${low[u]}`);
    add(t, 31 + i * 10, `${w} y un`, `${w} y una`);
  });
  return t;
}

function french(): Table {
  const t: Table = new Map();
  const low = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze', 'douze',
    'treize', 'quatorze', 'quinze', 'seize', 'dix-sept', 'dix-huit', 'dix-neuf'];
  low.forEach((w, i) => add(t, i, w));
  add(t, 1, 'une');
  const tens: Array<[string, number]> = [['vingt', 20], ['trente', 30], ['quarante', 40], ['cinquante', 50],
    ['soixante', 60], ['septante', 70], ['nonante', 90]];
  for (const [w, v] of tens) {
    add(t, v, w);
    add(t, v + 1, `${w} et un`, `${w} et une`);
    for (let u = 2; u <= 9; u += 1) add(t, v + u, `${w} ${low[u]}`);
  }
  // 70–79 and 90–99 count on from sixty and eighty ("soixante-douze", "quatre-vingt-dix-neuf").
  add(t, 71, 'soixante et onze');
  for (let u = 0; u <= 9; u += 1) {
    if (u !== 1) add(t, 70 + u, `soixante ${low[10 + u]}`);
  }
  add(t, 80, 'quatre vingts', 'quatre vingt');
  for (let u = 1; u <= 19; u += 1) add(t, 80 + u, `quatre vingt ${low[u]}`);
  return t;
}

function german(): Table {
  const t: Table = new Map();
  const low = ['null', 'eins', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun', 'zehn', 'elf',
    'zwölf', 'dreizehn', 'vierzehn', 'fünfzehn', 'sechzehn', 'siebzehn', 'achtzehn', 'neunzehn'];
  low.forEach((w, i) => add(t, i, w));
  add(t, 1, 'ein', 'eine');
  add(t, 2, 'zwo');
  const stems = ['', 'ein', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun'];
  const tens = ['zwanzig', 'dreißig', 'vierzig', 'fünfzig', 'sechzig', 'siebzig', 'achtzig', 'neunzig'];
  tens.forEach((w, i) => {
    add(t, 20 + i * 10, w);
    for (let u = 1; u <= 9; u += 1) add(t, 20 + i * 10 + u, `${stems[u]}und${w}`);
  });
  return t;
}

function portuguese(): Table {
  const t: Table = new Map();
  const low = ['zero', 'um', 'dois', 'três', 'quatro', 'cinco', 'seis', 'sete', 'oito', 'nove', 'dez', 'onze', 'doze',
    'treze', 'catorze', 'quinze', 'dezesseis', 'dezessete', 'dezoito', 'dezenove'];
  low.forEach((w, i) => add(t, i, w));
  // European and Brazilian spellings of the same numbers.
  add(t, 1, 'uma');
  add(t, 2, 'duas');
  add(t, 14, 'quatorze');
  add(t, 16, 'dezasseis');
  add(t, 17, 'dezassete');
  add(t, 19, 'dezanove');
  const tens = ['vinte', 'trinta', 'quarenta', 'cinquenta', 'sessenta', 'setenta', 'oitenta', 'noventa'];
  tens.forEach((w, i) => {
    add(t, 20 + i * 10, w);
    for (let u = 1; u <= 9; u += 1) add(t, 20 + i * 10 + u, `${w} e ${low[u]}`);
    add(t, 21 + i * 10, `${w} e uma`);
    add(t, 22 + i * 10, `${w} e duas`);
  });
  return t;
}

function hindi(): Table {
  const t: Table = new Map();
  // Hindi numbers below 100 are irregular; these are the ones answers actually use (ages, hours, minutes).
  const words: Array<[number, string[]]> = [
    [0, ['shunya', 'shoonya', 'zero', 'शून्य']], [1, ['ek', 'एक']], [2, ['do', 'दो']], [3, ['teen', 'tin', 'तीन']],
    [4, ['char', 'chaar', 'चार']], [5, ['paanch', 'panch', 'पांच', 'पाँच']], [6, ['chhe', 'chhah', 'chah', 'che', 'छह', 'छः', 'छे']],
    [7, ['saat', 'sat', 'सात']], [8, ['aath', 'ath', 'आठ']], [9, ['nau', 'नौ']], [10, ['das', 'दस']],
    [11, ['gyarah', 'gyaarah', 'gyara', 'ग्यारह']], [12, ['barah', 'baarah', 'bara', 'बारह']], [13, ['terah', 'तेरह']],
    [14, ['chaudah', 'चौदह']], [15, ['pandrah', 'pandrah', 'पंद्रह', 'पन्द्रह']], [16, ['solah', 'सोलह']],
    [17, ['satrah', 'सत्रह']], [18, ['atharah', 'athara', 'अठारह']], [19, ['unnis', 'उन्नीस']], [20, ['bees', 'बीस']],
    [25, ['pachchis', 'pachis', 'पच्चीस']], [30, ['tees', 'तीस']], [40, ['chalis', 'chaalis', 'चालीस']],
    [45, ['paintalis', 'पैंतालीस']], [50, ['pachas', 'pachaas', 'पचास']], [60, ['saath', 'साठ']],
    [70, ['sattar', 'सत्तर']], [80, ['assi', 'अस्सी']], [90, ['nabbe', 'नब्बे']],
  ];
  for (const [value, phrases] of words) add(t, value, ...phrases);
  return t;
}

const builders: Record<ParserLanguage, () => Table> = {
  en: english, es: spanish, fr: french, de: german, pt: portuguese, hi: hindi,
};
const cache = new Map<ParserLanguage, Table>();

/** Phrase -> value for 0–99 in one language (normalised phrases). */
export function numberWords(language: ParserLanguage): Table {
  let table = cache.get(language);
  if (!table) {
    table = builders[language]();
    cache.set(language, table);
  }
  return table;
}

/** Regex alternation of the language's number phrases between `min` and `max`, for building patterns. */
export function numberWordPattern(language: ParserLanguage, min: number, max: number): string {
  const phrases = [...numberWords(language)].filter(([, v]) => v >= min && v <= max).map(([p]) => p);
  return `${WORD_START}(?:${phraseAlternation(phrases)})${WORD_END}`;
}

/** Value of one spelled-out number below 100 ("dix-sept", "vingt et un"), or null. */
export function wordValue(phrase: string, language: ParserLanguage): number | null {
  return numberWords(language).get(normalizeText(phrase.replace(/-/g, ' '))) ?? null;
}

/** Hundreds words; Spanish and Portuguese have one word per hundred. */
const hundredWords: Record<ParserLanguage, Array<[string, number]>> = {
  en: [['hundred', 100]],
  es: [['cien', 100], ['ciento', 100], ['doscientos', 200], ['doscientas', 200], ['trescientos', 300],
    ['trescientas', 300], ['cuatrocientos', 400], ['cuatrocientas', 400], ['quinientos', 500], ['quinientas', 500],
    ['seiscientos', 600], ['seiscientas', 600], ['setecientos', 700], ['setecientas', 700], ['ochocientos', 800],
    ['ochocientas', 800], ['novecientos', 900], ['novecientas', 900]],
  fr: [['cent', 100], ['cents', 100]],
  de: [['hundert', 100]],
  pt: [['cem', 100], ['cento', 100], ['duzentos', 200], ['duzentas', 200], ['trezentos', 300], ['trezentas', 300],
    ['quatrocentos', 400], ['quatrocentas', 400], ['quinhentos', 500], ['quinhentas', 500], ['seiscentos', 600],
    ['seiscentas', 600], ['setecentos', 700], ['setecentas', 700], ['oitocentos', 800], ['oitocentas', 800],
    ['novecentos', 900], ['novecentas', 900]],
  hi: [['sau', 100], ['सौ', 100]],
};

/** Words that only join parts of a number ("one hundred and five", "mil e cinco"). */
const joiners = new Set(['and', 'y', 'et', 'und', 'e']);

/** Thousands words ("two thousand and five", "mil novecientos noventa", "deux mille"). */
const thousandWords: Record<ParserLanguage, string[]> = {
  en: ['thousand'], es: ['mil'], fr: ['mille', 'mil'], de: ['tausend'], pt: ['mil'], hi: ['hazaar', 'hazar', 'हज़ार', 'हजार'],
};

/**
 * Reads a whole spelled-out number below 1,000,000 ("three hundred and twelve", "doscientos cinco",
 * "einhundertzwanzig", "mil novecientos noventa", "nineteen hundred"), or null for anything else.
 */
export function parseNumberWords(text: string, language: ParserLanguage): number | null {
  const normalized = normalizeText(text.replace(/-/g, ' '));
  if (normalized.length === 0) return null;
  if (language === 'de') return parseGermanCompound(normalized.replace(/ /g, ''));
  for (const word of thousandWords[language]) {
    const match = splitAround(word).exec(normalized);
    if (!match) continue;
    const [, before, after] = match;
    const multiplier = before === undefined ? 1 : belowThousand(before, language);
    const rest = after === undefined ? 0 : belowThousand(dropJoiner(after), language);
    if (multiplier === null || rest === null || multiplier < 1) continue;
    return multiplier * 1000 + rest;
  }
  return belowThousand(normalized, language);
}

const splitters = new Map<string, RegExp>();

/** "^(before )?word( after)?$", compiled once per word. */
function splitAround(word: string): RegExp {
  let pattern = splitters.get(word);
  if (!pattern) {
    pattern = new RegExp(`^(?:(.+) )?${word}(?: (.+))?$`, 'u');
    splitters.set(word, pattern);
  }
  return pattern;
}

function dropJoiner(words: string): string {
  const [first, ...rest] = words.split(' ');
  return joiners.has(first ?? '') && rest.length > 0 ? rest.join(' ') : words;
}

/** 0–999; a hundreds multiplier may go up to 99, as in "nineteen hundred" or "dix-neuf cent". */
function belowThousand(normalized: string, language: ParserLanguage): number | null {
  const direct = numberWords(language).get(normalized);
  if (direct !== undefined) return direct;
  for (const [word, value] of hundredWords[language]) {
    const match = splitAround(word).exec(normalized);
    if (!match) continue;
    const [, before, after] = match;
    let multiplier = 1;
    if (before !== undefined) {
      if (value !== 100) continue; // "dos doscientos" is not a number
      const m = numberWords(language).get(before);
      if (m === undefined || m < 1) continue;
      multiplier = m;
    }
    const rest = after === undefined ? 0 : numberWords(language).get(dropJoiner(after));
    if (rest === undefined) continue;
    return multiplier * value + rest;
  }
  return null;
}

/** German writes numbers as one word: "neunzehnhundertneunzig", "zweitausendfünf". */
function parseGermanCompound(word: string): number | null {
  const thousands = /^(.*?)tausend(?:und)?(.*)$/.exec(word);
  if (thousands) {
    const [, before = '', after = ''] = thousands;
    const multiplier = before === '' ? 1 : parseGermanHundreds(before);
    const rest = after === '' ? 0 : parseGermanHundreds(after);
    return multiplier === null || rest === null || multiplier < 1 ? null : multiplier * 1000 + rest;
  }
  return parseGermanHundreds(word);
}

function parseGermanHundreds(word: string): number | null {
  const match = /^(.*?)hundert(?:und)?(.*)$/.exec(word);
  if (!match) return numberWords('de').get(word) ?? null;
  const [, before = '', after = ''] = match;
  const multiplier = before === '' ? 1 : numberWords('de').get(before);
  const rest = after === '' ? 0 : numberWords('de').get(after);
  if (multiplier === undefined || rest === undefined || multiplier < 1) return null;
  return multiplier * 100 + rest;
}
