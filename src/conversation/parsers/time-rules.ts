import type { ParserLanguage } from './language.js';
import { normalizeText, phraseAlternation, WORD_END, WORD_START } from './normalize.js';
import { numberWordPattern, wordValue } from './number-words.js';
import { clockUnits, fillers, midnightWords, noonWords, oneAndAHalfWords, prepositions, spokenUnits, twoAndAHalfWords } from './time-words.js';

/**
 * The ways each language says a time, as regexes over normalised text (lower case, no accents).
 * Every rule reads an hour and minute; whether "7" means morning or evening is decided in time.ts.
 */


/** A time as said, before am/pm is settled. */
export interface SaidTime {
  hour: number;
  minute: number;
  /** Noon, midnight and "quarter to midnight": already on the 24-hour clock. */
  exact?: boolean;
  meridiem?: 'am' | 'pm';
  /** Written like a clock ("7:30", "19h", "7 Uhr"), which es/fr/de/pt read on the 24-hour clock. */
  clock?: boolean;
  /** "07:30": a leading zero only makes sense on the 24-hour clock. */
  leadingZero?: boolean;
  /** Hours and minutes written with a separator ("7:30", "7.30", "7h30"): read on the 24-hour clock everywhere. */
  writtenMinutes?: boolean;
}

export interface TimeRule {
  pattern: RegExp;
  read(groups: Record<string, string | undefined>): SaidTime | null;
}

// "7a", "3:15p": a lone a or p only right after the digits.
const AP = "(?<ap>a\\.?\\s?m\\.?|p\\.?\\s?m\\.?|(?<=\\d)[ap]\\.?)(?![\\p{L}])(?!\\s?(?:abend|morgen|nachmittag|vormittag))";
const DIGIT_HOUR = '(?<![\\d.:/,])\\d{1,2}(?!\\d)';

/** Noon or midnight said as a word; French "midi" inside "après-midi" is the afternoon, not noon. */
export function noonOrMidnight(language: ParserLanguage): string {
  const words = phraseAlternation([...noonWords[language], ...midnightWords[language]]);
  return words ? `${WORD_START}(?<!apres[\\s-])(?:${words})${WORD_END}` : '';
}

function hourWordPattern(language: ParserLanguage): string {
  const words = noonOrMidnight(language);
  const numbers = numberWordPattern(language, 0, 24);
  return words ? `${words}|${numbers}` : numbers;
}

export interface HourToken {
  hour: number;
  exact: boolean;
  digits: boolean;
  leadingZero: boolean;
}

function hourToken(text: string | undefined, language: ParserLanguage): HourToken | null {
  if (text === undefined) return null;
  const t = text.replace(/[\s-]+/g, ' ');
  if (/^\d{1,2}$/.test(t)) return { hour: Number(t), exact: false, digits: true, leadingZero: t.length === 2 && t.startsWith('0') };
  const normalized = (words: string[]) => words.map((w) => normalizeText(w.replace(/-/g, ' ')));
  if (normalized(noonWords[language]).includes(t)) return { hour: 12, exact: true, digits: false, leadingZero: false };
  if (normalized(midnightWords[language]).includes(t)) return { hour: 0, exact: true, digits: false, leadingZero: false };
  const value = wordValue(t, language);
  return value === null ? null : { hour: value, exact: false, digits: false, leadingZero: false };
}

function minuteValue(text: string | undefined, language: ParserLanguage): number | null {
  if (text === undefined) return 0;
  if (/^\d{1,2}$/.test(text)) return Number(text);
  return wordValue(text, language);
}

/** The hour on the clock face before `hour` ("quarter to one" is 12:45, "halb eins" is 12:30). */
function before(token: HourToken, minutes: number): SaidTime {
  if (token.exact) {
    const total = (token.hour * 60 - minutes + 1440) % 1440;
    return { hour: Math.floor(total / 60), minute: total % 60, exact: true };
  }
  const previous = token.hour - 1;
  const hour = previous === 0 && token.hour <= 12 ? 12 : previous < 0 ? 23 : previous;
  return { hour, minute: 60 - minutes };
}

function at(token: HourToken, minute: number): SaidTime {
  return { hour: token.hour, minute, exact: token.exact, leadingZero: token.leadingZero };
}

