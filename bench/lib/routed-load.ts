import { Agent, request } from 'node:http';
import type { PooledSession, SessionPool } from './session-pool.js';
import type { TurnPath, TurnRequest } from './turn-paths.js';

/** A turn the service answered as accepted: which session, which step it answered, under which message id. */
export interface AcknowledgedTurn {
  n: number;
  step: string;
  messageId: string;
}

export interface RoutedLoadOptions {
  /** Base URLs of the service processes (or one, for a cluster behind one port). */
  targets: readonly string[];
  /** Which target a session's turn goes to (an index into targets). */
  route(session: PooledSession): number;
  path: TurnPath;
  pool: SessionPool;
  /** Answer per step index, in flow order. */
  answers: readonly string[];
  stepNames: readonly string[];
  /** Requests in flight at a time, each on a keep-alive connection of its own. */
  connections: number;
  seconds: number;
  /** Prefix of message ids, unique per phase. */
  label: string;
}

export interface RoutedLoadResult {
  turns: number;
  seconds: number;
  /** Request-to-response times in ms, sorted. */
  latencies: Float64Array;
  errors: number;
  errorReasons: Map<string, number>;
  acknowledged: AcknowledgedTurn[];
}

function send(target: string, agent: Agent, turn: TurnRequest): Promise<{ status: number; body: string }> {
  const url = new URL(turn.path, target);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: turn.method, headers: { ...turn.headers, 'content-length': Buffer.byteLength(turn.body) }, agent, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout after 10 s')));
    req.on('error', reject);
    req.end(turn.body);
  });
}

/**
 * Drives real HTTP turns like http-load.ts, but each turn goes to the target `route` picks for its session (the
 * multi-process phase sends a session's successive turns to alternating processes), which autocannon, one URL
 * per run, cannot do. `connections` loops each keep one request in flight; every accepted turn is recorded, so
 * the database can be checked for it afterwards.
 */
export async function runRoutedLoad(options: RoutedLoadOptions): Promise<RoutedLoadResult> {
  const { pool, path, answers, stepNames, targets } = options;
  const agents = targets.map(() => new Agent({ keepAlive: true, maxSockets: options.connections }));
  const latencies: number[] = [];
  const acknowledged: AcknowledgedTurn[] = [];
  const errorReasons = new Map<string, number>();
  const fail = (reason: string) => errorReasons.set(reason, (errorReasons.get(reason) ?? 0) + 1);
  let messages = 0;
  const started = performance.now();
  const end = started + options.seconds * 1000;

  const loop = async (): Promise<void> => {
    while (performance.now() < end) {
      const session = pool.take();
      const target = options.route(session);
      const messageId = `${options.label}.${++messages}`;
      const turn = path.request(session.n, answers[session.step] ?? '', messageId);
      const sentAt = performance.now();
      let response: { status: number; body: string };
      try {
        response = await send(targets[target] as string, agents[target] as Agent, turn);
      } catch (error) {
        fail(`connection: ${(error as Error).message}`);
        pool.answered(session, 'failed');
        continue;
      }
      const ms = performance.now() - sentAt;
      const outcome = path.outcome(response.status, response.body);
      const expected = stepNames[session.step + 1] ?? 'completed';
      if (!outcome.ok || outcome.next !== expected) {
        fail(outcome.ok ? `expected ${expected}, got ${outcome.next}` : outcome.reason);
        pool.answered(session, 'failed');
        continue;
      }
      latencies.push(ms);
      acknowledged.push({ n: session.n, step: stepNames[session.step] ?? '?', messageId });
      pool.answered(session, outcome.next === 'completed' ? 'completed' : 'next');
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  const seconds = (performance.now() - started) / 1000;
  for (const agent of agents) agent.destroy();
  return {
    turns: latencies.length,
    seconds,
    latencies: Float64Array.from(latencies).sort(),
    errors: [...errorReasons.values()].reduce((a, b) => a + b, 0),
    errorReasons,
    acknowledged,
  };
}
