import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A PostgreSQL server started for one test run or benchmark, removed on stop. */
export interface ThrowawayPostgres {
  port: number;
  password: string;
  /** URL of a database on the server, as user postgres. */
  urlOf(database: string): string;
  /** The postmaster's pid (the benchmark sums the CPU of its backends). */
  postmasterPid(): number;
  /** Stops the server and keeps its data (an outage); `resume` starts it again on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/** Where the PostgreSQL server binaries are: PG_BIN, else Debian's PostgreSQL 15. */
export function postgresBinDir(): string {
  return process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
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

/** uid and gid of the `postgres` system user, which runs the server when we are root (Postgres refuses root). */
function postgresSystemUser(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) throw new Error('throwaway-postgres: running as root needs a `postgres` system user (Debian\'s postgresql package makes one)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * Starts a real PostgreSQL server from the machine's server binaries (Debian's postgresql-15, the same server
 * the pgTAP tests run on; PG_BIN points elsewhere) in a temporary folder, listening on loopback only. As root
 * it runs as the `postgres` system user. fsync is off: the data is thrown away. Nothing here registers exit
 * hooks: a test runner's exit code stays its own. `settings` are extra server settings, `name=value`.
 */
export async function startThrowawayPostgres(options: { name: string; password: string; settings?: string[] }): Promise<ThrowawayPostgres> {
  const bin = postgresBinDir();
  for (const tool of ['initdb', 'pg_ctl']) {
    if (!existsSync(join(bin, tool))) {
      throw new Error(
        `throwaway-postgres: ${join(bin, tool)} not found. Install the server (apt-get install postgresql-15), ` +
          'point PG_BIN at its bin folder, or give TEST_DATABASE_URL.',
      );
    }
  }
  const dir = mkdtempSync(join(tmpdir(), `onboarding-${options.name}-pg-`));
  const dataDir = join(dir, 'data');
  const passwordFile = join(dir, 'password');
  writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o600 });
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresSystemUser() : undefined;
  const runOptions = owner ? { uid: owner.uid, gid: owner.gid } : {};
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(passwordFile, owner.uid, owner.gid);
  }
  chmodSync(dir, 0o755);
  const port = await freePort();
  let serverFlags = '';
  const startServer = () => run(join(bin, 'pg_ctl'), ['-D', dataDir, '-l', join(dir, 'server.log'), '-w', '-o', serverFlags, 'start'], runOptions);
  try {
    await run(
      join(bin, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${passwordFile}`, '--locale=C', '--lc-messages=C', '--encoding=UTF8'],
      runOptions,
    );
    serverFlags = [
      `-c listen_addresses=127.0.0.1`,
      `-c port=${port}`,
      `-c unix_socket_directories='${dir}'`,
      '-c fsync=off',
      '-c max_connections=200',
      ...(options.settings ?? []).map((setting) => `-c ${setting}`),
    ].join(' ');
    await startServer();
  } catch (error) {
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`throwaway-postgres: the server did not start: ${(error as Error).message}\n${log}`);
  }
  return {
    port,
    password: options.password,
    urlOf: (database) => `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${database}`,
    postmasterPid: () => Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]),
    pause: async () => {
      await run(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop'], runOptions);
    },
    resume: async () => {
      await startServer();
    },
    stop: async () => {
      await run(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop'], runOptions).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
