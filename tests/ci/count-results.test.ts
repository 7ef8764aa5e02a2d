import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const script = join(import.meta.dirname, '..', '..', 'scripts', 'ci', 'count-results.mjs');
const folders: string[] = [];

/** Lays out a results folder as .ci/run leaves it and returns the closing line(s) the script prints. */
function closingLines(files: Record<string, string>): string[] {
  const folder = mkdtempSync(join(tmpdir(), 'ci-results-'));
  folders.push(folder);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return execFileSync(process.execPath, [script, folder], { encoding: 'utf8' }).trim().split('\n');
}

const vitestReport = (passed: number, failed: number, skipped: number): string =>
  JSON.stringify({ numPassedTests: passed, numFailedTests: failed, numPendingTests: skipped, numTodoTests: 0 });

const pgProvePassed = ['a.test.sql .. ok', 'All tests successful.', 'Files=2, Tests=30,  0 wallclock secs', 'Result: PASS'].join('\n');
const pgProveFailed = [
  'a.test.sql .. ok',
  'b.test.sql .. Failed 2/12 subtests',
  'Test Summary Report',
  'b.test.sql (Wstat: 0 Tests: 12 Failed: 2)',
  'Files=2, Tests=30,  0 wallclock secs',
  'Result: FAIL',
].join('\n');

afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('the closing line of a CI run', () => {
  it('counts every test, assertion and check when all passed', () => {
    const lines = closingLines({
      'typecheck.status': '0',
      'lint.status': '0',
      'vitest.status': '0',
      'vitest.json': vitestReport(800, 0, 0),
      'pgtap.status': '0',
      'pgtap.log': pgProvePassed,
    });
    expect(lines).toEqual(['832 passed, 0 failed']);
  });

  it('adds skipped tests and names the red steps', () => {
    const lines = closingLines({
      'typecheck.status': '0',
      'lint.status': '1',
      'vitest.status': '1',
      'vitest.json': vitestReport(10, 3, 4),
      'pgtap.status': '1',
      'pgtap.log': pgProveFailed,
    });
    expect(lines).toEqual(['red steps: lint, pgtap, vitest', '39 passed, 6 failed, 4 skipped']);
  });

  it('counts a step that failed without reporting a failure (a crash, an import error) as one failure', () => {
    const lines = closingLines({ 'vitest.status': '1', 'vitest.json': vitestReport(12, 0, 0), 'pgtap.status': '2' });
    expect(lines.at(-1)).toBe('12 passed, 2 failed');
  });
});
