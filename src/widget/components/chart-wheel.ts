import { h } from 'preact';
import type { ComponentChild } from 'preact';
import type { BirthChartProfile } from '../api-types.js';
import { bodyGlyph, signGlyph } from '../zodiac.js';

const OUTER = 112;
const SIGN_INNER = 88;
const DOT = 84;
const LEAD = 76;
const LABEL = 66;
const MIN_GAP_DEG = 11;

/** Where a longitude lands: the ascendant (or 0° Aries) at nine o'clock, the zodiac counter-clockwise. */
function point(longitude: number, start: number, radius: number): { x: number; y: number } {
  const angle = Math.PI + ((longitude - start) * Math.PI) / 180;
  return { x: round(radius * Math.cos(angle)), y: round(-radius * Math.sin(angle)) };
}

const round = (n: number): number => Math.round(n * 10) / 10;

/**
 * Spreads label angles so neighbours are at least MIN_GAP_DEG apart (a few relaxation passes, which keep a
 * cluster centred on its bodies); each label then gets a short leader line to its body's dot.
 */
function spreadLabels(longitudes: number[]): number[] {
  const order = longitudes.map((lon, index) => ({ at: ((lon % 360) + 360) % 360, index })).sort((a, b) => a.at - b.at);
  const n = order.length;
  if (n < 2 || n * MIN_GAP_DEG > 360) return longitudes;
  for (let pass = 0; pass < 60; pass += 1) {
    let moved = false;
    for (let i = 0; i < n; i += 1) {
      const a = order[i];
      const b = order[(i + 1) % n];
      if (!a || !b) continue;
      const gap = (b.at - a.at + 360) % 360;
      if (gap >= MIN_GAP_DEG - 0.01) continue;
      const push = (MIN_GAP_DEG - gap) / 2;
      a.at -= push;
      b.at += push;
      moved = true;
    }
    if (!moved) break;
  }
  const angles = new Array<number>(n);
  for (const item of order) angles[item.index] = item.at;
  return angles;
}

/** A simple chart wheel: the twelve signs, the angles when known, and a glyph per body. */
export function ChartWheel({ profile, label }: { profile: BirthChartProfile; label: string }): ComponentChild {
  const start = profile.ascendant?.longitude ?? 0;
  const bodies = profile.bodies.filter((b) => Number.isFinite(b.longitude));
  const labels = spreadLabels(bodies.map((b) => b.longitude));
  const signs = Array.from({ length: 12 }, (_, i) => i);
  const axis = (lon: number, cls: string): ComponentChild => {
    const a = point(lon, start, OUTER);
    const b = point(lon + 180, start, OUTER);
    return h('line', { class: cls, x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: '#1e3a8a', 'stroke-width': 1.5, 'stroke-dasharray': '4 3' });
  };
  return h(
    'svg',
    { class: 'wheel', viewBox: '-120 -120 240 240', role: 'img', 'aria-label': label },
    h('circle', { r: OUTER, fill: '#eef2ff', stroke: '#475569', 'stroke-width': 1.5 }),
    h('circle', { r: SIGN_INNER, fill: '#ffffff', stroke: '#475569', 'stroke-width': 1 }),
    signs.map((i) => {
      const a = point(i * 30, start, SIGN_INNER);
      const b = point(i * 30, start, OUTER);
      const g = point(i * 30 + 15, start, (OUTER + SIGN_INNER) / 2);
      return h(
        'g',
        { key: `s${i}` },
        h('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: '#475569', 'stroke-width': 1 }),
        h('text', { x: g.x, y: g.y, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': 14, fill: '#1e3a8a' }, signGlyph(i * 30 + 15)),
      );
    }),
    profile.ascendant ? axis(profile.ascendant.longitude, 'asc') : null,
    profile.midheaven ? axis(profile.midheaven.longitude, 'mc') : null,
    bodies.map((body, i) => {
      const dot = point(body.longitude, start, DOT);
      const labelAt = labels[i] ?? body.longitude;
      const lead = point(labelAt, start, LEAD);
      const text = point(labelAt, start, LABEL);
      return h(
        'g',
        { key: `b${i}`, class: 'body' },
        h('line', { x1: dot.x, y1: dot.y, x2: lead.x, y2: lead.y, stroke: '#64748b', 'stroke-width': 0.75 }),
        h('circle', { cx: dot.x, cy: dot.y, r: 2.5, fill: '#111827' }),
        h('text', { x: text.x, y: text.y, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': 13, fill: '#111827' }, bodyGlyph(body.name)),
      );
    }),
  );
}
