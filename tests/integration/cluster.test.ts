import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/test-database.js';
import { freePort } from '../support/throwaway-postgres.js';

/** The service as production runs it (src/server.ts under tsx), its stdout parsed line by line. */
interface Running {
  child: ChildProcess;
  lines: Array<Record<string, unknown>>;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `ownGroup`: the server leads a process group of its own, as a shell's foreground job does (its workers join it). */
function startServer(env: Record<string, string>, ownGroup = false): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    detached: ownGroup,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      RATE_LIMITS: 'false',
      RECOVER_ON_BOOT: 'false',
      CLEANUP_INTERVAL_MINUTES: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, lines, stderr: () => stderr, exited };
}

async function waitFor<T>(what: string, find: () => T | undefined, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One request on a connection of its own (no keep-alive), so the primary hands each to the next worker. */
function call(port: number, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; requestId: string }> {
  const requestId = `test-${randomUUID()}`;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1', port, method, path, agent: false,
        headers: { 'x-request-id': requestId, ...(payload ? { 'content-type': 'application/json' } : {}), ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {}, requestId }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const BASE = '/api/v2/instant-onboarding/session';

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('several service processes on one port (SERVICE_PROCESSES=2)', () => {
  let database: { url: string; drop(): Promise<void> };
  let dataDir: string;
  let port: number;
  let server: Running;
  const listening = () => server.lines.filter((line) => typeof line.worker === 'number' && String(line.msg).endsWith(' listening')).map((line) => line.worker as number);
  /** The pid in the request log line of a request, i.e. the worker that answered it. */
  const servedBy = (requestId: string) => waitFor(`the log line of ${requestId}`, () => server.lines.find((line) => line.msg === 'request' && line.reqId === requestId)?.pid as number | undefined, 5_000);

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'cluster-'));
    port = await freePort();
    // Jobs on (the default): every worker runs pg-boss's worker on the same database, which must be fine.
    server = startServer({ DATABASE_URL: database.url, SERVICE_PROCESSES: '2', PORT: String(port), DATA_DIR: dataDir });
    await waitFor('both service processes', () => server.lines.find((line) => line.msg === 'all 2 service processes listening'), 120_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${server.stderr()}`);
    });
  }, 150_000);
  afterAll(async () => {
    if (server?.child.exitCode === null) {
      server.child.kill('SIGKILL');
      for (const pid of listening()) if (running(pid)) process.kill(pid, 'SIGKILL');
    }
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves through one port from two worker processes, replaces one killed with SIGKILL, and stops with exit 0 on SIGTERM', async () => {
    const primary = server.child.pid as number;
    const workers = listening();
    expect(new Set(workers).size).toBe(2);
    expect(workers).not.toContain(primary);
    // Every worker is ready: database, job worker, migrations (applied once, by whichever worker came first).
    for (let n = 0; n < 4; n++) expect((await call(port, 'GET', '/ready')).status).toBe(200);

    // A conversation through the port: its requests land on both workers (a new connection each).
    const started = await call(port, 'POST', `${BASE}/start`, { channel: 'web', language: 'en' });
    expect(started.status).toBe(201);
    const id = started.body.session_id as string;
    const key = { 'x-session-key': started.body.session_key as string };
    const served = [await servedBy(started.requestId)];
    let last = started;
    for (const [n, text] of ['Maria', '5 March 1990', '07:30', 'Madrid'].entries()) {
      last = await call(port, 'POST', `${BASE}/${id}/reply`, { text, message_id: `m${n}` }, key);
      expect(last.status).toBe(200);
      served.push(await servedBy(last.requestId));
    }
    expect(last.body.status).toBe('completed');
    expect(new Set(served)).toEqual(new Set(workers));
    // A turn on a worker that served the session before, right after the other one did, found its remembered row
    // stale: one conflict, then the database's row. Each turn's line says how many it met.
    const expected = served.map((pid, i) => (i > 0 && served.slice(0, i).includes(pid) && served[i - 1] !== pid ? 1 : 0)).slice(1);
    const conflicts = server.lines.filter((line) => line.msg === 'turn' && line.session === id && line.outcome !== 'started').map((line) => line.conflicts ?? 0);
    expect(conflicts).toEqual(expected);

    const [killed, survivor] = workers as [number, number];
    process.kill(killed, 'SIGKILL');
    await waitFor('the killed worker to go', () => (running(killed) ? undefined : true), 10_000);
    // The other one keeps answering meanwhile.
    for (let n = 0; n < 3; n++) {
      const answered = await call(port, 'POST', `${BASE}/start`, { channel: 'web', language: 'en' });
      expect(answered.status).toBe(201);
      expect(await servedBy(answered.requestId)).toBe(survivor);
    }
    const replacement = await waitFor('a replacement worker', () => listening().find((pid) => !workers.includes(pid)));
    expect(server.lines.some((line) => line.worker === killed && line.signal === 'SIGKILL' && typeof line.restartInMs === 'number')).toBe(true);
    const again = await call(port, 'POST', `${BASE}/start`, { channel: 'web', language: 'en' });
    const reply = await call(port, 'POST', `${BASE}/${again.body.session_id as string}/reply`, { text: 'Maria', message_id: 'm0' }, { 'x-session-key': again.body.session_key as string });
    expect(reply.status).toBe(200);
    expect([await servedBy(again.requestId), await servedBy(reply.requestId)]).toEqual(expect.arrayContaining([replacement]));

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect([survivor, replacement].filter(running)).toEqual([]);
    expect(server.lines.some((line) => line.msg === 'every service process has stopped' && line.exitCode === 0)).toBe(true);
  }, 150_000);
});

describe('a Ctrl-C in the terminal of SERVICE_PROCESSES=2', () => {
  it('reaches the primary and both workers at once, and still ends in one graceful stop with exit 0', async () => {
    const database = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'cluster-sigint-'));
    const server = startServer({ DATABASE_URL: database.url, SERVICE_PROCESSES: '2', PORT: String(await freePort()), DATA_DIR: dataDir, JOBS: 'false' }, true);
    try {
      await waitFor('both service processes', () => server.lines.find((line) => line.msg === 'all 2 service processes listening'), 120_000);
      // The terminal sends SIGINT to the whole foreground process group; the primary then sends each worker SIGTERM.
      process.kill(-(server.child.pid as number), 'SIGINT');
      expect(await server.exited).toBe(0);
      // Each worker closed once, on the first of its two signals.
      expect(server.lines.filter((line) => line.msg === 'shutting down').map((line) => line.signal)).toEqual(['SIGINT', 'SIGINT']);
      expect(server.lines.some((line) => line.msg === 'every service process has stopped' && line.exitCode === 0)).toBe(true);
    } finally {
      if (server.child.exitCode === null) process.kill(-(server.child.pid as number), 'SIGKILL');
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 150_000);
});

describe('the embedded database with SERVICE_PROCESSES=2', () => {
  it('refuses to start, saying why, before any worker starts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cluster-embedded-'));
    try {
      const refused = startServer({ SERVICE_PROCESSES: '2', PORT: String(await freePort()), DATA_DIR: dataDir });
      expect(await refused.exited).toBe(1);
      expect(refused.stderr()).toContain('onboarding-bot failed to start: Invalid configuration:');
      expect(refused.stderr()).toMatch(/SERVICE_PROCESSES: above 1 needs DATABASE_URL .*the embedded database \(PGlite\) lives inside one process/);
      expect(refused.lines.filter((line) => String(line.msg).includes('service process'))).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
