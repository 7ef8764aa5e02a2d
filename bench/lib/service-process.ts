import { randomBytes } from 'node:crypto';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { freePort } from './postgres-server.js';

/**
 * The service's DATABASE_POOL_SIZE in the benchmark (BENCH_POOL_SIZE, default 1). On two cores shared by the
 * service, the database and the load generator, one connection on which postgres.js pipelines the turns measured
 * fastest (web, 32 connections: 1 about 1,550-1,770 turns/s, 2 about 1,300-1,620, 4 about 1,190, 10 about
 * 1,060-1,160): every further backend competes with the service for the same cores.
 */
export const SERVICE_POOL_SIZE = process.env.BENCH_POOL_SIZE ?? '1';

/** The service running as its own process, as in production; its log goes to a file the bench reads. */
export interface ServiceProcess {
  url: string;
  pid: number;
  /** Byte offset of the end of the log so far (to read one phase's lines). */
  logSize(): number;
  /** The service's log lines written between two offsets, parsed. */
  logLines(from: number, to: number): Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

let built = false;

/** Builds the service once per benchmark run (`npm run build`): it is measured as `npm start` runs it. */
export function buildServiceOnce(): void {
  if (built) return;
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  built = true;
}

/** The HS256 secret the benchmark's service accepts, made once per run (never a fixed one). */
export const benchJwtSecret = randomBytes(32).toString('hex');

/**
 * Starts the built service (dist/src/server.js, what `npm start` runs) against the database, with turn timings
 * on and the background work that would add noise (recovery at boot, cleanup, the job worker) off.
 */
export async function startService(databaseUrl: string, logFile: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
  buildServiceOnce();
  const port = await freePort();
  const logFd = openSync(logFile, 'w');
  // BENCH_SERVICE_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the service under load.
  const nodeArgs = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, 'dist/src/server.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      RECOVER_ON_BOOT: 'false',
      // One connection: the fastest on a machine the service shares with its database (see SERVICE_POOL_SIZE).
      DATABASE_POOL_SIZE: SERVICE_POOL_SIZE,
      CLEANUP_INTERVAL_MINUTES: '0',
      // The load comes from one address at a rate no person sends: the limits would refuse it.
      RATE_LIMITS: 'false',
      // The bench measures turns: the job worker (nudges, sweeps) stays out of the service's CPU figures.
      JOBS: 'false',
      // Production refuses to start a signed-in flow without keys: a secret of this run, for its signed-in turns.
      SUPABASE_JWT_SECRET: benchJwtSecret,
      TURN_TIMINGS: process.env.BENCH_TURN_TIMINGS ?? '1',
      // Twilio in console mode whatever the environment holds: nothing may leave the machine (HOST is loopback).
      TWILIO_ACCOUNT_SID: '',
      TWILIO_AUTH_TOKEN: '',
      TWILIO_CONSOLE: 'true',
      // The practitioner path's number (practitioner-path.ts): an SMS to it runs the practitioner flow.
      TWILIO_FLOW_BY_NUMBER: '+15550002222=practitioner-onboarding',
      ...env,
    },
    stdio: ['ignore', logFd, 'inherit'],
  });
  closeSync(logFd);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode} while starting`);
    const up = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) throw new Error('the service did not answer /health within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (child.pid === undefined) throw new Error('the service has no pid');
  return {
    url,
    pid: child.pid,
    logSize: () => statSync(logFile).size,
    logLines: (from, to) => readLines(logFile, from, to),
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function readLines(file: string, from: number, to: number): Array<Record<string, unknown>> {
  const buffer = Buffer.alloc(Math.max(0, to - from));
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, from);
  } finally {
    closeSync(fd);
  }
  return buffer
    .toString('utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