type Reader = (h: HourToken, m: number, groups: Record<string, string | undefined>) => SaidTime | null;

/** Builds a rule from a template where %H% is an hour and %M% minutes; spaces match any whitespace. */
function rule(language: ParserLanguage, template: string, reader: Reader): TimeRule {
  const source = template
    .replace(/ /g, '\\s+')
    .replace('%H%', () => `(?<h>${DIGIT_HOUR}|${hourWordPattern(language)})`)
    .replace('%M%', () => `(?<m>\\d{1,2}(?!\\d)|${numberWordPattern(language, 1, 59)})`);
  return {
    pattern: new RegExp(source, 'gu'),
    read(groups) {
      const h = hourToken(groups.h, language);
      const m = minuteValue(groups.m, language);
      return h && m !== null ? reader(h, m, groups) : null;
    },
  };
}

function fixedTime(source: string, hour: number, minute: number): TimeRule {
  return { pattern: new RegExp(source, 'gu'), read: () => ({ hour, minute }) };
}

/** French "huit heures et quart" uses the 24-hour clock when "heures" is said. */
const onClock =
  (reader: Reader): Reader =>
  (h, m, g) => {
    const said = reader(h, m, g);
    return said && g.unit ? { ...said, clock: true } : said;
  };

const atMinute: Reader = (h, m) => at(h, m);
const fixed = (minute: number): Reader => (h) => at(h, minute);
const beforeBy = (minutes: number): Reader => (h) => before(h, minutes);
const beforeByGroup: Reader = (h, m) => (m > 0 && m < 60 ? before(h, m) : null);

/** Rules every language shares: digits with separators, am/pm, units ("19h", "7 Uhr", "7 baje"). */
function common(language: ParserLanguage): TimeRule[] {
  const units = phraseAlternation([...clockUnits, ...spokenUnits]);
  const minuteWords = phraseAlternation(['minutes', 'minute', 'minutos', 'minuten', 'min', 'मिनट', 'minat']);
  const apPart = `(?:\\s?${AP})?`;
  return [
    {
      pattern: new RegExp(
        `(?<![\\d.:/,])(?<h>\\d{1,2})\\s?(?:[:.]|h)\\s?(?<m>\\d{2})(?::\\d{2})?(?![\\d]|[.:/]\\d)(?:\\s?(?:${phraseAlternation(clockUnits)})${WORD_END})?${apPart}`,
        'gu',
      ),
      read: (g) => ({
        hour: Number(g.h),
        minute: Number(g.m),
        clock: true,
        writtenMinutes: true,
        leadingZero: (g.h ?? '').startsWith('0') && (g.h ?? '').length === 2,
        ...(g.ap ? { meridiem: g.ap.startsWith('a') ? 'am' : 'pm' } : {}),
      }),
    },
    {
      pattern: new RegExp(`(?<![\\d.:/,])(?<h>\\d{1,2})\\s?${AP}`, 'gu'),
      read: (g) => ({ hour: Number(g.h), minute: 0, meridiem: (g.ap ?? '').startsWith('a') ? 'am' : 'pm' }),
    },
    {
      // Military style "1930 hrs": four digits only with a unit, so a year is never a time.
      pattern: new RegExp(`(?<![\\d.:/,])(?<h>[01]\\d|2[0-3])(?<m>[0-5]\\d)\\s?(?:hrs|hours|hs|h|uhr|horas)${WORD_END}`, 'gu'),
      read: (g) => ({ hour: Number(g.h), minute: Number(g.m), clock: true, leadingZero: true }),
    },
    rule(language, `%H%\\s?(?<unit>${units})${WORD_END}(?: (?:y |et |e |und )?%M%(?:\\s?(?:${minuteWords})${WORD_END})?)?${apPart}`,
      (h, m, g) => {
        const unit = normalizeText(g.unit ?? '');
        // "19h", "7 Uhr", and in French or German also "huit heures", "acht Uhr": the 24-hour clock.
        const clock = clockUnits.includes(unit) && (h.digits || unit !== 'h');
        const meridiem = g.ap ? ((g.ap.startsWith('a') ? 'am' : 'pm') as 'am' | 'pm') : undefined;
        return { ...at(h, m), clock, ...(meridiem ? { meridiem } : {}) };
      }),
    rule(language, `(?<=${WORD_START}(?:${phraseAlternation(prepositions[language])})\\s)%H%(?![\\d]|\\s?[:.]\\d)`, fixed(0)),
  ];
}

