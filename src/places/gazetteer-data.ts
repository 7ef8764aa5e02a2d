import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync } from 'node:zlib';

/** One populated place from the GeoNames cities500 dump (see scripts/build-gazetteer.ts). */
export interface PlaceRecord {
  name: string;
  /** Other names for the place (other languages, older names), as written. */
  alternates: string[];
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** GeoNames first-level division code (e.g. "IL", "29"); key into `regions` as "CC.admin1". */
  admin1: string;
  lat: number;
  lon: number;
  population: number;
  /** IANA time zone. */
  tz: string;
}

/** A first-level division (state, province, autonomous community...). */
export interface RegionRecord {
  /** The ISO 3166-2 code after the dash, when known ("IL", "MD"). */
  iso: string;
  en: string;
  /** The Spanish name when it differs from the English one. */
  es?: string;
  /** Names in French, German, Portuguese and Hindi that differ from both. */
  others: string[];
}

export interface Gazetteer {
  places: PlaceRecord[];
  regions: ReadonlyMap<string, RegionRecord>;
  /** ISO alpha-2 -> alpha-3 for every country the region data knows. */
  alpha3: ReadonlyMap<string, string>;
}

const FILE = 'gazetteer.tsv.br';

/** Beside this module under src/, or back in src/ when running the compiled copy from dist/. */
function dataPath(): string {
  const candidates = [new URL(`./data/${FILE}`, import.meta.url), new URL(`../../../src/places/data/${FILE}`, import.meta.url)];
  for (const candidate of candidates) {
    const path = fileURLToPath(candidate);
    if (existsSync(path)) return path;
  }
  throw new Error(`places: ${FILE} not found next to ${fileURLToPath(import.meta.url)}`);
}

/** Parses the generated file's text (exported for tests on small hand-made samples). */
export function parseGazetteer(text: string): Gazetteer {
  let zones: string[] = [];
  const places: PlaceRecord[] = [];
  const regions = new Map<string, RegionRecord>();
  const alpha3 = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const f = line.split('\t');
    if (f[0] === 'Z' && places.length === 0 && zones.length === 0) {
      zones = f.slice(1);
    } else if (f.length === 3 && f[0] === 'C') {
      alpha3.set(f[1] ?? '', f[2] ?? '');
    } else if (f.length === 6 && f[0] === 'R') {
      const [, key = '', iso = '', en = '', es = '', others = ''] = f;
      regions.set(key, { iso, en, ...(es ? { es } : {}), others: others ? others.split('|') : [] });
    } else if (f.length === 8) {
      const [name = '', alternates = '', country = '', admin1 = '', lat = '', lon = '', population = '', zone = ''] = f;
      places.push({
        name,
        alternates: alternates ? alternates.split('|') : [],
        country,
        admin1,
        lat: Number(lat),
        lon: Number(lon),
        population: Number(population),
        tz: zones[Number(zone)] ?? 'UTC',
      });
    }
  }
  return { places, regions, alpha3 };
}

/** Reads and parses the shipped gazetteer (about 0.3 s; callers keep the result). */
export function readGazetteer(): Gazetteer {
  return parseGazetteer(brotliDecompressSync(readFileSync(dataPath())).toString('utf8'));
}
