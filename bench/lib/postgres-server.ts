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
 * Autovacuum is off on the bench server. Each phase starts from `truncate ... cascade` and a reseed; the emptied
 * inbox, events and profiles tables still count the rows the phase before and pgbench wrote (a backend's counts
 * reach the statistics up to a minute late, after any reset), so autovacuum analyzed them *empty* at its next round,
 * whenever that fell, and the prepared load query's cached plan then scanned inbox and profiles whole as they filled:
 * some phases' database cost was 3 to 5 times the usual (issue 21: the scale run's first phase every time, web x32
 * in two of five full runs). Never analyzed, a table is planned at least 10 pages large and found by its indexes.
 * The seeded sessions table is analyzed by the seeding itself (seed.ts).
 */
const BENCH_SETTINGS = ['autovacuum=off'];

/**
 * Starts a throwaway server the way the tests do (tests/support/throwaway-postgres.ts), with BENCH_SETTINGS, then
 * creates the `bench` database on it.
 */
export async function startBenchPostgres(extraSettings: string[] = []): Promise<BenchPostgres> {
  const server = await startThrowawayPostgres({ name: 'bench', password: 'bench-only-password', settings: [...BENCH_SETTINGS, ...extraSettings] });
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