/** Words for a half or a quarter hour after an hour said with am/pm ("8pm y media", "8 pm and a half"). */
const fractions: Record<string, number> = { media: 30, meia: 30, demi: 30, demie: 30, half: 30, halb: 30,
  cuarto: 15, quart: 15, quarto: 15, quarter: 15 };

function noonAndMidnight(language: ParserLanguage): TimeRule[] {
  const words = noonOrMidnight(language);
  if (!words) return [];
  return [
    rule(language, `(?<h>${words})`, fixed(0)),
    // "midi quinze", "mediodía y diez": minutes said after noon or midnight.
    rule(language, `(?<h>${words}) (?:et |y |e |und |and )?%M%(?! (?:de|du|of|am|em)${WORD_END})`, atMinute),
  ];
}

/** Rules every language shares for minutes said in words after the hour. */
function wordMinutes(language: ParserLanguage): TimeRule[] {
  const apPart = `(?:\\s?${AP})?`;
  return [
    // "seis cero dos pm", "six oh two", "sept trente": an hour word then minutes, on whichever clock.
    rule(language, `(?<h>${numberWordPattern(language, 1, 12)}) (?:oh |o |cero |zero |null )?%M%(?! (?:de|del|of|do|da)${WORD_END})${apPart}`,
      (h, m, g) => (m >= 1 ? { ...at(h, m), ...(g.ap ? { meridiem: g.ap.startsWith('a') ? 'am' : 'pm' } : {}) } : null)),
    {
      pattern: new RegExp(
        `(?<![\\d.:/,])(?<h>\\d{1,2})\\s?${AP} (?:y|e|et|and|und) (?:a |an |un |une )?(?<frac>${Object.keys(fractions).join('|')})${WORD_END}`,
        'gu',
      ),
      read: (g) => ({ hour: Number(g.h), minute: fractions[g.frac ?? ''] ?? 0, meridiem: (g.ap ?? '').startsWith('a') ? 'am' : 'pm' }),
    },
  ];
}

