import type { ParserLanguage } from './language.js';

/** The words of times in each language: noon and midnight, parts of the day, prepositions and units. */

/** Parts of the day that settle am/pm; 'am' and 'pm' are the written markers on their own. */
export type DayPart = 'morning' | 'early' | 'afternoon' | 'evening' | 'night' | 'am' | 'pm';

export const noonWords: Record<ParserLanguage, string[]> = {
  en: ['noon', 'midday', 'mid day'], es: ['mediodía', 'medio día'], fr: ['midi'], de: ['mittag'], pt: ['meio-dia', 'meio dia', 'meiodia'], hi: [],
};
export const midnightWords: Record<ParserLanguage, string[]> = {
  en: ['midnight'], es: ['medianoche', 'media noche'], fr: ['minuit'], de: ['mitternacht'], pt: ['meia-noite', 'meia noite', 'meianoite'],
  hi: ['आधी रात', 'aadhi raat', 'adhi raat'],
};

/** Hindi hour words of their own: "dedh" (one and a half), "dhai" (two and a half). */
export const oneAndAHalfWords = ['dedh', 'derh', 'डेढ़', 'डेढ'];
export const twoAndAHalfWords = ['dhai', 'dhaai', 'ढाई'];

export const dayPartWords: Record<ParserLanguage, Array<[DayPart, string[]]>> = {
  en: [['morning', ['in the morning', 'this morning', 'morning']],
    ['afternoon', ['in the afternoon', 'this afternoon', 'afternoon']],
    ['evening', ['in the evening', 'this evening', 'evening', 'tonight']],
    ['night', ['at night', 'in the night', 'night']]],
  es: [['morning', ['de la mañana', 'por la mañana', 'en la mañana', 'mañana']],
    ['early', ['de la madrugada', 'por la madrugada', 'madrugada']],
    ['afternoon', ['de la tarde', 'por la tarde', 'en la tarde', 'tarde', 'del mediodía']],
    ['night', ['de la noche', 'por la noche', 'en la noche', 'noche']]],
  fr: [['morning', ['du matin', 'le matin', 'matin']],
    ['afternoon', ["de l'après-midi", "l'après-midi", 'après-midi', "de l'aprem", 'aprem']],
    ['evening', ['du soir', 'le soir', 'soir']],
    ['night', ['de la nuit', 'la nuit', 'nuit']]],
  de: [['morning', ['morgens', 'früh', 'am morgen', 'vormittags', 'am vormittag', 'in der früh']],
    ['afternoon', ['nachmittags', 'am nachmittag', 'mittags']],
    ['evening', ['abends', 'am abend']],
    ['night', ['nachts', 'in der nacht']]],
  pt: [['morning', ['da manhã', 'de manhã', 'pela manhã', 'manhã']],
    ['early', ['da madrugada', 'de madrugada', 'madrugada']],
    ['afternoon', ['da tarde', 'de tarde', 'à tarde', 'pela tarde', 'tarde']],
    ['night', ['da noite', 'de noite', 'à noite', 'noite']]],
  hi: [['morning', ['subah', 'subha', 'सुबह', 'सवेरे', 'savere']], ['early', ['tadke', 'तड़के']],
    ['afternoon', ['dopahar', 'dopehar', 'दोपहर']], ['evening', ['shaam', 'sham', 'शाम']],
    ['night', ['raat', 'रात']]],
};

/** Words before a bare hour that make it a time ("at 7", "a las siete", "um 7"). */
export const prepositions: Record<ParserLanguage, string[]> = {
  en: ['at', 'around', 'about', 'by'],
  es: ['a las', 'a la', 'sobre las', 'hacia las', 'las', 'la'],
  fr: ['à', 'vers', 'aux alentours de'],
  de: ['um', 'gegen', 'so um'],
  pt: ['às', 'as', 'à', 'a', 'por volta das', 'lá pelas', 'pelas'],
  hi: ['लगभग', 'lagbhag'],
};

/** Words around a lone hour that leave it a time ("around 7", "vers 7"). */
export const fillers = ['around', 'about', 'approximately', 'approx', 'roughly', 'circa', 'it was', 'sobre', 'hacia',
  'eran', 'era', 'vers', 'environ', 'il etait', 'gegen', 'ungefahr', 'etwa', 'so', 'es war', 'por volta de',
  'eram', 'foi', 'sao', 'e', 'son las', 'es la', 'son', 'il est', 'es ist', 'its', "it's", 'लगभग', 'lagbhag', 'karib', 'qareeb', 'क़रीब', 'करीब'];

/** Clock-like units: after digits they mean the 24-hour clock in es/fr/de/pt ("19h", "7 Uhr"). */
export const clockUnits = ['h', 'hs', 'hrs', 'uhr', 'heure', 'heures', 'hora', 'horas'];
export const spokenUnits = ["o'clock", 'oclock', 'baje', 'बजे', 'बज'];
