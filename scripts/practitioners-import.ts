/**
 * npm run practitioners:import -- file.csv [more.csv ...]
 * Imports the calling system's records (columns phone_number, name, email, practice_type, location, is_contacted,
 * contact_status; a .json file may hold an array of such objects) into the configured database: the embedded one
 * in DATA_DIR (not while the service runs on it: use POST /api/v2/practitioners/import then), DATABASE_URL, or a
 * Supabase project (SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY). Upserts by normalised phone; importing the same
 * file twice changes nothing. Prints the report (JSON) and exits 1 when a row was refused or a file unreadable.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/config.js';
import { parseCsv } from '../src/practitioners/csv.js';
import { importPractitioners, type ImportReport } from '../src/practitioners/practitioner-import.js';
import { openStore, storeTargetFrom } from '../src/store/open-store.js';

function recordsOf(file: string): unknown[] {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.json')) {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) throw new Error(`${file}: a JSON import is an array of records`);
    return parsed;
  }
  const csv = parseCsv(text);
  if ('problem' in csv) throw new Error(`${file}: ${csv.problem}`);
  if (!csv.header.includes('phone_number')) throw new Error(`${file}: the first line names the columns, phone_number among them`);
  return csv.records;
}

async function main(files: string[]): Promise<void> {
  if (files.length === 0) throw new Error('name the CSV (or JSON) files to import: npm run practitioners:import -- calls.csv');
  const config = loadConfig();
  const opened = await openStore(storeTargetFrom(config), config.SUPABASE_DIR);
  let refused = 0;
  try {
    for (const file of files) {
      const report: ImportReport = await importPractitioners(opened.practitioners, recordsOf(file));
      refused += report.rejected;
      process.stdout.write(`${JSON.stringify({ file, ...report }, null, 2)}\n`);
      process.stderr.write(
        `${file}: ${report.received} records, ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected} refused\n`,
      );
    }
  } finally {
    await opened.store.close();
    await opened.cleanup.close?.();
  }
  if (refused > 0) process.exitCode = 1;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`practitioners:import failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