const specific: Record<ParserLanguage, (l: ParserLanguage) => TimeRule[]> = {
  en: (l) => [
    rule(l, 'half past %H%', fixed(30)),
    // British "half seven" is 7:30, not 6:30 as German "halb sieben" would be.
    rule(l, 'half %H%', fixed(30)),
    rule(l, '(?:a )?quarter (?:past|after) %H%', fixed(15)),
    rule(l, 'three quarters (?:past|after) %H%', fixed(45)),
    rule(l, '(?:a )?quarter (?:to|till|til|of|before) %H%', beforeBy(15)),
    rule(l, '%M% (?:minutes? )?(?:past|after) %H%', atMinute),
    rule(l, '%M% (?:minutes? )?(?:to|till|til|before) %H%', beforeByGroup),
    rule(l, `(?<h>${numberWordPattern(l, 1, 12)}) (?:oh )?%M%`, (h, m) => (m >= 1 ? at(h, m) : null)),
  ],
  es: (l) => [
    rule(l, '%H% (?:horas? )?y media', fixed(30)),
    rule(l, '%H% (?:horas? )?y cuarto', fixed(15)),
    rule(l, '%H% (?:horas? )?menos cuarto', beforeBy(15)),
    rule(l, '%H% (?:horas? )?y %M%(?: minutos?)?', atMinute),
    rule(l, '%H% (?:horas? )?menos %M%', beforeByGroup),
    rule(l, '%H% en punto', fixed(0)),
  ],
  fr: (l) => [
    rule(l, '%H% (?<unit>heures? )?et demie?', onClock(fixed(30))),
    rule(l, '%H% (?<unit>heures? )?et quart', onClock(fixed(15))),
    rule(l, '%H% (?<unit>heures? )?moins (?:le )?quart', onClock(beforeBy(15))),
    rule(l, '%H% (?<unit>heures? )?moins %M%', onClock(beforeByGroup)),
    rule(l, '%H% pile', fixed(0)),
  ],
  de: (l) => [
    rule(l, '%M% (?:minuten )?nach halb %H%', (h, m) => (m < 30 ? before(h, 30 - m) : null)),
    rule(l, '%M% (?:minuten )?vor halb %H%', (h, m) => (m < 30 ? before(h, 30 + m) : null)),
    rule(l, 'halb %H%', beforeBy(30)),
    rule(l, 'viertel nach %H%', fixed(15)),
    rule(l, 'viertel vor %H%', beforeBy(15)),
    rule(l, 'dreiviertel %H%', beforeBy(15)),
    rule(l, '%M% (?:minuten )?nach %H%', atMinute),
    rule(l, '%M% (?:minuten )?vor %H%', beforeByGroup),
  ],
  pt: (l) => [
    rule(l, '%H% (?:horas? )?e meia', fixed(30)),
    rule(l, '%H% (?:horas? )?e (?:um )?quarto', fixed(15)),
    rule(l, '%H% (?:horas? )?e %M%(?: minutos?)?', atMinute),
    rule(l, '(?:um )?quarto para (?:as |a )?%H%', beforeBy(15)),
    rule(l, '%M% (?:minutos )?para (?:as |a )?%H%', beforeByGroup),
    rule(l, '%H% em ponto', fixed(0)),
  ],
  hi: (l) => [
    rule(l, '(?:saadhe|saade|sadhe|sade|साढ़े|साढे) %H%', fixed(30)),
    rule(l, '(?:sawa|sava|सवा) %H%', fixed(15)),
    rule(l, '(?:paune|pone|पौने) %H%', beforeBy(15)),
    // "Dedh" (one and a half) and "dhai" (two and a half) are hour words of their own.
    fixedTime(`${WORD_START}(?:${phraseAlternation(oneAndAHalfWords)})${WORD_END}`, 1, 30),
    fixedTime(`${WORD_START}(?:${phraseAlternation(twoAndAHalfWords)})${WORD_END}`, 2, 30),
    rule(l, '%H% (?:bajkar|baj kar|बजकर) %M%(?: (?:minute|minat|मिनट))?', atMinute),
  ],
};

const cache = new Map<ParserLanguage, TimeRule[]>();

/** The rules for a language; English ones are added everywhere, since people mix ("half past 7"). */
export function timeRules(language: ParserLanguage): TimeRule[] {
  let rules = cache.get(language);
  if (!rules) {
    rules = [...common(language), ...noonAndMidnight(language), ...wordMinutes(language), ...specific[language](language)];
    if (language !== 'en') rules.push(...specific.en('en'), ...noonAndMidnight('en'));
    cache.set(language, rules);
  }
  return rules;
}

/** The language and English, whose rules and words timeRules adds everywhere (people mix: "half past 7"). */
export function withEnglish(language: ParserLanguage): ParserLanguage[] {
  return language === 'en' ? ['en'] : [language, 'en'];
}

const loneHourCache = new Map<ParserLanguage, RegExp>();

/** A lone hour, possibly with fillers ("around 7", "a las siete"): the whole answer, nothing else. */
function loneHourPattern(language: ParserLanguage): RegExp {
  let pattern = loneHourCache.get(language);
  if (!pattern) {
    const words = phraseAlternation([...fillers, ...prepositions[language], ...prepositions.en]);
    pattern = new RegExp(`^(?:(?:${words})\\s)*(?<h>\\d{1,2}|${hourWordPattern(language)})$`, 'u');
    loneHourCache.set(language, pattern);
  }
  return pattern;
}

export function readLoneHour(text: string, language: ParserLanguage): SaidTime | null {
  // "0730", "1930", "730": hours and minutes run together, as typed on a phone keypad.
  const packed = /^(\d{1,2})(\d{2})$/.exec(text);
  // Digits that cannot be a time ("1990") are not read as one: they are more likely a year.
  if (packed && Number(packed[1]) <= 23 && Number(packed[2]) <= 59) {
    const hh = packed[1] ?? '';
    return { hour: Number(hh), minute: Number(packed[2]), clock: true, leadingZero: hh.length === 2 && hh.startsWith('0') };
  }
  const match = loneHourPattern(language).exec(text);
  const token = hourToken(match?.groups?.h, language);
  return token ? at(token, 0) : null;
}
