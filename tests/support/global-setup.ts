import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from './throwaway-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A Postgres server for this test run (admin URL); each test file makes its own database on it. */
    postgresAdminUrl: string;
  }
}

/** Starts one real PostgreSQL server for the whole run, or uses TEST_DATABASE_URL when given. */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresAdminUrl', given);
    return undefined;
  }
  const server = await startThrowawayPostgres({ name: 'test', password: 'test-only-password' });
  project.provide('postgresAdminUrl', server.urlOf('postgres'));
  return () => server.stop();
}
