import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsPlugin } from '../../src/routes/cors.js';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { widgetRoutes } from '../../src/routes/widget-routes.js';

describe('cors plugin', () => {
  async function appWith(allowedOrigins: string[]): Promise<FastifyInstance> {
    const app = Fastify();
    await app.register(corsPlugin, { allowedOrigins });
    app.post('/api/thing', async () => ({ ok: true }));
    app.get('/api/broken', async () => {
      throw Object.assign(new Error('boom'), { statusCode: 503 });
    });
    app.get('/other', async () => ({ ok: true }));
    return app;
  }

  it('echoes an allowed origin and answers its preflight', async () => {
    const app = await appWith(['https://shop.example.com', 'http://localhost:5173/']);
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/thing',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-session-key' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(preflight.headers['access-control-allow-headers']).toContain('x-session-key');
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    const post = await app.inject({ method: 'POST', url: '/api/thing', headers: { origin: 'https://shop.example.com' }, payload: {} });
    expect(post.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    expect(post.headers.vary).toContain('Origin');
    const failed = await app.inject({ method: 'GET', url: '/api/broken', headers: { origin: 'https://shop.example.com' } });
    expect(failed.statusCode).toBe(503);
    expect(failed.headers['access-control-allow-origin']).toBe('https://shop.example.com');
  });

  it('gives other origins, other paths and same-origin requests no CORS headers', async () => {
    const app = await appWith(['https://shop.example.com']);
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/thing',
      headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
    });
    expect(preflight.statusCode).toBe(404);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const post = await app.inject({ method: 'POST', url: '/api/thing', headers: { origin: 'https://shop.example.com.evil.io' }, payload: {} });
    expect(post.statusCode).toBe(200);
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
    const other = await app.inject({ method: 'GET', url: '/other', headers: { origin: 'https://shop.example.com' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const plain = await app.inject({ method: 'POST', url: '/api/thing', payload: {} });
    expect(plain.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows any origin with "*" and refuses a malformed origin at boot', async () => {
    const app = await appWith(['*']);
    const post = await app.inject({ method: 'POST', url: '/api/thing', headers: { origin: 'https://any.example' }, payload: {} });
    expect(post.headers['access-control-allow-origin']).toBe('https://any.example');
    await expect(appWith(['shop.example.com/path'])).rejects.toThrow(/not an origin/);
  });
});

describe('widget routes', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'widget-routes-'));
    app = Fastify();
    // As in the service (src/routes/openapi.ts): route schemas are zod, validated by the zod type provider.
    app.setValidatorCompiler(validatorCompiler);
    await app.register(widgetRoutes, { publicDir: dir });
  });

  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('says clearly when the widget is not built', async () => {
    const response = await app.inject({ method: 'GET', url: '/widget.js' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'WIDGET_NOT_BUILT' });
  });

  it('serves the script gzipped with an ETag, and the demo page', async () => {
    const source = 'console.log("widget");'.repeat(50);
    await writeFile(join(dir, 'widget.js'), source);
    await writeFile(join(dir, 'index.html'), '<!doctype html><script src="/widget.js"></script>');
    const plain = await app.inject({ method: 'GET', url: '/widget.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toMatch(/javascript/);
    expect(plain.body).toBe(source);
    const zipped = await app.inject({ method: 'GET', url: '/widget.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(source);
    const again = await app.inject({ method: 'GET', url: '/widget.js', headers: { 'if-none-match': String(plain.headers.etag) } });
    expect(again.statusCode).toBe(304);
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('/widget.js');
  });
});
