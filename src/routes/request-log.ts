import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Metrics } from '../metrics.js';

/** A request id a proxy sent (X-Request-Id) is kept when it looks like one; anything else gets a fresh one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** The route pattern a request matched (`/api/v2/instant-onboarding/sessions/:id/reply`); unmatched ones share one label. */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? '(unmatched)';
}

/**
 * One log line per request, 4xx and 5xx included: method, route pattern, status, ms and the request id
 * (`reqId`, from the request's child logger), never the URL, query, headers or body (a URL can hold a
 * session id or a resume token). The id goes back in X-Request-Id. The same hook counts the request in
 * the metrics.
 */
export function registerRequestLog(app: FastifyInstance, metrics: Metrics | null): void {
  // Callback hooks: nothing here waits, and an async hook costs every request a promise and a microtask.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = routeOf(request);
    const ms = reply.elapsedTime;
    metrics?.request(request.method, route, reply.statusCode, ms);
    request.log.info({ method: request.method, route, status: reply.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    done();
  });
}
