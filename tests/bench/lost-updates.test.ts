import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStoredTurns, type StoredTurn } from '../../bench/lib/lost-updates.js';
import type { OpenedStore } from '../../src/store/open-store.js';
import { newSession } from '../support/session-writes.js';
import { openStoreWithSql } from '../support/test-store.js';

/** The multi-process benchmark's check that every acknowledged turn is stored exactly once, on a real database. */
describe('the lost-update check of the multi-process benchmark', () => {
  let opened: OpenedStore;
  let sql: postgres.Sql;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ opened, sql, close } = await openStoreWithSql());
  });
  afterAll(() => close?.());

  /** A session whose one answered turn (its name, under message id m1) the service committed as the bench's turns are. */
  async function answeredTurn(): Promise<StoredTurn> {
    const created = newSession();
    await opened.store.commit(created);
    const messageKey = `web:${created.sessionId}:m1`;
    const outcome = await opened.store.commit({
      sessionId: created.sessionId,
      expectedVersion: 0,
      messageKey,
      reply: { status: 'collecting_data' },
      session: { status: 'collecting_data', currentStep: 'birth_date', collectedData: { name: 'Maria' }, snapshot: { format: 1 } },
      events: [
        { kind: 'inbound', channel: 'web', payload: { text: 'Maria', message_id: messageKey } },
        { kind: 'answer_accepted', step: 'name', channel: 'web', payload: { skipped: false } },
      ],
    });
    expect(outcome).toEqual({ outcome: 'committed', version: 1 });
    return { sessionId: created.sessionId, messageKey, step: 'name' };
  }

  it('finds a stored turn stored once, and counts a turn the database does not hold as lost', async () => {
    const stored = await answeredTurn();
    expect(await checkStoredTurns(sql, [stored])).toMatchObject({ acknowledged: 1, lost: 0, doubled: 0 });
    const neverStored = { ...stored, messageKey: `web:${stored.sessionId}:m2`, step: 'birth_date' };
    const check = await checkStoredTurns(sql, [stored, neverStored]);
    expect(check).toMatchObject({ acknowledged: 2, lost: 1, doubled: 0 });
    expect(check.detail).toMatchObject({ inbox_missing: 1, inbound_event_missing: 1, answer_event_missing: 1, answer_missing: 1 });
  });

  it('counts a turn whose events were stored twice as doubled, and one whose answer is gone as lost', async () => {
    const doubled = await answeredTurn();
    await sql`insert into public.onboarding_events (session_id, kind, step, channel, payload)
      select session_id, kind, step, channel, payload from public.onboarding_events where session_id = ${doubled.sessionId} and kind = 'answer_accepted'`;
    const overwritten = await answeredTurn();
    await sql`update public.instant_onboarding_sessions set collected_data = '{}' where id = ${overwritten.sessionId}`;
    const check = await checkStoredTurns(sql, [doubled, overwritten]);
    expect(check).toMatchObject({ acknowledged: 2, lost: 1, doubled: 1 });
    expect(check.detail).toMatchObject({ answer_event_doubled: 1, answer_missing: 1, inbox_missing: 0 });
  });
});
