import { normalizeText, phraseAlternation, WORD_END, WORD_START } from './normalize.js';

/**
 * "I don't know" in the six languages. Checked in every language at once: someone answering in
 * English inside a Spanish session still means it, and none of these phrases is a valid date or time.
 */
const phrases = [
  // en
  "i don't know", 'i dont know', "don't know", 'dont know', 'do not know', 'dunno', 'not sure', "i'm not sure",
  'no idea', 'unknown', 'no clue', "can't remember", 'cant remember', 'not known',
  // es
  'no sé', 'no lo sé', 'no se', 'ni idea', 'desconocido', 'desconocida', 'no me acuerdo', 'no estoy seguro',
  'no estoy segura', 'no recuerdo',
  // fr
  'je ne sais pas', 'je sais pas', 'sais pas', 'aucune idée', 'inconnu', 'inconnue', 'je ne me souviens pas',
  'pas sûr', 'pas sûre',
  // de
  'weiß nicht', 'weiss nicht', 'ich weiß es nicht', 'ich weiß nicht', 'keine ahnung', 'unbekannt',
  'nicht sicher', 'weiß ich nicht',
  // pt
  'não sei', 'nao sei', 'não faço ideia', 'desconhecido', 'desconhecida', 'não lembro', 'não me lembro',
  'não tenho certeza',
  // hi
  'पता नहीं', 'मालूम नहीं', 'मुझे नहीं पता', 'नहीं पता', 'pata nahi', 'pata nahin', 'nahi pata', 'malum nahi',
  'maloom nahi', 'mujhe nahi pata',
];

const pattern = new RegExp(`${WORD_START}(?:${phraseAlternation(phrases)})${WORD_END}`, 'u');

/** Whether the answer says the person does not know (anywhere in it: "sorry, no idea"). */
export function isUnknownAnswer(text: string): boolean {
  return pattern.test(normalizeText(text));
}

/** The stored value for "does not know", where validation.allow_unknown permits it. */
export const UNKNOWN = 'unknown';

/** Words for the time of day, for "I don't know the time" inside a longer message. */
const timeWords = ['time', 'hour', 'hora', 'horário', 'horario', 'heure', "l'heure", 'uhrzeit', 'zeit', 'uhr', 'समय', 'टाइम', 'samay',
  'time of birth', 'birth time'];
const timePattern = new RegExp(`${WORD_START}(?:${phraseAlternation(timeWords)})${WORD_END}`, 'u');

/** Whether a longer message says the person does not know the time ("born 5 March 1990, I don't know the time"). */
export function saysUnknownTime(text: string): boolean {
  const normalized = normalizeText(text);
  return pattern.test(normalized) && timePattern.test(normalized);
}
