import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchPostgres } from './postgres-server.js';
import { TreeCpu } from './proc-stats.js';

const run = promisify(execFile);

/** pgbench from PGBENCH, the PATH, or a Debian PostgreSQL install (newest first); null when there is none. */
export function findPgbench(): string | null {
  const candidates = [process.env.PGBENCH ?? ''];
  for (const dir of (process.env.PATH ?? '').split(':')) candidates.push(join(dir, 'pgbench'));
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    for (const version of versions) candidates.push(join(debian, version, 'bin', 'pgbench'));
  }
  return candidates.find((path) => path !== '' && existsSync(path)) ?? null;
}

export interface PgbenchResult {
  tps: number;
  transactions: number;
  failed: number;
  /**
   * Per-transaction latencies in ms (from pgbench's transaction log), sorted. At a fixed rate (-R) each is counted
   * from the transaction's actual start, its schedule lag taken off, as autocannon counts a request from its send.
   */
  latencies: Float64Array;
  /** CPU seconds the database server used meanwhile (postmaster and backends). */
  dbCpuSeconds: number;
}

/**
 * Runs a custom script with `clients` connections for `seconds`, prepared statements (the service prepares
 * too), and as many threads as cores; the latency percentiles come from the per-transaction log.
 */
export async function runPgbench(
  binary: string,
  db: Pick<BenchPostgres, 'host' | 'port' | 'user' | 'password' | 'postmasterPid'>,
  script: string,
  options: { database: string; clients: number; seconds: number; threads: number; variables: Record<string, string>; rate?: number },
): Promise<PgbenchResult> {
  const logDir = mkdtempSync(join(tmpdir(), 'onboarding-bench-pgbench-'));
  try {
    const args = [
      '-n', '-M', 'prepared', '-c', String(options.clients), '-j', String(Math.min(options.threads, options.clients)),
      '-T', String(options.seconds), ...(options.rate ? ['-R', String(options.rate)] : []), '-f', script, '-l', '--log-prefix', join(logDir, 'tx'),
      '-h', db.host, '-p', String(db.port), '-U', db.user,
      ...Object.entries(options.variables).flatMap(([name, value]) => ['-D', `${name}=${value}`]),
      options.database,
    ];
    const dbCpu = new TreeCpu(db.postmasterPid());
    const sampler = setInterval(() => dbCpu.sample(), 100);
    const { stdout } = await run(binary, args, { env: { ...process.env, PGPASSWORD: db.password }, maxBuffer: 16 * 1024 * 1024 }).finally(() =>
      clearInterval(sampler),
    );
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    const processed = /number of transactions actually processed: (\d+)/.exec(stdout);
    const failed = /number of failed transactions: (\d+)/.exec(stdout);
    if (!tps || !processed) throw new Error(`could not read pgbench output:\n${stdout}`);
    const latencies: number[] = [];
    for (const file of readdirSync(logDir)) {
      for (const line of readFileSync(join(logDir, file), 'utf8').split('\n')) {
        // client transaction time(µs) script epoch epoch_µs [schedule lag(µs), with -R]
        const fields = line.split(' ');
        const micros = fields[2];
        if (micros) latencies.push((Number(micros) - Number(fields[6] ?? 0)) / 1000);
      }
    }
    return {
      tps: Number(tps[1]),
      transactions: Number(processed[1]),
      failed: failed ? Number(failed[1]) : 0,
      latencies: Float64Array.from(latencies).sort(),
      dbCpuSeconds: dbCpu.total(),
    };
  } finally {
    rmSync(logDir, { recursive: true, force: true });
  }
}
