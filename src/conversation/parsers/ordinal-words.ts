import type { ParserLanguage } from './language.js';
import { normalizeText } from './normalize.js';

/** "Eleventh" to "thirty-first", the days of a month said as English ordinals. */
function englishDayOrdinals(): Array<[number, string[]]> {
  const teens = ['eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth',
    'nineteenth', 'twentieth'];
  const units = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
  const found: Array<[number, string[]]> = teens.map((w, i) => [11 + i, [w]]);
  units.forEach((w, i) => found.push([21 + i, [`twenty ${w}`, `twenty-${w}`]]));
  found.push([30, ['thirtieth']], [31, ['thirty first', 'thirty-first']]);
  return found;
}

/** Ordinals 1–10 ("second", "segunda", "deuxième", "zweite", "दूसरा") and "last" (value -1). */
const ordinals: Record<ParserLanguage, Array<[number, string[]]>> = {
  en: [[1, ['first']], [2, ['second']], [3, ['third']], [4, ['fourth']], [5, ['fifth']], [6, ['sixth']],
    [7, ['seventh']], [8, ['eighth']], [9, ['ninth']], [10, ['tenth']], [-1, ['last']], ...englishDayOrdinals()],
  es: [[1, ['primero', 'primera', 'primer']], [2, ['segundo', 'segunda']], [3, ['tercero', 'tercera', 'tercer']],
    [4, ['cuarto', 'cuarta']], [5, ['quinto', 'quinta']], [6, ['sexto', 'sexta']], [7, ['séptimo', 'séptima']],
    [8, ['octavo', 'octava']], [9, ['noveno', 'novena']], [10, ['décimo', 'décima']], [-1, ['último', 'última']]],
  fr: [[1, ['premier', 'première']], [2, ['deuxième', 'second', 'seconde']], [3, ['troisième']], [4, ['quatrième']],
    [5, ['cinquième']], [6, ['sixième']], [7, ['septième']], [8, ['huitième']], [9, ['neuvième']], [10, ['dixième']],
    [-1, ['dernier', 'dernière']]],
  de: [[1, ['erste', 'erster', 'erstes', 'ersten']], [2, ['zweite', 'zweiter', 'zweites', 'zweiten']],
    [3, ['dritte', 'dritter', 'drittes', 'dritten']], [4, ['vierte', 'vierter', 'viertes', 'vierten']],
    [5, ['fünfte', 'fünfter', 'fünftes', 'fünften']], [6, ['sechste', 'sechster', 'sechstes', 'sechsten']],
    [7, ['siebte', 'siebter', 'siebtes', 'siebten']], [8, ['achte', 'achter', 'achtes', 'achten']],
    [9, ['neunte', 'neunter', 'neuntes', 'neunten']], [10, ['zehnte', 'zehnter', 'zehntes', 'zehnten']],
    [-1, ['letzte', 'letzter', 'letztes', 'letzten']]],
  pt: [[1, ['primeiro', 'primeira']], [2, ['segundo', 'segunda']], [3, ['terceiro', 'terceira']],
    [4, ['quarto', 'quarta']], [5, ['quinto', 'quinta']], [6, ['sexto', 'sexta']], [7, ['sétimo', 'sétima']],
    [8, ['oitavo', 'oitava']], [9, ['nono', 'nona']], [10, ['décimo', 'décima']], [-1, ['último', 'última']]],
  hi: [[1, ['pehla', 'pahla', 'pehli', 'pahli', 'पहला', 'पहली']], [2, ['doosra', 'dusra', 'doosri', 'dusri', 'दूसरा', 'दूसरी']],
    [3, ['teesra', 'tisra', 'teesri', 'tisri', 'तीसरा', 'तीसरी']], [4, ['chautha', 'chauthi', 'चौथा', 'चौथी']],
    [5, ['paanchva', 'panchva', 'paanchvi', 'पांचवां', 'पाँचवाँ', 'पांचवा', 'पांचवीं']], [6, ['chhatha', 'chhathi', 'छठा', 'छठी']],
    [7, ['saatva', 'saatvi', 'सातवां', 'सातवाँ', 'सातवीं']], [8, ['aathva', 'aathvi', 'आठवां', 'आठवाँ', 'आठवीं']],
    [9, ['nauva', 'nauvi', 'नौवां', 'नौवाँ', 'नौवीं']], [10, ['dasva', 'dasvi', 'दसवां', 'दसवाँ', 'दसवीं']],
    [-1, ['aakhri', 'akhri', 'आखिरी', 'आख़िरी']]],
};

const ordinalTables = new Map<ParserLanguage, ReadonlyMap<string, number>>();

/** The language's ordinal words, normalised once: the first value listed for a word wins. */
function ordinalWords(language: ParserLanguage): ReadonlyMap<string, number> {
  let table = ordinalTables.get(language);
  if (!table) {
    const built = new Map<string, number>();
    for (const [value, words] of ordinals[language]) {
      for (const word of words) {
        const key = normalizeText(word);
        if (!built.has(key)) built.set(key, value);
      }
    }
    ordinalTables.set(language, (table = built));
  }
  return table;
}

/** Position named by an ordinal word (1-based; -1 for "last"), or null. */
export function ordinalValue(word: string, language: ParserLanguage): number | null {
  const normalized = normalizeText(word);
  const named = ordinalWords(language).get(normalized);
  if (named !== undefined) return named;
  // Written ordinals: 2nd, 2º, 2ª, 2e, 2ème, 2. (normalised "2o", "2a", "2eme").
  const written = /^(\d{1,2})(?:st|nd|rd|th|o|a|er|re|e|eme|\.)$/.exec(normalized);
  return written ? Number(written[1]) : null;
}
