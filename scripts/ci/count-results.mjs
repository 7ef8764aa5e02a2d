/* global console, process */
// Prints the one closing line of a CI run, `N passed, N failed[, N skipped]`, from what each step left in
// the results folder (argument 1):
//   <step>.status          the step's exit status
//   vitest.json            vitest's JSON report: one count per test
//   pgtap.log              pg_prove's output: one count per assertion ("Files=…, Tests=N", "Failed F/N subtests")
// A step with no counts of its own (typecheck, lint) counts as one check. A step that exited non-zero but
// reported no failure (a crash, a file that failed to import, a bad plan) counts one failure more, so a red
// step can never read as green.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: count-results.mjs <results folder>');
  process.exit(2);
}

function vitestCounts(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function pgtapCounts(file) {
  const log = readFileSync(file, 'utf8');
  const total = Number(/Files=\d+, Tests=(\d+)/.exec(log)?.[1] ?? 0);
  const failed = [...log.matchAll(/Failed (\d+)\/\d+ subtests/g)].reduce((sum, match) => sum + Number(match[1]), 0);
  const skipped = [...log.matchAll(/^\s*ok \d+.*# skip/gim)].length;
  return { passed: total - failed - skipped, failed, skipped };
}

const countsOf = { vitest: ['vitest.json', vitestCounts], pgtap: ['pgtap.log', pgtapCounts] };
const totals = { passed: 0, failed: 0, skipped: 0 };
const red = [];
for (const entry of readdirSync(folder).filter((name) => name.endsWith('.status')).sort()) {
  const step = entry.slice(0, -'.status'.length);
  const status = Number(readFileSync(join(folder, entry), 'utf8').trim());
  const [file, read] = countsOf[step] ?? [];
  let counts = { passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0 };
  if (file && existsSync(join(folder, file))) {
    try {
      counts = read(join(folder, file));
    } catch {
      counts = { passed: 0, failed: 0, skipped: 0 };
    }
  }
  if (status !== 0 && counts.failed === 0) counts.failed = 1;
  if (status !== 0) red.push(step);
  for (const key of Object.keys(totals)) totals[key] += counts[key];
}
if (red.length > 0) console.log(`red steps: ${red.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped > 0 ? `, ${totals.skipped} skipped` : ''}`);
