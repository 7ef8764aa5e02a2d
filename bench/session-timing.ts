/**
 * Can a caller tell an unknown session id from a wrong key by the response time? (issue 15)
 * Runs the service in this process on the embedded database and on a throwaway PostgreSQL, makes sessions,
 * then sends, interleaved round by round, GET and reply requests with an unknown (well-formed) id and with a
 * real id and a wrong key, and prints the median and p90 of each over N requests (default 200) after a warm-up.
 * Prints figures; asserts nothing.
 *
 *   npx tsx bench/session-timing.ts [requests] [embedded|postgres|both]
 */
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { composeService } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import type { StoreTarget } from '../src/store/open-store.js';
import { startBenchPostgres } from './lib/postgres-server.js';

const requests = Number(process.argv[2] ?? 200);
const which = process.argv[3] ?? 'both';
const WARMUP = 50;
const BASE = '/api/v2/instant-onboarding/session';

type Kind = 'GET unknown id' | 'GET wrong key' | 'reply unknown id' | 'reply wrong key';

function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

async function measure(target: StoreTarget, label: string): Promise<Array<{ label: string; kind: Kind; median: number; p90: number; statuses: string }>> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', PORT: '0', RECOVER_ON_BOOT: 'false', RATE_LIMITS: 'false', JOBS: 'false', CLEANUP_INTERVAL_MINUTES: '0' });
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const service = await composeService(config, createLogger('warn', sink), { storeTarget: target });
  await service.app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(service.app.server.address() as AddressInfo).port}`;
  try {
    const sessions: string[] = [];
    for (let i = 0; i < 20; i++) {
      const started = await service.service.start({ language: 'en', channel: 'web' });
      sessions.push(started.reply.session_id);
      // A session with some history, as a real one has.
      await service.service.reply({ sessionId: started.reply.session_id, key: started.sessionKey, text: 'Maria Lopez', messageKey: null });
    }
    const wrongKey = 'x'.repeat(43);
    const send = async (kind: Kind, round: number): Promise<{ ms: number; status: number }> => {
      const id = kind.includes('unknown') ? crypto.randomUUID() : sessions[round % sessions.length]!;
      const reply = kind.startsWith('reply');
      const t0 = performance.now();
      const response = await fetch(`${url}${BASE}/${id}${reply ? '/reply' : ''}`, {
        method: reply ? 'POST' : 'GET',
        headers: { 'x-session-key': wrongKey, ...(reply ? { 'content-type': 'application/json' } : {}) },
        ...(reply ? { body: JSON.stringify({ text: 'hello' }) } : {}),
      });
      await response.arrayBuffer();
      return { ms: performance.now() - t0, status: response.status };
    };
    const kinds: Kind[] = ['GET unknown id', 'GET wrong key', 'reply unknown id', 'reply wrong key'];
    const samples = new Map<Kind, number[]>(kinds.map((k) => [k, []]));
    const statuses = new Map<Kind, Set<number>>(kinds.map((k) => [k, new Set()]));
    for (let round = 0; round < WARMUP + requests; round++) {
      // Rotating order: no kind always runs first in a round (or right after another).
      for (let k = 0; k < kinds.length; k++) {
        const kind = kinds[(round + k) % kinds.length]!;
        const { ms, status } = await send(kind, round);
        statuses.get(kind)!.add(status);
        if (round >= WARMUP) samples.get(kind)!.push(ms);
      }
    }
    return kinds.map((kind) => ({
      label,
      kind,
      median: quantile(samples.get(kind)!, 0.5),
      p90: quantile(samples.get(kind)!, 0.9),
      statuses: [...statuses.get(kind)!].join(','),
    }));
  } finally {
    await service.close();
  }
}

async function main(): Promise<void> {
  const rows: Awaited<ReturnType<typeof measure>> = [];
  if (which === 'embedded' || which === 'both') rows.push(...(await measure({ kind: 'embedded', dataDir: null }, 'embedded')));
  if (which === 'postgres' || which === 'both') {
    const pg = await startBenchPostgres();
    try {
      rows.push(...(await measure({ kind: 'postgres', url: pg.url, poolSize: 2 }, 'postgres')));
    } finally {
      await pg.stop();
    }
  }
  process.stdout.write(`\n${requests} requests of each kind (after ${WARMUP} warm-up rounds), interleaved; times in ms\n\n`);
  process.stdout.write('| database | request | status | median | p90 |\n|---|---|---|---|---|\n');
  for (const r of rows) process.stdout.write(`| ${r.label} | ${r.kind} | ${r.statuses} | ${r.median.toFixed(3)} | ${r.p90.toFixed(3)} |\n`);
  process.stdout.write('\n');
  for (const label of new Set(rows.map((r) => r.label))) {
    for (const what of ['GET', 'reply']) {
      const unknown = rows.find((r) => r.label === label && r.kind === `${what} unknown id`)!;
      const wrong = rows.find((r) => r.label === label && r.kind === `${what} wrong key`)!;
      process.stdout.write(`${label} ${what}: wrong key - unknown id = ${(wrong.median - unknown.median).toFixed(3)} ms (median)\n`);
    }
  }
}

await main();
