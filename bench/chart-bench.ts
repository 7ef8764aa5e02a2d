/**
 * Speed of the birth chart and of place lookup, plus the chart's worst error against the Swiss
 * Ephemeris reference. Prints figures; asserts nothing.
 *
 *   npx tsx bench/chart-bench.ts [iterations]
 */
import { birthChartGenerator } from '../src/profiles/birth-chart/birth-chart-generator.js';
import { computeChart, type ChartInput } from '../src/profiles/birth-chart/compute-chart.js';
import reference from '../src/profiles/birth-chart/swiss-ephemeris-reference.json' with { type: 'json' };
import { findPlaces } from '../src/places/find-places.js';
import { placeIndex } from '../src/places/place-index.js';

const iterations = Number(process.argv[2] ?? 2000);

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return `mean ${mean.toFixed(3)} ms, p50 ${at(0.5).toFixed(3)} ms, p99 ${at(0.99).toFixed(3)} ms, max ${at(1).toFixed(3)} ms (n=${sorted.length})`;
}

function time<T>(run: () => T): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

// Deterministic pseudo-random births, 1900-2100, latitudes within ±65°.
let seed = 42;
const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const births = (timeKnown: boolean): ChartInput[] =>
  Array.from({ length: iterations }, () => ({
    utc: new Date(Date.UTC(1900, 0, 1) + random() * 200 * 365.25 * 86_400_000),
    latitude: random() * 130 - 65,
    longitude: random() * 360 - 180,
    timeKnown,
  }));

console.log(`node ${process.version}, ${iterations} iterations\n`);

const load = time(() => placeIndex());
console.log(`place index, first use (read + parse + index): ${load.toFixed(0)} ms, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
const queries = [
  'Madrid', 'madrid, spain', 'Springfield', 'Springfield, IL', 'Sao Paulo', 'São Paulo', 'Madird', 'Barcelnoa, Spain',
  'Nueva York', 'München', 'Xyzzyville', 'I was born in Sevilla', 'Buenos Aries', 'London, Ontario', 'मुंबई', 'qwertyuiopasdfgh',
];
for (const q of queries) findPlaces(q); // warm-up
const lookups: number[] = [];
for (let i = 0; i < iterations; i += 1) lookups.push(time(() => findPlaces(queries[i % queries.length] ?? '')));
console.log(`place lookup (mix of ${queries.length} queries incl. typos and unknowns): ${stats(lookups)}`);
const worstQuery = queries.map((q) => [q, Math.max(...Array.from({ length: 50 }, () => time(() => findPlaces(q))))] as const).sort((a, b) => b[1] - a[1])[0];
console.log(`  slowest query: "${worstQuery?.[0]}" max ${worstQuery?.[1].toFixed(3)} ms over 50 runs\n`);

for (const input of births(true).slice(0, 20)) computeChart(input); // warm-up
console.log(`computeChart, known time (10 bodies + node, speeds, ASC/MC, Placidus, aspects): ${stats(births(true).map((b) => time(() => computeChart(b))))}`);
console.log(`computeChart, unknown time (noon + Moon at both ends of the day): ${stats(births(false).map((b) => time(() => computeChart({ ...b, day: { start: b.utc, end: new Date(b.utc.getTime() + 86_399_000) } }))))}`);

const answers = { name: 'Maria', birth_date: '1990-03-05', birth_time: '07:30', birth_place: { name: 'Madrid', country: 'ES', lat: 40.4165, lon: -3.70256, tz: 'Europe/Madrid' } };
const generateTimes: number[] = [];
for (let i = 0; i < Math.min(iterations, 500); i += 1) {
  const start = performance.now();
  await birthChartGenerator.generate({ sessionId: 's', flowId: 'instant-birth-chart', language: 'en', answers, translate: (key) => key });
  generateTimes.push(performance.now() - start);
}
console.log(`birthChartGenerator.generate (review-free path: local time -> UTC, chart, profile, summary): ${stats(generateTimes)}\n`);

const worst = new Map<string, { error: number; label: string }>();
const note = (name: string, error: number, label: string): void => {
  if (error > (worst.get(name)?.error ?? -1)) worst.set(name, { error, label });
};
const separation = (a: number, b: number): number => Math.abs((((a - b) % 360) + 540) % 360 - 180);
for (const c of reference.cases) {
  const chart = computeChart({ utc: new Date(c.utc), latitude: c.lat, longitude: c.lon, timeKnown: true });
  for (const body of chart.bodies) note(body.name, separation(body.longitude, (c.bodies as Record<string, number>)[body.name] ?? NaN), c.label);
  note('Ascendant', separation(chart.ascendant?.longitude ?? NaN, c.ascendant), c.label);
  note('Midheaven', separation(chart.midheaven?.longitude ?? NaN, c.midheaven), c.label);
  chart.houses?.cusps.forEach((cusp, i) => note('House cusps', separation(cusp, c.placidus[i] ?? NaN), c.label));
}
console.log(`worst error against the Swiss Ephemeris reference (${reference.cases.length} births, 1900-2100):`);
for (const [name, { error, label }] of worst) console.log(`  ${name.padEnd(12)} ${error.toFixed(5)}° (${(error * 3600).toFixed(1)}")  ${label}`);
