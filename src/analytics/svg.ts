/**
 * Charts as SVG strings, computed here (no DOM, no chart library): a pure function from numbers to markup.
 * Only numbers go into attributes, except colours, which come from the fixed palette below; every text goes
 * through escapeXml, which is safe in text and in quoted attributes alike.
 */

/** Escapes text for XML/HTML text and double- or single-quoted attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** A finite number rounded for an attribute; anything else is 0. */
const n = (value: number): string => (Number.isFinite(value) ? String(Math.round(value * 100) / 100) : '0');

export const PALETTE = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c'] as const;

export interface BarSeries {
  name: string;
  values: number[];
}

export interface BarChartInput {
  /** The chart's accessible name (<title>) and its description (<desc>). */
  title: string;
  description: string;
  /** One label per group of bars (e.g. a day). */
  categories: string[];
  /** Up to five series, drawn side by side in each category. */
  series: BarSeries[];
  width?: number;
  height?: number;
}

function frame(width: number, height: number, title: string, description: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width)}" height="${n(height)}" aria-labelledby="t d">`,
    `<title id="t">${escapeXml(title)}</title>`,
    `<desc id="d">${escapeXml(description)}</desc>`,
    ...body,
    '</svg>',
  ].join('');
}

/** Grouped bars: a band per category, one bar per series, a linear scale from 0 to the largest value. */
export function barChart(input: BarChartInput): string {
  const width = input.width ?? 720;
  const height = input.height ?? 260;
  const margin = { top: 16, right: 16, bottom: 40, left: 44 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const series = input.series.slice(0, PALETTE.length);
  const max = Math.max(1, ...series.flatMap((s) => s.values.filter(Number.isFinite)));
  const band = plotWidth / Math.max(1, input.categories.length);
  const barWidth = (band * 0.8) / Math.max(1, series.length);
  const body: string[] = [];
  // Axis: 0 and the maximum, with a baseline.
  const baseline = margin.top + plotHeight;
  body.push(`<line x1="${n(margin.left)}" y1="${n(baseline)}" x2="${n(width - margin.right)}" y2="${n(baseline)}" stroke="#999"/>`);
  body.push(`<text x="${n(margin.left - 6)}" y="${n(baseline)}" text-anchor="end" font-size="11">0</text>`);
  body.push(`<text x="${n(margin.left - 6)}" y="${n(margin.top + 10)}" text-anchor="end" font-size="11">${escapeXml(String(max))}</text>`);
  input.categories.forEach((category, i) => {
    const x0 = margin.left + i * band + band * 0.1;
    series.forEach((s, j) => {
      const value = Math.max(0, s.values[i] ?? 0);
      const h = (value / max) * plotHeight;
      body.push(
        `<rect class="bar" x="${n(x0 + j * barWidth)}" y="${n(baseline - h)}" width="${n(Math.max(1, barWidth - 1))}" height="${n(h)}" fill="${PALETTE[j]}">` +
          `<title>${escapeXml(`${category}, ${s.name}: ${value}`)}</title></rect>`,
      );
    });
    // Every label when there are few categories, else about eight of them.
    const every = Math.max(1, Math.ceil(input.categories.length / 8));
    if (i % every === 0) {
      body.push(`<text x="${n(x0 + band * 0.4)}" y="${n(baseline + 16)}" text-anchor="middle" font-size="11">${escapeXml(category)}</text>`);
    }
  });
  series.forEach((s, j) => {
    const x = margin.left + j * 140;
    body.push(`<rect x="${n(x)}" y="${n(height - 14)}" width="10" height="10" fill="${PALETTE[j]}"/>`);
    body.push(`<text x="${n(x + 14)}" y="${n(height - 5)}" font-size="11">${escapeXml(s.name)}</text>`);
  });
  if (input.categories.length === 0) {
    body.push(`<text x="${n(width / 2)}" y="${n(height / 2)}" text-anchor="middle" font-size="13">No data yet</text>`);
  }
  return frame(width, height, input.title, input.description, body);
}

export interface FunnelStep {
  label: string;
  /** Sessions that reached the step. */
  value: number;
}

/** A funnel: one horizontal bar per step, its width relative to the first step's, with the share written on it. */
export function funnel(input: { title: string; description: string; steps: FunnelStep[]; width?: number }): string {
  const width = input.width ?? 720;
  const row = 28;
  const labelWidth = 180;
  const height = Math.max(1, input.steps.length) * row + 16;
  const first = Math.max(1, input.steps[0]?.value ?? 0);
  const body: string[] = [];
  input.steps.forEach((step, i) => {
    const share = Math.max(0, Math.min(1, step.value / first));
    const y = 8 + i * row;
    const barWidth = Math.max(2, share * (width - labelWidth - 16));
    body.push(`<text x="${n(labelWidth - 8)}" y="${n(y + 17)}" text-anchor="end" font-size="12">${escapeXml(step.label)}</text>`);
    body.push(
      `<rect class="step" x="${n(labelWidth)}" y="${n(y)}" width="${n(barWidth)}" height="${n(row - 6)}" fill="${PALETTE[0]}">` +
        `<title>${escapeXml(`${step.label}: ${step.value} sessions (${Math.round(share * 100)}%)`)}</title></rect>`,
    );
    body.push(`<text x="${n(labelWidth + 6)}" y="${n(y + 16)}" font-size="11" fill="#fff">${escapeXml(`${step.value} (${Math.round(share * 100)}%)`)}</text>`);
  });
  if (input.steps.length === 0) body.push(`<text x="${n(width / 2)}" y="24" text-anchor="middle" font-size="13">No data yet</text>`);
  return frame(width, height, input.title, input.description, body);
}
