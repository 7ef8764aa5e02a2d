import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { readImportRecords } from './import-records.js';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF, a BOM, and skips blank lines', () => {
    const text = '\uFEFFPhone_Number,name,contact_status\r\n+14155550101,"Smith, John","said ""call back""\nlater"\r\n\r\n+14155550102,Ada,\r\n';
    expect(parseCsv(text)).toEqual({
      header: ['phone_number', 'name', 'contact_status'],
      records: [
        { phone_number: '+14155550101', name: 'Smith, John', contact_status: 'said "call back"\nlater' },
        { phone_number: '+14155550102', name: 'Ada', contact_status: '' },
      ],
    });
  });

  it('refuses an unclosed quote and an empty file', () => {
    expect(parseCsv('phone_number\n"+1415')).toEqual({ problem: 'A quoted field is not closed.' });
    expect(parseCsv('\n\n')).toMatchObject({ problem: expect.stringContaining('empty') });
  });
});

describe('readImportRecords', () => {
  it('normalises phones (00 prefix, spaces), emails and yes/no, and refuses a row whole with every problem', () => {
    const read = readImportRecords([
      { phone_number: '0044 20 7946 0958', email: 'ADA@Moss.Coach', is_contacted: 'Yes', name: '  Ada  ' },
      { phone_number: '+1 415', email: 'x', is_contacted: 'maybe', shoe_size: '42' },
      'not a record',
    ]);
    expect(read.accepted).toEqual([
      { row: 1, record: { phone_number: '+442079460958', name: 'Ada', email: 'ada@moss.coach', practice_type: null, location: null, is_contacted: true, contact_status: null } },
    ]);
    expect(read.rejected.map((r) => [r.row, r.problems.map((p) => p.code)])).toEqual([
      [2, ['UNKNOWN_COLUMN', 'PHONE_INVALID', 'EMAIL_INVALID', 'BOOLEAN_INVALID']],
      [3, ['INVALID_ROW']],
    ]);
  });
});
