import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type OpenedStore } from '../../src/store/open-store.js';
import type { SqlClient } from '../../src/store/sql-client.js';
import { signJwt, startPostgrestStandIn, type PostgrestStandIn } from '../support/postgrest-stand-in.js';
import { createTestDatabase } from '../support/test-database.js';

/** What the supabase driver sends and how it fails; the store contract itself is in session-store.contract.test.ts. */
describe('supabase driver', () => {
  let sql: SqlClient;
  let standIn: PostgrestStandIn;
  let opened: OpenedStore;
  const cleanups: Array<() => Promise<void>> = [];
  const serviceKey = signJwt({ role: 'service_role' });

  beforeAll(async () => {
    const database = await createTestDatabase();
    cleanups.unshift(database.drop);
    sql = (await openStore({ kind: 'postgres', url: database.url, poolSize: 2 }, 'supabase')).client;
    cleanups.unshift(() => sql.close());
    standIn = await startPostgrestStandIn(database.url);
    cleanups.unshift(standIn.close);
    opened = await openStore({ kind: 'supabase', url: standIn.url, serviceRoleKey: serviceKey }, 'supabase');
    cleanups.unshift(() => opened.store.close());
  });
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('reaches the database only through rpc(), as service_role', async () => {
    const id = randomUUID();
    standIn.requests.length = 0;
    await opened.store.commit({
      sessionId: id,
      create: { keyHash: `hash-${id}`, channel: 'sms', language: 'es', flowId: 'instant-birth-chart', phoneNumber: '+34600000001' },
      session: { status: 'collecting_data', currentStep: 'name', collectedData: { name: 'Ana', tags: ['a', 1, true, null] }, snapshot: { format: 1 } },
      events: [{ kind: 'session_started', channel: 'sms' }],
    });
    const loaded = await opened.store.load(id);
    expect(loaded?.session).toMatchObject({ channel: 'sms', language: 'es', phoneNumber: '+34600000001', collectedData: { name: 'Ana', tags: ['a', 1, true, null] } });
    expect(loaded?.session.updatedAt).toBeInstanceOf(Date);
    await opened.store.listGenerating(10);
    expect(standIn.requests.map((r) => `${r.method} ${r.path} ${r.role} ${r.status}`)).toEqual([
      'POST /rest/v1/rpc/onboarding_commit_turn service_role 200',
      'POST /rest/v1/rpc/onboarding_load_session service_role 200',
      'POST /rest/v1/rpc/onboarding_list_generating service_role 200',
    ]);
  });

  it('runs the cleanup through rpc() and learns that pg_cron does not run it', async () => {
    await sql.query(
      `insert into instant_onboarding_sessions (session_key, channel, status, updated_at) values ('abandoned', 'web', 'started', now() - interval '9 days')`,
    );
    expect(await opened.cleanup.removeExpired(7)).toBe(1);
    expect(await opened.cleanup.databaseSchedule()).toBeNull();
  });

  it('refuses to open with the anon key: the service functions are service_role only', async () => {
    const attempt = openStore({ kind: 'supabase', url: standIn.url, serviceRoleKey: signJwt({ role: 'anon' }) }, 'supabase');
    await expect(attempt).rejects.toThrow(/42501 permission denied for function onboarding_list_generating/);
  });

  it('refuses a key signed with another secret', async () => {
    const forged = signJwt({ role: 'service_role' }, 'some-other-secret-of-sufficient-length');
    await expect(openStore({ kind: 'supabase', url: standIn.url, serviceRoleKey: forged }, 'supabase')).rejects.toThrow(/Invalid API key/);
  });

  it('says to run `supabase db push` when the project lacks the schema', async () => {
    const empty = await createTestDatabase();
    const bare = await startPostgrestStandIn(empty.url);
    try {
      await expect(openStore({ kind: 'supabase', url: bare.url, serviceRoleKey: serviceKey }, 'supabase')).rejects.toThrow(/PGRST202.*supabase db push/s);
    } finally {
      await bare.close();
      await empty.drop();
    }
  });

  it('has no SQL connection to hand out', async () => {
    expect(opened.client.description).toMatch(/^Supabase at 127\.0\.0\.1:\d+$/);
    await expect(opened.client.query('select 1')).rejects.toThrow(/no SQL connection/);
  });
});
