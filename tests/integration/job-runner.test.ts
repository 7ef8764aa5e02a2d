import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobRunner, type JobRunner } from '../../src/jobs/job-runner.js';
import { openPgliteClient } from '../../src/store/pglite-client.js';
import { createTestDatabase } from '../support/test-database.js';
import { startTestServer } from '../support/test-server.js';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

/**
 * The job queue (pg-boss) the reminders run on: it starts on the embedded database with no other service, and on
 * Postgres two processes sharing one queue run each job once.
 */
describe('job runner', () => {
  let database: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('runs on the embedded database', async () => {
    const client = await openPgliteClient(null);
    let runs = 0;
    const runner = await startJobRunner({
      database: { kind: 'pglite', db: client.pglite },
      jobs: [{ name: 'embedded-job', cron: '0 0 1 1 *', run: async () => void (runs += 1) }],
      logger: quiet,
      pollSeconds: 0.5,
    });
    try {
      expect(runner.running()).toBe(true);
      await runner.runSoon('embedded-job');
      await until(() => runs === 1, 'the embedded job');
    } finally {
      await runner.stop();
      await client.close();
    }
    expect(runner.running()).toBe(false);
  });

  it('gives each job to one of two processes on one database: twenty jobs, twenty runs', async () => {
    const ran: string[] = [];
    const runners: JobRunner[] = [];
    for (const who of ['a', 'b']) {
      runners.push(
        await startJobRunner({
          database: { kind: 'postgres', url: database.url },
          jobs: [
            { name: 'shared-job', cron: '0 0 1 1 *', run: async () => void ran.push(who) },
          ],
          logger: quiet,
          pollSeconds: 0.5,
        }),
      );
    }
    try {
      for (let i = 0; i < 20; i++) await runners[i % 2]!.runSoon('shared-job');
      await until(() => ran.length >= 20, 'twenty runs');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(ran).toHaveLength(20);
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
    }
  });

  it('is part of readiness: a service whose job worker stopped answers /ready with 503 and says why', async () => {
    const server = await startTestServer({ env: { JOBS: 'true' } });
    try {
      const ready = await fetch(`${server.url}/ready`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { checks: Record<string, string> }).checks.jobs).toBe('ok');
      await server.service.jobs!.stop();
      const stopped = await fetch(`${server.url}/ready`);
      expect(stopped.status).toBe(503);
      expect(JSON.stringify(await stopped.json())).toMatch(/job worker is not running/);
    } finally {
      await server.close();
    }
  });
});
