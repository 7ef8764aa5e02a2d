import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '..', '..');
const vitestBin = join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');

/**
 * Runs vitest the way `npm test` does (the project's config, global setup and its throwaway PostgreSQL
 * server included) on one fixture file, and returns its exit status.
 */
function runFixture(name: string): { status: number | null; output: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, CI_FIXTURE: name };
  delete env.TEST_DATABASE_URL; // start the server through global setup, as a plain `npm test` does
  delete env.VITEST;
  delete env.VITEST_POOL_ID;
  delete env.VITEST_WORKER_ID;
  const result = spawnSync(process.execPath, [vitestBin, 'run', '--config', 'tests/ci/fixtures/vitest.fixture.config.ts'], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('the test command exits with the truth', () => {
  it('exits 0 when every test passed', () => {
    const run = runFixture('passes');
    expect(run.output).toContain('1 passed');
    expect(run.status).toBe(0);
  }, 120_000);

  it.each(['fails', 'throws', 'times-out', 'fails-to-import', 'rejects-unhandled'])(
    'exits non-zero when a test %s',
    (fixture) => {
      const run = runFixture(fixture);
      expect(run.status, run.output).not.toBe(0);
      expect(run.status, run.output).not.toBeNull();
    },
    120_000,
  );
});
