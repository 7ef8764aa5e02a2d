import { readImportRecords, type RejectedRow } from './import-records.js';
import type { ImportOutcome, PractitionerStore } from './practitioner-store.js';

/** What an import did: counts, each accepted row's outcome, each rejected row's reasons. Nothing else is told. */
export interface ImportReport {
  received: number;
  accepted: number;
  rejected: number;
  created: number;
  updated: number;
  unchanged: number;
  rows: Array<{ row: number; phone_number: string; outcome: ImportOutcome }>;
  rejected_rows: RejectedRow[];
}

/** Rows per database call: one transaction each, so a huge file does not hold one long transaction. */
const BATCH = 500;

/** Checks the records, upserts the good ones by phone (a row equal to what is stored changes nothing). */
export async function importPractitioners(store: PractitionerStore, records: readonly unknown[]): Promise<ImportReport> {
  const read = readImportRecords(records);
  const rows: ImportReport['rows'] = [];
  for (let at = 0; at < read.accepted.length; at += BATCH) {
    const batch = read.accepted.slice(at, at + BATCH);
    const outcomes = await store.importRecords(batch.map((a) => a.record));
    batch.forEach((a, i) => rows.push({ row: a.row, phone_number: a.record.phone_number, outcome: outcomes[i] ?? 'unchanged' }));
  }
  const count = (outcome: ImportOutcome) => rows.filter((r) => r.outcome === outcome).length;
  return {
    received: records.length,
    accepted: rows.length,
    rejected: read.rejected.length,
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    rows,
    rejected_rows: read.rejected,
  };
}
