import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantApi } from '../support/api-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.js';

/**
 * The database goes away and comes back (issue 15, item 7): requests get 503 with Retry-After, not 500;
 * /ready says not ready while /health still says the process lives; afterwards the service works again.
 */
describe('a database outage', () => {
  let database: ThrowawayPostgres;
  let server: TestServer;
  beforeAll(async () => {
    database = await startThrowawayPostgres({ name: 'outage', password: 'outage-only-password' });
    const admin = postgres(database.urlOf('postgres'), { max: 1, onnotice: () => {} });
    await admin.unsafe('create database outage');
    await admin.end();
    server = await startTestServer({ driver: 'postgres', databaseUrl: database.urlOf('outage') });
  });
  afterAll(async () => {
    await server?.close();
    await database?.stop();
  });

  it('answers 503 with Retry-After while the database is down, and works again once it is back', async () => {
    expect((await instantApi.start(server.url)).status).toBe(201);
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);

    await database.pause();
    const refused = await instantApi.start(server.url);
    expect(refused).toMatchObject({ status: 503, body: { code: 'SERVICE_UNAVAILABLE' } });
    expect(refused.headers['retry-after']).toBe('5');
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { code: string }).code).toBe('SERVICE_UNAVAILABLE');
    expect((await fetch(`${server.url}/health`)).status).toBe(200);

    await database.resume();
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline && status !== 201) {
      status = (await instantApi.start(server.url)).status;
      if (status !== 201) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(201);
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
  });
});
