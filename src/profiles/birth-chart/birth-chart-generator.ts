import type { AnswerValue } from '../../conversation/parsers/parser-types.js';
import type { AnswerReview, ProfileGenerator } from '../profile-generator.js';
import { readBirthAnswers } from './birth-answers.js';
import { birthChartProfile } from './birth-chart-profile.js';
import { birthMoment, clockChangeAt } from './birth-moment.js';
import { clockChangeReview } from './clock-change-review.js';
import { computeChart } from './compute-chart.js';
import type { HouseSystem } from './houses.js';
import { isKnownTimeZone } from './local-time.js';

/** An optional `house_system` answer ("whole-sign") switches from the default Placidus houses. */
function houseSystem(answers: Readonly<Record<string, AnswerValue>>): HouseSystem {
  return answers.house_system === 'whole-sign' ? 'whole-sign' : 'placidus';
}

/**
 * The instant flow's profile: a tropical natal chart from name, birth_date, birth_time ("HH:MM",
 * "HH:MM+hh:mm" or "unknown") and birth_place (a resolved place with lat, lon and tz).
 */
export const birthChartGenerator: ProfileGenerator = {
  kind: 'birth-chart',
  runsInTurn: true,

  /** Asks back a birth time the clocks skipped or showed twice at that place, and a place without a usable zone. */
  review(answers, language): AnswerReview | null {
    const read = readBirthAnswers(answers);
    if (!read.ok) return { step: read.step, result: { kind: 'rejected', reason: { key: `birth-chart:review.${read.step}` } } };
    const { place } = read.answers;
    if (!isKnownTimeZone(place.tz)) {
      return { step: 'birth_place', result: { kind: 'rejected', reason: { key: 'birth-chart:review.birth_place' } } };
    }
    const change = clockChangeAt(read.answers);
    return change ? clockChangeReview(change, place.name, language) : null;
  },

  async generate({ answers, translate }) {
    const read = readBirthAnswers(answers);
    if (!read.ok) throw new Error(`birth-chart: the answer to ${read.step} is missing or malformed`);
    const moment = birthMoment(read.answers);
    const chart = computeChart({
      utc: moment.utc,
      latitude: read.answers.place.lat,
      longitude: read.answers.place.lon,
      timeKnown: moment.timeKnown,
      houseSystem: houseSystem(answers),
      ...(moment.day ? { day: moment.day } : {}),
    });
    return birthChartProfile(read.answers, moment, chart, translate);
  },
};
