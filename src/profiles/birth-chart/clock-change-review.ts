import type { ClarifyOption } from '../../conversation/parsers/parser-types.js';
import type { AnswerReview } from '../profile-generator.js';
import type { ClockChange } from './birth-moment.js';
import { formatOffset } from './local-time.js';

/**
 * Words for the two clock readings in option labels. Review runs before any translator is at hand
 * (ProfileGenerator.review gets only the language), so these few words live here rather than in the
 * locale files; the question itself is an i18n key. Other languages fall back to English.
 */
const CLOCK_WORDS: Readonly<Record<string, { summer: string; winter: string }>> = {
  en: { summer: 'summer time', winter: 'winter time' },
  es: { summer: 'horario de verano', winter: 'horario de invierno' },
  fr: { summer: "heure d'été", winter: "heure d'hiver" },
  de: { summer: 'Sommerzeit', winter: 'Winterzeit' },
  pt: { summer: 'horário de verão', winter: 'horário de inverno' },
};

function option(time: string, offset: number, summer: boolean, language: string): ClarifyOption {
  const words = CLOCK_WORDS[language] ?? CLOCK_WORDS.en ?? { summer: 'summer time', winter: 'winter time' };
  const utc = `UTC${formatOffset(offset)}`;
  return { label: `${time} ${summer ? words.summer : words.winter} (${utc})`, value: `${time}${formatOffset(offset)}` };
}

/**
 * Asks which reading of a birth time was meant when the clocks changed over it. Both cases offer the
 * two offsets: on a fall-back night the time happened twice (earlier reading first); in a spring-forward
 * gap it never showed on the clocks, so the person (or the birth record) must have meant one side's time.
 * The larger offset is labelled summer time.
 */
export function clockChangeReview(change: ClockChange, place: string, language: string): AnswerReview {
  const larger = Math.max(change.offsetBefore, change.offsetAfter);
  // The offset in force before the change first: on a fall-back night that is also the earlier instant.
  const options = [change.offsetBefore, change.offsetAfter].map((offset) => option(change.time, offset, offset === larger, language));
  const vars = { time: change.time, place, from: change.from, to: change.to };
  return {
    step: 'birth_time',
    result: {
      kind: 'clarify',
      question: { key: change.kind === 'gap' ? 'birth-chart:time.gap' : 'birth-chart:time.ambiguous', vars },
      options,
    },
  };
}
