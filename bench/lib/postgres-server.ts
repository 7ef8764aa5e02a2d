import postgres from 'postgres';
import { startThrowawayPostgres } from '../../tests/support/throwaway-postgres.js';

export { freePort } from '../../tests/support/throwaway-postgres.js';

/** A throwaway PostgreSQL server with one database for the benchmark. */
export interface BenchPostgres {
  /** URL of the benchmark database (as the service and pgbench use it). */
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** The postmaster's pid, to sum the CPU of its backends. */
  postmasterPid(): number;
  /** Creates another database on the server and returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts a throwaway server the way the tests do (tests/support/throwaway-postgres.ts), then creates the
 * `bench` database on it.
 */
export async function startBenchPostgres(extraSettings: string[] = []): Promise<BenchPostgres> {
  const server = await startThrowawayPostgres({ name: 'bench', password: 'bench-only-password', settings: extraSettings });
  const { port, password, urlOf } = server;
  const createDatabase = async (name: string): Promise<string> => {
    const admin = postgres(urlOf('postgres'), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    return urlOf(name);
  };
  await createDatabase('bench');
  return {
    url: urlOf('bench'),
    createDatabase,
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    database: 'bench',
    postmasterPid: server.postmasterPid,
    stop: server.stop,
  };
}
