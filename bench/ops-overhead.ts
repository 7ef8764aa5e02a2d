/**
 * What the operations work adds to each request and turn, measured in-process (`npx tsx bench/ops-overhead.ts`):
 * the metrics' counter + histogram per turn and per request, and the request log line written by pino through
 * the service's redaction to a discarding stream. A microbenchmark (no HTTP, no database), so it isolates these
 * costs from the noise of a shared machine; the turn itself costs 0.5-0.6 ms of service CPU (latest.md).
 */
import { Writable } from 'node:stream';
import { createLogger } from '../src/logger.js';
import { Metrics } from '../src/metrics.js';

const N = Number(process.env.OPS_BENCH_N ?? 200_000);
const metrics = new Metrics({ processMetrics: false });
const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
const logger = createLogger('info', sink).child({ reqId: '1f0c2a4e-8d7b-4c55-9a43-3c1f0f9e2b11' });

function time(label: string, fn: (i: number) => void): number {
  for (let i = 0; i < N / 10; i++) fn(i); // warm-up
  const started = process.hrtime.bigint();
  for (let i = 0; i < N; i++) fn(i);
  const us = Number(process.hrtime.bigint() - started) / 1000 / N;
  console.log(`${label.padEnd(48)} ${us.toFixed(3)} µs`);
  return us;
}

const steps = ['answer', 'invalid', 'started', 'help'];
const turn = time('metrics.turn (counter + histogram)', (i) =>
  metrics.turn({ flow: 'instant-birth-chart', channel: 'web', outcome: steps[i % 4] ?? 'answer', ms: 2.5 }),
);
const request = time('metrics.request (counter + histogram)', (i) =>
  metrics.request('POST', '/api/v2/instant-onboarding/session/:id/reply', i % 50 === 0 ? 400 : 200, 3.1),
);
const log = time('request log line (pino + redaction, discarded)', () =>
  logger.info({ method: 'POST', route: '/api/v2/instant-onboarding/session/:id/reply', status: 200, ms: 3.1 }, 'request'),
);
console.log(`${'all three, per web turn'.padEnd(48)} ${(turn + request + log).toFixed(3)} µs`);
const scrapeStarted = performance.now();
await metrics.expose();
console.log(`${'one /metrics render (no outbox query)'.padEnd(48)} ${(performance.now() - scrapeStarted).toFixed(2)} ms`);
