import type { InputType } from '../../flows/flow-schema.js';
import type { AnswerParser } from './parser-types.js';
import { parseChoice } from './choice.js';
import { parseDate } from './date.js';
import { parseEmail } from './email.js';
import { parseList } from './list.js';
import { parseMultiChoice } from './multi-choice.js';
import { parseNumber } from './number.js';
import { parsePhone } from './phone.js';
import { parsePlace } from './place.js';
import { parseText } from './text.js';
import { parseTime } from './time.js';
import { parseYear } from './year.js';
import { parseYesNo } from './yes-no.js';

/** One parser per input type of the flow schema; the record type makes a missing one a compile error. */
export const answerParsers: Readonly<Record<InputType, AnswerParser>> = {
  text: parseText,
  email: parseEmail,
  phone: parsePhone,
  date: parseDate,
  time: parseTime,
  choice: parseChoice,
  multi_choice: parseMultiChoice,
  list: parseList,
  place: parsePlace,
  yes_no: parseYesNo,
  number: parseNumber,
  year: parseYear,
};

export { parseChoice, parseDate, parseEmail, parseList, parseMultiChoice, parseNumber, parsePhone, parsePlace, parseText, parseTime, parseYear, parseYesNo };
export { findDate, type FoundDate } from './date.js';
export { findTime, type FoundTime } from './time.js';
export { normalizeText } from './normalize.js';
export { UNKNOWN } from './unknown.js';
export * from './parser-types.js';
