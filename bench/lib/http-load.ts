import autocannon from 'autocannon';
import type { SessionPool, PooledSession } from './session-pool.js';
import type { TurnPath } from './turn-paths.js';

export interface LoadOptions {
  url: string;
  path: TurnPath;
  pool: SessionPool;
  /** Answer per step index, in flow order. */
  answers: readonly string[];
  /** What the service names as asked before each turn (its next_step). */
  stepNames: readonly string[];
  /** Each turn's name in latencyByStep (default: stepNames; an entries step takes several turns). */
  labels?: readonly string[];
  /** What the service names after the last turn (default 'completed'); the session is then replaced. */
  after?: string;
  connections: number;
  seconds: number;
  /** Turns per second for all connections together, evenly spaced; unset: as fast as the service answers. */
  rate?: number;
  /** Prefix of message ids, unique per phase. */
  label: string;
}

export interface LoadResult {
  turns: number;
  seconds: number;
  turnsPerSecond: number;
  /** Request-to-response times in ms, measured here with sub-millisecond resolution. */
  latencies: Float64Array;
  /** The same per step answered (the last step includes profile generation). */
  latencyByStep: Map<string, number[]>;
  errors: number;
  errorReasons: Map<string, number>;
}

interface RequestContext {
  session?: PooledSession;
  sentAt?: number;
}

/** Drives real HTTP turns with autocannon; every request answers its session's current step. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { pool, path, answers, stepNames } = options;
  const labels = options.labels ?? stepNames;
  const after = options.after ?? 'completed';
  const latencies: number[] = [];
  const latencyByStep = new Map<string, number[]>(labels.map((s) => [s, []]));
  const errorReasons = new Map<string, number>();
  const fail = (reason: string) => errorReasons.set(reason, (errorReasons.get(reason) ?? 0) + 1);
  let turns = 0;
  let messages = 0;

  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    pipelining: 1,
    timeout: 10,
    ...(options.rate ? { overallRate: options.rate, setupClient: (client: autocannon.Client) => evenPacing(client, options) } : {}),
    requests: [
      {
        setupRequest: (request, context: RequestContext) => {
          const session = pool.take();
          context.session = session;
          const turn = path.request(session.n, answers[session.step] ?? '', `${options.label}.${++messages}`);
          context.sentAt = performance.now();
          return { ...request, ...turn };
        },
        onResponse: (status, body, context: RequestContext) => {
          const { session, sentAt } = context;
          if (!session || sentAt === undefined) return;
          const ms = performance.now() - sentAt;
          const outcome = path.outcome(status, body);
          const last = session.step + 1 >= stepNames.length;
          const expected = last ? after : stepNames[session.step + 1];
          if (!outcome.ok || outcome.next !== expected) {
            fail(outcome.ok ? `expected ${expected}, got ${outcome.next}` : outcome.reason);
            pool.answered(session, 'failed');
            return;
          }
          turns++;
          latencies.push(ms);
          latencyByStep.get(labels[session.step] ?? '?')?.push(ms);
          pool.answered(session, last ? 'completed' : 'next');
        },
      },
    ],
  });
  const result = await instance;
  const errors = [...errorReasons.values()].reduce((a, b) => a + b, 0) + result.errors;
  if (result.errors > 0) errorReasons.set('connection errors/timeouts', result.errors);
  return {
    turns,
    seconds: result.duration,
    turnsPerSecond: turns / result.duration,
    latencies: Float64Array.from(latencies).sort(),
    latencyByStep,
    errors,
    errorReasons,
  };
}

/** The fields of autocannon 9's Client this pacing replaces (its own limiter releases a whole second's quota at once). */
interface RateLimitedClient {
  rate: number;
  reqsMadeThisSecond: number;
  paused: boolean;
  destroyed: boolean;
  rateInterval: NodeJS.Timeout | undefined;
  _doRequest(): void;
}

/**
 * autocannon's overallRate lets each connection send its per-second quota back to back at the start of every
 * second, so a "fixed rate" run is really bursts at full concurrency. For the scale run the rate must be even:
 * each connection may send one request per tick of connections/rate seconds, the ticks of the connections
 * staggered over that period. (Relies on autocannon 9.0.0 internals, pinned in package.json.)
 */
function evenPacing(client: autocannon.Client, options: LoadOptions): void {
  const raw = client as unknown as RateLimitedClient;
  const periodMs = (1000 * options.connections) / (options.rate ?? 1);
  const offsetMs = Math.random() * periodMs;
  // The constructor starts its 1 s limiter right after calling setupClient; replace it once it exists.
  setImmediate(() => {
    if (typeof raw._doRequest !== 'function' || !('reqsMadeThisSecond' in raw)) throw new Error('autocannon internals changed: evenPacing needs updating');
    clearInterval(raw.rateInterval);
    raw.rate = 1;
    const tick = () => {
      if (raw.destroyed) return;
      raw.reqsMadeThisSecond = 0;
      if (raw.paused) {
        raw._doRequest();
        raw.paused = false;
      }
    };
    raw.rateInterval = setTimeout(() => {
      tick();
      raw.rateInterval = setInterval(tick, periodMs);
    }, offsetMs);
  });
}
