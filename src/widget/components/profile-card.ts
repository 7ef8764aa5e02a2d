import { h } from 'preact';
import type { ComponentChild, Ref } from 'preact';
import type { BirthChartProfile, ChartPoint, Profile } from '../api-types.js';
import type { Translate } from '../i18n.js';
import { bodyGlyph, formatDegree } from '../zodiac.js';
import { ChartWheel } from './chart-wheel.js';

const isBirthChart = (profile: Profile): profile is BirthChartProfile =>
  profile.kind === 'birth-chart' && Array.isArray((profile as BirthChartProfile).bodies);

const position = (p: ChartPoint): string => `${formatDegree(p.degree)} ${p.sign}`;

interface ProfileCardProps {
  profile: Profile;
  t: Translate;
  headingRef: Ref<HTMLHeadingElement>;
  showSummary: boolean;
}

/** The finished profile: for a birth chart, its summary, the wheel and a list of positions. */
export function ProfileCard({ profile, t, headingRef, showSummary }: ProfileCardProps): ComponentChild {
  const chart = isBirthChart(profile) ? profile : null;
  const angles: Array<[string, ChartPoint | undefined]> = chart
    ? [[t('ascendant'), chart.ascendant], [t('midheaven'), chart.midheaven]]
    : [];
  return h(
    'section',
    { class: 'profile', 'aria-labelledby': 'ow-profile-title' },
    h('h3', { id: 'ow-profile-title', tabIndex: -1, ref: headingRef }, t('chart_title')),
    showSummary && profile.summary ? h('p', { class: 'summary' }, profile.summary) : null,
    chart ? h(ChartWheel, { profile: chart, label: t('chart_label') }) : null,
    chart ? h('h4', null, t('positions')) : null,
    chart
      ? h(
          'ul',
          { class: 'positions' },
          chart.bodies.map((body) =>
            h(
              'li',
              { key: body.name },
              h('span', { class: 'glyph', 'aria-hidden': 'true' }, bodyGlyph(body.name)),
              `${body.name} ${position(body)}`,
              body.retrograde ? h('span', { 'aria-hidden': 'true', title: t('retrograde') }, ' ℞') : null,
              body.retrograde ? h('span', { class: 'sr-only' }, ` (${t('retrograde')})`) : null,
            ),
          ),
          angles.map(([name, p]) => (p ? h('li', { key: name }, `${name} ${position(p)}`) : null)),
        )
      : null,
  );
}
