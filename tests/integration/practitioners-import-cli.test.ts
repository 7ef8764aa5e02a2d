import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/test-database.js';

const run = promisify(execFile);

/** `npm run practitioners:import -- file.csv`, as an operator runs it, against a PostgreSQL database. */
describe('practitioners:import', () => {
  let folder: string;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'practitioners-cli-'));
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  const importFile = async (file: string) => {
    try {
      const { stdout, stderr } = await run('node_modules/.bin/tsx', ['scripts/practitioners-import.ts', file], {
        env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'silent' },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it('imports a CSV file, reports the refused rows, and changes nothing the second time', async () => {
    const file = join(folder, 'calls.csv');
    writeFileSync(file, [
      'phone_number,name,email,practice_type,location,is_contacted,contact_status',
      '+1 415 555 0190,John Smith,john@yogastudio.com,yoga,"Austin, TX",true,interested',
      '+44 20 7946 0958,Ada Moss,,coaching,,false,',
      '555-0101,Nobody,,,,,',
    ].join('\n'));
    const first = await importFile(file);
    expect(first.code).toBe(1);
    expect(JSON.parse(first.stdout)).toMatchObject({ received: 3, accepted: 2, created: 2, rejected: 1, rejected_rows: [{ row: 3 }] });
    expect(first.stderr).toContain('3 records, 2 created, 0 updated, 0 unchanged, 1 refused');
    const second = await importFile(file);
    expect(JSON.parse(second.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const good = join(folder, 'good.csv');
    writeFileSync(good, 'phone_number,name\n+14155550191,Lee Park\n');
    expect((await importFile(good)).code).toBe(0);
  }, 60_000);
});
