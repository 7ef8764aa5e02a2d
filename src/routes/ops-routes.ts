import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { Metrics } from '../metrics.js';

/**
 * One thing the service needs before it takes traffic. `check` resolves when it holds and throws with the
 * reason otherwise. compose.ts lists them (database, migrations); a later one (the job worker's) is one more
 * entry in that list, nothing here changes.
 */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

export interface OpsRoutesOptions {
  /** Checked in order on each GET /ready; after the first that fails the rest are not run (they need it). */
  readiness: readonly ReadinessCheck[];
  /** Served at /metrics; null: no /metrics route. */
  metrics: Metrics | null;
  /** METRICS_TOKEN: when set, /metrics needs `Authorization: Bearer <token>`. */
  metricsToken: string | null;
}

/** What a 503 from /ready tells a load balancer to wait before asking again. */
const RETRY_AFTER_SECONDS = 5;

function sameToken(given: string | undefined, token: string): boolean {
  const expected = Buffer.from(`Bearer ${token}`);
  const actual = Buffer.from(given ?? '');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Liveness (/health: the process answers, nothing else is asked), readiness (/ready: every check, 503 with the
 * failing one's reason) and the Prometheus metrics (/metrics).
 */
export const opsRoutes: FastifyPluginAsync<OpsRoutesOptions> = async (app, { readiness, metrics, metricsToken }) => {
  const op = (summary: string, description: string) => ({ schema: { tags: ['operations'], summary, description } });
  app.get('/health', op('Liveness', 'The process answers; nothing else is asked (a database outage does not fail it).'), async () => ({ status: 'ok' }));

  app.get('/ready', op('Readiness', '200 when every check holds (database, migrations, ...); else 503 with Retry-After, the failing check in message and every check\'s state.'), async (_request, reply) => {
    const checks: Record<string, string> = {};
    for (const { name, check } of readiness) {
      try {
        await check();
        checks[name] = 'ok';
      } catch (error) {
        const reason = error instanceof Error ? error.message : 'unknown error';
        checks[name] = reason;
        for (const rest of readiness.slice(readiness.findIndex((c) => c.name === name) + 1)) checks[rest.name] = 'not checked';
        return reply
          .code(503)
          .header('retry-after', String(RETRY_AFTER_SECONDS))
          .send({ code: 'SERVICE_UNAVAILABLE', message: `Not ready: ${name}: ${reason}`, checks });
      }
    }
    return { status: 'ready', checks };
  });

  if (metrics) {
    const metricsSchema = op('Prometheus metrics', 'Text exposition format. With METRICS_TOKEN set, it needs it as a bearer token.');
    app.get('/metrics', { schema: { ...metricsSchema.schema, security: [{ bearer: [] }] } }, async (request, reply) => {
      if (metricsToken && !sameToken(request.headers.authorization, metricsToken)) {
        return reply.code(401).header('www-authenticate', 'Bearer').send({ code: 'UNAUTHORIZED', message: 'The metrics need METRICS_TOKEN as a bearer token.' });
      }
      const { contentType, body } = await metrics.expose();
      return reply.type(contentType).send(body);
    });
  }
};
