import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { composeService } from '../../src/compose.js';
import type { ComposeOptions, Service } from '../../src/compose-types.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { StoreTarget } from '../../src/store/open-store.js';
import { createTestDatabase } from './test-database.js';

export type TestDriver = 'embedded' | 'postgres';

export interface TestServerOptions {
  /** embedded: PGlite (in memory unless dataDir); postgres: a fresh database on the run's server. Default embedded. */
  driver?: TestDriver;
  /** Embedded driver: keep data here, so a second server on the same directory resumes it. */
  dataDir?: string;
  /** Postgres driver: reuse this database URL instead of a fresh one (restart tests). */
  databaseUrl?: string;
  env?: Record<string, string>;
  clock?: () => Date;
  /** More compose options (the Twilio fake's HTTP client, a hand-driven outbox). */
  compose?: Omit<ComposeOptions, 'storeTarget' | 'clock'>;
}

export interface TestServer {
  url: string;
  service: Service;
  /** Every log line the service wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  databaseUrl?: string;
  close(): Promise<void>;
}

/** Starts the real service on a random loopback port with a real database. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  // Rate limits are off unless a test turns them on: most tests send many requests from 127.0.0.1.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', PORT: '0', RECOVER_ON_BOOT: 'false', RATE_LIMITS: 'false', JOBS: 'false', ...options.env });
  let storeTarget: StoreTarget = { kind: 'embedded', dataDir: options.dataDir ?? null };
  let dropDatabase: (() => Promise<void>) | undefined;
  let databaseUrl = options.databaseUrl;
  if (options.driver === 'postgres') {
    if (!databaseUrl) {
      const database = await createTestDatabase();
      databaseUrl = database.url;
      dropDatabase = database.drop;
    }
    storeTarget = { kind: 'postgres', url: databaseUrl, poolSize: 10 };
  }
  const service = await composeService(config, createLogger('info', sink), {
    ...options.compose,
    storeTarget,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  await service.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = service.app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    service,
    logs,
    ...(databaseUrl ? { databaseUrl } : {}),
    close: async () => {
      await service.close();
      await dropDatabase?.();
    },
  };
}
