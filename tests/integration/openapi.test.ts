import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteOptions } from 'fastify';
import { routesOf } from '../../src/routes/openapi.js';
import { instantApi } from '../support/api-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { TWILIO_TEST_ENV } from '../support/twilio-webhooks.js';

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { summary?: string; security?: unknown; parameters?: Array<{ name: string; in: string }>; requestBody?: { content: Record<string, { schema: unknown }> } }>>;
}

/** /session/:id/reply -> /session/{id}/reply, as OpenAPI writes paths. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** Routes that serve the documentation itself; they say `hide: true`. */
const isDocs = (route: RouteOptions) => route.url === '/openapi.json' || route.url.startsWith('/docs');

/** A route's methods, without the HEAD twin Fastify adds to every GET. */
const methodsOf = (route: RouteOptions) => [route.method].flat().filter((m) => m !== 'HEAD');

describe('OpenAPI from the routes\' zod schemas', () => {
  let server: TestServer;
  let document: OpenApiDocument;
  beforeAll(async () => {
    // Everything mounted: the Twilio webhooks (credentials), the signed-in users' routes, the analysts' dashboard.
    server = await startTestServer({ env: { ...TWILIO_TEST_ENV, SUPABASE_JWT_SECRET: 'x'.repeat(40), ANALYTICS_TOKEN: 'analytics-token-0123456789' } });
    const response = await fetch(`${server.url}/openapi.json`);
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenApiDocument;
  });
  afterAll(async () => {
    await server.close();
  });

  it('every route has a schema with a summary, and is in the document with its path parameters', () => {
    const routes = routesOf(server.service.app).filter((route) => methodsOf(route).length > 0);
    expect(routes.length).toBeGreaterThan(15);
    const missing: string[] = [];
    for (const route of routes) {
      for (const method of methodsOf(route)) {
        const name = `${method} ${route.url}`;
        if (isDocs(route)) {
          if (route.schema?.hide !== true) missing.push(`${name}: documentation routes say hide: true`);
          continue;
        }
        if (typeof (route.schema as { summary?: unknown } | undefined)?.summary !== 'string') missing.push(`${name}: no schema with a summary`);
        const operation = document.paths[openApiPath(route.url)]?.[method.toLowerCase()];
        if (!operation) {
          missing.push(`${name}: not in /openapi.json`);
          continue;
        }
        for (const param of route.url.match(/:[A-Za-z0-9_]+/g) ?? []) {
          if (!operation.parameters?.some((p) => p.in === 'path' && p.name === param.slice(1))) missing.push(`${name}: path parameter ${param} has no schema`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('documents request bodies and headers from the same schemas that validate them', () => {
    expect(document.openapi).toBe('3.1.0');
    const reply = document.paths['/api/v2/instant-onboarding/session/{id}/reply']?.post;
    const body = reply?.requestBody?.content['application/json']?.schema as { properties: Record<string, { maxLength?: number }>; required: string[] };
    expect(body.required).toEqual(['text']);
    expect(body.properties.text?.maxLength).toBe(2000);
    // The x-session-key header schema is shown as the sessionKey security scheme (@fastify/swagger folds it there).
    expect(reply?.security).toEqual([{ sessionKey: [] }]);
    expect((document as unknown as { components: { securitySchemes: Record<string, { name?: string }> } }).components.securitySchemes.sessionKey?.name).toBe('x-session-key');
    const gather = document.paths['/webhooks/twilio/voice/gather']?.post;
    expect(gather?.parameters?.filter((p) => p.in === 'query').map((p) => p.name).sort()).toEqual(['f', 'l', 'm', 'o', 'q', 's', 't']);
    expect(document.paths['/api/users/me/onboarding/step/{n}']?.patch?.requestBody).toBeDefined();
  });

  it('refuses what the schema refuses with the API\'s own 400, naming the field', async () => {
    const started = (await instantApi.start(server.url)).body as { session_id: string; session_key: string };
    const tooLong = await instantApi.reply(server.url, started.session_id, started.session_key, { text: 'x'.repeat(2001) });
    expect(tooLong).toMatchObject({ status: 400, body: { code: 'INVALID_REQUEST', message: 'Invalid request body: text: must be at most 2000 characters' } });
    const extra = await instantApi.reply(server.url, started.session_id, started.session_key, { text: 'Maria', answer: 'x' } as never);
    expect(extra.status).toBe(400);
    expect((extra.body as { message: string }).message).toMatch(/^Invalid request body: .*answer/);
  });

  it('serves a browsable UI at /docs', async () => {
    const page = await fetch(`${server.url}/docs/`, { redirect: 'follow' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui');
  });
});
