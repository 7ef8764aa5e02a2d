import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** How many requests a minute each kind of caller may make (RATE_LIMIT_* settings); null: no limits. */
export interface RateLimits {
  /** Session starts per client IP. */
  startsPerMinute: number;
  /** Replies per session (anonymous: its id; signed-in: the user's token). */
  repliesPerMinute: number;
  /** Inbound SMS / WhatsApp messages and call webhooks per sender number. */
  inboundPerMinute: number;
}

/** One kind of limit, as the route options of @fastify/rate-limit take it. */
export type RouteLimit = { config: { rateLimit: { max: number; timeWindow: number; keyGenerator: (request: FastifyRequest) => string; hook?: 'preHandler' } } } | object;

/**
 * @fastify/rate-limit, registered without a global limit: routes opt in with the options below. An answer over
 * a limit is 429 with Retry-After and `{ code: 'RATE_LIMITED' }` (the error handler). In memory per process:
 * with several processes each has its own count (documented).
 */
export async function registerRateLimits(app: FastifyInstance, limits: RateLimits | null): Promise<void> {
  if (!limits) return;
  await app.register(rateLimit, { global: false });
}

const minute = 60_000;

/** The route options that put `max` requests a minute on each key; none when limits are off. */
export function limitBy(limits: RateLimits | null, pick: (limits: RateLimits) => number, key: (request: FastifyRequest) => string, afterBody = false): RouteLimit {
  if (!limits) return {};
  return { config: { rateLimit: { max: pick(limits), timeWindow: minute, keyGenerator: key, ...(afterBody ? { hook: 'preHandler' as const } : {}) } } };
}

/** The sender of a Twilio webhook (its form's From), else the client address. */
export function senderOf(request: FastifyRequest): string {
  const from = (request.body as Record<string, unknown> | undefined)?.From;
  return typeof from === 'string' && from ? `from:${from}` : `ip:${request.ip}`;
}
