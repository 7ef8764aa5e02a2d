import { accepted, rejected, type AnswerParser, type ParseContext, type ParseResult } from './parser-types.js';
import { parserLanguage, type ParserLanguage } from './language.js';
import { normalizeWithMap } from './normalize.js';
import { rulesFor } from './time-rule-choice.js';
import { dayPartOf, dayPartPattern } from './time-day-parts.js';
import type { DayPart } from './time-words.js';
import { readLoneHour, type SaidTime } from './time-rules.js';
import { isUnknownAnswer, UNKNOWN } from './unknown.js';
import { regexMatches } from '../regex-matches.js';

/**
 * Languages that write times on the 24-hour clock: there "7 Uhr" or "19h" is read as said. In every
 * language a time written like a clock with minutes ("7:30") is read on the 24-hour clock, as forms and
 * birth certificates write it (so "born 5 March 1990 at 7:30" needs no question); a bare or spoken hour
 * ("7", "half past seven") in English or Hindi is asked about.
 */
const twentyFourHour: ReadonlySet<ParserLanguage> = new Set(['es', 'fr', 'de', 'pt']);

interface Located {
  said: SaidTime;
  start: number;
  end: number;
}

/** The first time said in normalised text: earliest start, and the longest reading at that start. */
function locate(text: string, language: ParserLanguage): Located | null {
  let best: Located | null = null;
  for (const rule of rulesFor(text, language)) {
    for (const match of regexMatches(rule.pattern, text)) {
      const said = rule.read(match.groups ?? {});
      if (!said) continue;
      const found = { said, start: match.index, end: match.index + match[0].length };
      if (!best || found.start < best.start || (found.start === best.start && found.end > best.end)) best = found;
    }
  }
  return best;
}

/** Day parts in the text, with where they are. */
function dayParts(text: string, language: ParserLanguage): Array<{ part: DayPart; start: number; end: number }> {
  return regexMatches(dayPartPattern(language), text).flatMap((m) => {
    const part = dayPartOf(m[0], language);
    return part ? [{ part, start: m.index, end: m.index + m[0].length }] : [];
  });
}

type Resolution = { hour: number; minute: number } | { ambiguous: { hour: number; minute: number } } | null;

/** Puts a said time on the 24-hour clock, using am/pm, a day part or the language's habit. */
function resolve(said: SaidTime, part: DayPart | undefined, language: ParserLanguage): Resolution {
  const { minute } = said;
  let { hour } = said;
  if (minute < 0 || minute > 59 || hour < 0 || hour > 24) return null;
  if (hour === 24 && minute === 0) hour = 0;
  if (hour === 24) return null;
  if (said.exact) return { hour, minute };
  if (said.meridiem) {
    if (hour === 0 || (hour > 12 && said.meridiem === 'am')) return null;
    // "19:30 pm" is a 24-hour time with a habit attached; "13pm" is no time at all.
    if (hour > 12) return said.clock ? { hour, minute } : null;
    if (said.meridiem === 'am') return { hour: hour === 12 ? 0 : hour, minute };
    return { hour: hour === 12 ? 12 : hour + 12, minute };
  }
  if (part && hour <= 12) {
    if (part === 'am') return { hour: hour === 12 ? 0 : hour, minute };
    if (part === 'pm') return { hour: hour === 12 ? 12 : hour + 12, minute };
    if (part === 'morning') return { hour, minute };
    if (part === 'early') return { hour: hour === 12 ? 0 : hour, minute };
    if (part === 'afternoon') return { hour: hour === 12 ? 12 : hour + 12, minute };
    // "12 Uhr abends": twelve in the evening is midnight.
    if (part === 'evening') return { hour: hour === 12 ? 0 : hour + 12, minute };
    // Night: "11 at night" is 23:00 but "2 at night" is 02:00.
    if (hour === 12) return { hour: 0, minute };
    return { hour: hour >= 6 ? hour + 12 : hour, minute };
  }
  if (hour === 0 || hour >= 12 || said.leadingZero) return { hour, minute };
  if (said.clock && (twentyFourHour.has(language) || said.writtenMinutes)) return { hour, minute };
  return { ambiguous: { hour, minute } };
}

const clock = (hour: number, minute: number) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

function judge(resolution: Resolution): ParseResult {
  if (!resolution) return rejected('parsers:time.invalid');
  if ('ambiguous' in resolution) {
    const { hour, minute } = resolution.ambiguous;
    const morning = clock(hour, minute);
    const evening = clock(hour + 12, minute);
    return {
      kind: 'clarify',
      question: { key: 'parsers:time.which_half', vars: { morning, evening } },
      options: [
        { label: morning, value: morning },
        { label: evening, value: evening },
      ],
    };
  }
  return accepted(clock(resolution.hour, resolution.minute));
}

/**
 * A time of day as "HH:MM". Digits, am/pm and the usual spoken forms in each language ("half past
 * seven", "siete y media", "halb acht", "साढ़े सात"). An hour that could be morning or evening is asked
 * about; "I don't know" is stored as "unknown" where the step allows it.
 */
export const parseTime: AnswerParser = (text, context) => {
  const language = parserLanguage(context.language);
  const result = readTime(text, language);
  // "Not sure, around 7 pm" still gives a time; "I don't know" alone is the unknown answer.
  if (result.kind === 'accepted' || !isUnknownAnswer(text)) return result;
  return context.validation.allow_unknown ? accepted(UNKNOWN) : rejected('parsers:time.unknown_not_allowed');
};

function readTime(text: string, language: ParserLanguage): ParseResult {
  const normalized = normalizeWithMap(text).text.replace(/[!?;,¡¿]+/g, ' ').replace(/\s+/g, ' ').trim();
  const parts = dayParts(normalized, language);
  const located = locate(normalized, language);
  let said = located?.said ?? null;
  if (!said) {
    // A lone hour ("7", "a las siete", "7 de la tarde"): what is left once day parts are removed.
    const rest = normalized.replace(dayPartPattern(language), ' ').replace(/\s+/g, ' ').trim();
    said = readLoneHour(rest, language);
  }
  if (!said) return rejected('parsers:time.unreadable');
  return judge(resolve(said, parts[0]?.part, language));
}

/** A time inside a longer message: its value and where it is in `text`, or null. */
export interface FoundTime {
  value: string;
  start: number;
  end: number;
}

/**
 * The first time in a longer message ("born 5 March 1990 at 7:30 pm in Madrid"), with a day part
 * right next to it. Only a time that reads one way is returned; "at 7:30" in English is ambiguous and
 * gives null, so the step asks for it.
 */
export function findTime(text: string, context: ParseContext): FoundTime | null {
  const language = parserLanguage(context.language);
  const map = normalizeWithMap(text);
  const located = locate(map.text, language);
  if (!located) return null;
  let { start, end } = located;
  const near = dayParts(map.text, language).find(
    (p) => (p.start >= end && /^[\s,]*$/.test(map.text.slice(end, p.start))) || (p.end <= start && /^[\s,]*$/.test(map.text.slice(p.end, start))),
  );
  if (near) {
    start = Math.min(start, near.start);
    end = Math.max(end, near.end);
  }
  const resolution = resolve(located.said, near?.part, language);
  if (!resolution || 'ambiguous' in resolution) return null;
  return { value: clock(resolution.hour, resolution.minute), ...map.toOriginal(start, end) };
}
