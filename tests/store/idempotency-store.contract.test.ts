import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore, type TestStoreDriver } from '../support/test-store.js';
import { newSession } from '../support/session-writes.js';

/** The contract of starts under an Idempotency-Key (public.onboarding_start_idempotent) on every driver. */
describe.each<TestStoreDriver>(['embedded', 'postgres', 'supabase'])('idempotency store contract (%s)', (driver) => {
  let opened: TestStore;
  beforeAll(async () => {
    opened = await openTestStore(driver, 5);
  });
  afterAll(() => opened.close());

  const sessionsWith = async (keyHash: string) =>
    (await opened.client.query<{ n: number }>(
      'select count(*)::int as n from onboarding_idempotency_keys k join instant_onboarding_sessions s on s.id = k.session_id where k.key_hash = $1',
      [keyHash],
    ))[0]?.n;

  it('commits the first start of a key and answers a retry with its session and reply, creating nothing', async () => {
    const keyHash = `key-${randomUUID()}`;
    const first = newSession();
    const second = newSession();
    expect(await opened.idempotency.startOnce({ ...first, reply: { n: 1 } }, { keyHash, requestHash: 'body-a', ttlSeconds: 60 })).toEqual({ outcome: 'committed', version: 0 });
    expect(await opened.idempotency.startOnce({ ...second, reply: { n: 2 } }, { keyHash, requestHash: 'body-b', ttlSeconds: 60 })).toEqual({
      outcome: 'replay',
      sessionId: first.sessionId,
      requestHash: 'body-a',
      reply: { n: 1 },
    });
    expect(await opened.store.load(second.sessionId)).toBeNull();
    expect(await sessionsWith(keyHash)).toBe(1);
  });

  it('makes one session of concurrent starts with one key', async () => {
    const keyHash = `key-${randomUUID()}`;
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, n) => opened.idempotency.startOnce({ ...newSession(), reply: { n } }, { keyHash, requestHash: 'same', ttlSeconds: 60 })),
    );
    expect(outcomes.filter((o) => o.outcome === 'committed')).toHaveLength(1);
    expect(new Set(outcomes.map((o) => (o.outcome === 'replay' ? o.sessionId : 'first'))).size).toBeLessThanOrEqual(2);
    expect(await sessionsWith(keyHash)).toBe(1);
  });

  it('forgets an expired key: the next start with it makes a new session', async () => {
    const keyHash = `key-${randomUUID()}`;
    const first = newSession();
    await opened.idempotency.startOnce({ ...first, reply: {} }, { keyHash, requestHash: 'r', ttlSeconds: 60 });
    await opened.client.query(`update onboarding_idempotency_keys set expires_at = now() - interval '1 second' where key_hash = $1`, [keyHash]);
    const again = newSession();
    expect(await opened.idempotency.startOnce({ ...again, reply: {} }, { keyHash, requestHash: 'r', ttlSeconds: 60 })).toMatchObject({ outcome: 'committed' });
    expect(await opened.store.load(again.sessionId)).not.toBeNull();
    expect(await opened.store.load(first.sessionId)).not.toBeNull();
  });

  it('keeps no key when the session cannot be made (a second session for one user)', async () => {
    const userId = randomUUID();
    const status = { kind: 'user_onboarding' as const, user_id: userId, flow_id: 'user-profile', status: 'in_progress' as const, current_step: 0, total_steps: 5, completed_steps: [], onboarding_data: {}, started_at: new Date().toISOString(), completed_at: null, skipped_at: null };
    const a = newSession();
    await opened.store.commit({ ...a, create: { ...a.create!, userId }, writes: [status] });
    const keyHash = `key-${randomUUID()}`;
    const b = newSession();
    await expect(opened.idempotency.startOnce({ ...b, create: { ...b.create!, userId }, writes: [status], reply: {} }, { keyHash, requestHash: 'r', ttlSeconds: 60 })).rejects.toThrow();
    expect((await opened.client.query('select 1 from onboarding_idempotency_keys where key_hash = $1', [keyHash])).length).toBe(0);
  });
});
