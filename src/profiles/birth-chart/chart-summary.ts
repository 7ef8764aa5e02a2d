import type { Translate } from '../profile-generator.js';
import type { Chart } from './compute-chart.js';
import type { SignKey } from './zodiac.js';

const sign = (t: Translate, key: SignKey | undefined): string => t(`birth-chart:signs.${key ?? 'aries'}`);
const body = (t: Translate, name: string): string => t(`birth-chart:bodies.${name.toLowerCase().replace(/ /gu, '_')}`);

/**
 * The bot's closing message: the Sun, Moon and Ascendant signs, the tightest aspect, and what was
 * left out or changed (unknown time, Moon sign uncertain, Porphyry houses near the poles).
 * Every word comes from the `birth-chart` namespace of the locale files.
 */
export function chartSummary(chart: Chart, name: string, place: string, t: Translate): string {
  const find = (n: string) => chart.bodies.find((b) => b.name === n);
  const sun = sign(t, find('Sun')?.sign);
  const moon = sign(t, find('Moon')?.sign);
  const parts: string[] = [];
  if (chart.ascendant) {
    parts.push(t('birth-chart:summary.known_time', { name, place, sun, moon, ascendant: sign(t, chart.ascendant.sign) }));
  } else if (chart.moonSigns.length > 1) {
    const [start, end] = chart.moonSigns;
    parts.push(t('birth-chart:summary.moon_uncertain', { name, place, sun, moon_start: sign(t, start), moon_end: sign(t, end) }));
  } else {
    parts.push(t('birth-chart:summary.unknown_time', { name, place, sun, moon }));
  }
  const closest = [...chart.aspects].sort((a, b) => a.orb - b.orb)[0];
  if (closest) {
    parts.push(
      t('birth-chart:summary.aspect', {
        a: body(t, closest.a),
        b: body(t, closest.b),
        type: t(`birth-chart:aspects.${closest.type}`),
        orb: Math.round(closest.orb * 10) / 10,
      }),
    );
  }
  if (chart.houses && chart.houses.system !== chart.houses.requested) parts.push(t('birth-chart:summary.polar_houses'));
  return parts.join(' ');
}
