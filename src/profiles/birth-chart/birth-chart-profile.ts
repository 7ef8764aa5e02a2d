import type { ProfileData, Translate } from '../profile-generator.js';
import type { BirthAnswers } from './birth-answers.js';
import type { BirthMoment } from './birth-moment.js';
import { chartSummary } from './chart-summary.js';
import type { Chart, ChartPoint } from './compute-chart.js';
import { formatOffset } from './local-time.js';
import { signName } from './zodiac.js';

/** Degrees kept in the profile: 0.0001° is 0.36", far below the ephemeris' own error. */
const round = (value: number): number => Math.round(value * 10_000) / 10_000;

const pointData = (p: ChartPoint) => ({ longitude: round(p.longitude), sign: signName(p.sign), degree: round(p.degree) });

/** Machine-readable notes on what the profile leaves out or assumed. */
function notes(chart: Chart, moment: BirthMoment): string[] {
  const list: string[] = [];
  if (!moment.timeKnown) list.push('birth_time_unknown: computed for local noon; ascendant, midheaven, houses and Moon aspects left out');
  if (chart.moonSigns.length > 1) list.push('moon_sign_uncertain: the Moon changed sign during the birth day');
  if (chart.houses && chart.houses.system !== chart.houses.requested) {
    list.push('houses_porphyry: Placidus is undefined beyond the polar circles; Porphyry cusps used');
  }
  if (moment.assumed) list.push(`birth_time_${moment.assumed}: local time fell in a clock change; the earlier reading was used`);
  return list;
}

/** The stored and returned profile (shape documented in issue 3). */
export function birthChartProfile(answers: BirthAnswers, moment: BirthMoment, chart: Chart, translate: Translate): ProfileData {
  const { place } = answers;
  return {
    kind: 'birth-chart',
    person: { name: answers.name },
    birth: {
      local: moment.local,
      utc: moment.utc.toISOString().replace(/\.\d{3}Z$/u, 'Z'),
      utc_offset: formatOffset(moment.offsetSeconds),
      time_known: moment.timeKnown,
      place: {
        name: place.name,
        country: place.country,
        ...(place.country_name ? { country_name: place.country_name } : {}),
        ...(place.region ? { region: place.region } : {}),
        lat: place.lat,
        lon: place.lon,
        tz: place.tz,
        ...(place.said_name ? { said_name: place.said_name } : {}),
      },
    },
    bodies: chart.bodies.map((b) => ({
      name: b.name,
      ...pointData(b),
      speed: round(b.speed),
      retrograde: b.retrograde,
    })),
    ...(chart.ascendant ? { ascendant: pointData(chart.ascendant) } : {}),
    ...(chart.midheaven ? { midheaven: pointData(chart.midheaven) } : {}),
    ...(chart.houses ? { houses: { system: chart.houses.system, cusps: chart.houses.cusps.map(round) } } : {}),
    aspects: chart.aspects.map((a) => ({ ...a, orb: Math.round(a.orb * 100) / 100 })),
    ...(chart.moonSigns.length > 1 ? { moon_sign_uncertain: { signs: chart.moonSigns.map(signName) } } : {}),
    notes: notes(chart, moment),
    // Said back as the person wrote it: "für München", not "für Munich".
    summary: chartSummary(chart, answers.name, place.said_name ?? place.name, translate),
  };
}
