import type { ParserLanguage } from './language.js';

/**
 * Same-length rewrites of an answer before chrono-node reads it, so its indexes still point into the
 * original: spellings chrono-node misses, month-first orders its locale parsers do not read, and times
 * inside a date ("Thu Oct 26 11:00:09 2023") blanked out.
 */

/** Month names and abbreviations of languages whose chrono-node parser reads only "day month year". */
const monthWords: Partial<Record<ParserLanguage, string>> = {
  es: 'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|ene|feb|mar|abr|jun|jul|ago|sept?|oct|nov|dic',
  fr: 'janvier|fevrier|février|mars|avril|mai|juin|juillet|aout|août|septembre|octobre|novembre|decembre|décembre|janv|fevr?|févr?|avr|juil|sept|oct|nov|dec|déc',
  de: 'januar|jänner|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember|jan|feb|mär|apr|jun|jul|aug|sept?|okt|nov|dez',
  pt: 'janeiro|fevereiro|março|marco|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|jan|fev|mar|abr|mai|jun|jul|ago|set|out|nov|dez',
};

const monthFirstCache = new Map<ParserLanguage, RegExp>();

/** "mayo 5 del 2013", "märz 3 2015": month and day swapped in place ("5 mayo del 2013"), same length. */
function dayBeforeMonth(text: string, language: ParserLanguage): string {
  const words = monthWords[language];
  if (!words) return text;
  let pattern = monthFirstCache.get(language);
  if (!pattern) {
    pattern = new RegExp(
      `(?<![\\p{L}\\p{N}])(${words})(\\.?) (\\d{1,2})(?!\\d)(?=(?:,| de| del| of)? +(?:\\d{4}|'?\\d{2})(?!\\d))`,
      'giu',
    );
    monthFirstCache.set(language, pattern);
  }
  return text.replace(pattern, (_all, month: string, dot: string, day: string) => `${day} ${month}${dot}`);
}

/** Clock times ("11:00:09") become spaces: a date reader has no use for them and chrono-node stops at them. */
function blankTimes(text: string): string {
  return text.replace(/(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])/g, (time) => ' '.repeat(time.length));
}

export function prepareForChrono(original: string, language: ParserLanguage): string {
  // "1.º de enero": the Spanish and Portuguese ordinal written with a dot.
  let text = original.replace(/(?<=\d)\.([ºª])/gu, '$1 ').replace(/['’](\d{2})(?!\d)/gu, ' $1').replace(/(?<=\d)-(?=\p{L})|(?<=\p{L})-(?=\d)/gu, ' ');
  text = dayBeforeMonth(blankTimes(text), language);
  if (language === 'de') return text.replace(/(?<!\d)(\d{1,2}) (?=\p{L})/gu, '$1.');
  // "16. Nov. 2016": the German way of writing a day is common in other languages' answers too.
  text = text.replace(/(?<![\d.])(\d{1,2})\.(?= +\p{L})/gu, '$1 ');
  if (language === 'pt') return text.replace(/\bmarco\b/giu, 'março');
  if (language === 'es') return text.replace(/\bdel (?=\d{2}\b)/giu, 'de  ').replace(/\bdel (?=\d{4}\b)/giu, 'de  ');
  return text;
}

/**
 * Text right before a date that makes it something else: an amount ("$12 December 27") or a version
 * number ("Version: 1.1.30").
 */
const NOT_A_DATE_BEFORE = /(?:[$€£¥₹]|\b(?:v|ver|version|versión|versao|versão|release|build|rev)\s*[:.]?)\s*$/iu;

export function isNotADateContext(textBefore: string): boolean {
  return NOT_A_DATE_BEFORE.test(textBefore);
}
