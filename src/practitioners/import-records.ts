import type { PractitionerImportRow } from './practitioner-store.js';
import { normalisePhone } from './practitioner-phone.js';

/** The calling system's columns, as the import takes them. */
export const importColumns = ['phone_number', 'name', 'email', 'practice_type', 'location', 'is_contacted', 'contact_status'] as const;

/** Why one row of an import was not taken. */
export interface RowProblem {
  field: string;
  code: string;
  message: string;
}

/** A row of the import, by its position (1 = the first record, after any CSV header). */
export interface RejectedRow {
  row: number;
  problems: RowProblem[];
}

export interface ReadRecords {
  accepted: Array<{ row: number; record: PractitionerImportRow }>;
  rejected: RejectedRow[];
}

const limits: Record<string, number> = { name: 200, email: 320, practice_type: 100, location: 200, contact_status: 100 };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TRUE = new Set(['true', 'yes', 'y', '1', 't']);
const FALSE = new Set(['false', 'no', 'n', '0', 'f']);

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '').replace(/\p{Cc}/gu, ' ').trim();
  return s === '' ? null : s;
}

/**
 * Checks and normalises the calling system's records: the phone to E.164 (the key; a second row with the same
 * phone is refused, naming the first), the email's shape, is_contacted as a yes/no, lengths. A row is taken
 * whole or refused whole, with every problem it has.
 */
export function readImportRecords(records: readonly unknown[]): ReadRecords {
  const result: ReadRecords = { accepted: [], rejected: [] };
  const seen = new Map<string, number>();
  records.forEach((raw, index) => {
    const row = index + 1;
    const problems: RowProblem[] = [];
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      result.rejected.push({ row, problems: [{ field: 'row', code: 'INVALID_ROW', message: 'A record is an object of the calling system\'s columns.' }] });
      return;
    }
    const fields = raw as Record<string, unknown>;
    const unknown = Object.keys(fields).filter((key) => !(importColumns as readonly string[]).includes(key));
    for (const key of unknown) problems.push({ field: key.slice(0, 100), code: 'UNKNOWN_COLUMN', message: `Unknown column; the columns are ${importColumns.join(', ')}.` });
    const phoneText = text(fields.phone_number);
    let phone: string | null = null;
    if (!phoneText) {
      problems.push({ field: 'phone_number', code: 'PHONE_MISSING', message: 'Every record needs its phone number.' });
    } else {
      const normalised = normalisePhone(phoneText);
      if ('problem' in normalised) {
        problems.push({ field: 'phone_number', code: 'PHONE_INVALID', message: 'Not a valid phone number with its country code (e.g. +14155550101).' });
      } else {
        phone = normalised.phone;
        const first = seen.get(phone);
        if (first !== undefined) problems.push({ field: 'phone_number', code: 'DUPLICATE_PHONE', message: `The same phone number as row ${first}.` });
      }
    }
    const values: Record<string, string | null> = {};
    for (const [field, max] of Object.entries(limits)) {
      const value = text(fields[field]);
      if (value !== null && value.length > max) problems.push({ field, code: 'TOO_LONG', message: `At most ${max} characters.` });
      values[field] = value;
    }
    const email = values.email ?? null;
    if (email !== null && !EMAIL.test(email)) problems.push({ field: 'email', code: 'EMAIL_INVALID', message: 'Not an email address.' });
    const contacted = text(fields.is_contacted)?.toLowerCase() ?? null;
    if (contacted !== null && !TRUE.has(contacted) && !FALSE.has(contacted)) {
      problems.push({ field: 'is_contacted', code: 'BOOLEAN_INVALID', message: 'Use true or false.' });
    }
    if (problems.length > 0 || phone === null) {
      result.rejected.push({ row, problems });
      return;
    }
    seen.set(phone, row);
    result.accepted.push({
      row,
      record: {
        phone_number: phone,
        name: values.name ?? null,
        email: email?.toLowerCase() ?? null,
        practice_type: values.practice_type ?? null,
        location: values.location ?? null,
        is_contacted: contacted === null ? null : TRUE.has(contacted),
        contact_status: values.contact_status ?? null,
      },
    });
  });
  return result;
}
