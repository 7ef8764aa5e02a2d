import { createHash, randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRows, RecordedSessions, type RecordedTable, type SessionIdentity } from '../../bench/lib/recorded-sessions.js';
import { sessionId, userId } from '../../bench/lib/seed.js';
import type { UserOnboardingWrite } from '../../src/outcomes/outcome-writes.js';
import type { OpenedStore } from '../../src/store/open-store.js';
import { openStoreWithSql } from '../support/test-store.js';

const TABLES: RecordedTable[] = [
  { table: 'instant_onboarding_sessions', column: 'id', by: 'sessionId', keepsId: true },
  { table: 'user_onboarding', column: 'user_id', by: 'userId' },
  { table: 'user_skills', column: 'user_id', by: 'userId' },
];

function statusRow(user: string, completed: string[]): UserOnboardingWrite {
  return {
    kind: 'user_onboarding',
    user_id: user,
    flow_id: 'user-profile',
    status: 'in_progress',
    current_step: completed.length,
    total_steps: 5,
    completed_steps: completed,
    onboarding_data: {},
    started_at: new Date().toISOString(),
    completed_at: null,
    skipped_at: null,
  };
}

/** The benchmark seeds signed-in and practitioner sessions as numbered copies of one recorded session, on a real database. */
describe('numbered copies of a recorded session', () => {
  let opened: OpenedStore;
  let sql: postgres.Sql;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ opened, sql, close } = await openStoreWithSql());
  });
  afterAll(() => close?.());

  it('gives each copy its own id, key and user, in every row, spread over the recorded moments', async () => {
    const template = randomUUID();
    const user = randomUUID();
    const identity: SessionIdentity = { sessionId: template, keyHash: 'a'.repeat(64), userId: user };
    const session = { status: 'collecting_data' as const, collectedData: {}, snapshot: { format: 1, known: { user } } };
    await opened.store.commit({
      sessionId: template,
      create: { keyHash: identity.keyHash, channel: 'web', language: 'en', flowId: 'user-profile', userId: user },
      session: { ...session, currentStep: 'full_name' },
      events: [],
      writes: [statusRow(user, [])],
    });
    const atFirst = await readRows(sql, TABLES, identity);
    await opened.store.commit({
      sessionId: template,
      expectedVersion: 0,
      session: { ...session, currentStep: 'interests' },
      events: [],
      writes: [statusRow(user, ['profile', 'skills']), { kind: 'user_skills', user_id: user, skills: ['Python', 'SQL'] }],
    });
    const atSecond = await readRows(sql, TABLES, identity);

    const versionAt = (rows: typeof atFirst) => (rows.instant_onboarding_sessions?.[0] as { version: number }).version;
    await new RecordedSessions(TABLES, identity, [atFirst, atSecond]).reseed(sql, 5, 8);

    const sessions = await sql<Array<{ id: string; session_key: string; user_id: string; version: number; current_step: string; snapshot: { known: { user: string } } }>>`
      select id::text, session_key, user_id::text, version, current_step, snapshot from public.instant_onboarding_sessions order by version, id`;
    expect(sessions).toHaveLength(4);
    for (let n = 5; n <= 8; n++) {
      const copy = sessions.find((s) => s.id === sessionId(n));
      expect(copy).toMatchObject({
        session_key: createHash('sha256').update(`key-${n}`).digest('hex'),
        user_id: userId(n),
        version: versionAt(n % 2 === 0 ? atFirst : atSecond),
        current_step: n % 2 === 0 ? 'full_name' : 'interests',
        snapshot: { known: { user: userId(n) } },
      });
    }
    const statuses = await sql<Array<{ user_id: string; session_id: string; skills_added: boolean }>>`
      select user_id::text, session_id::text, skills_added from public.user_onboarding`;
    expect(statuses).toHaveLength(4);
    for (const row of statuses) {
      const n = [5, 6, 7, 8].find((k) => userId(k) === row.user_id) ?? 0;
      expect(row).toEqual({ user_id: userId(n), session_id: sessionId(n), skills_added: n % 2 === 1 });
    }
    // Identity columns get new values; the recorded user is nowhere in the copies.
    const skills = await sql<Array<{ user_id: string; ids: number }>>`
      select user_id::text, count(distinct id)::int as ids from public.user_skills group by user_id order by user_id`;
    expect(skills.map((s) => s.user_id).sort()).toEqual([userId(5), userId(7)].sort());
    expect(skills.every((s) => s.ids === 2)).toBe(true);
    const [left] = await sql<Array<{ n: number }>>`
      select (select count(*) from public.instant_onboarding_sessions s where s::text like ${`%${user}%`})::int
           + (select count(*) from public.user_onboarding o where o::text like ${`%${user}%`})::int as n`;
    expect(left?.n).toBe(0);
  });

  it('refills sessions at the first recorded moment', async () => {
    const template = randomUUID();
    const user = randomUUID();
    const identity: SessionIdentity = { sessionId: template, keyHash: 'b'.repeat(64), userId: user };
    await opened.store.commit({
      sessionId: template,
      create: { keyHash: identity.keyHash, channel: 'api', language: 'en', flowId: 'user-profile', userId: user },
      session: { status: 'collecting_data', currentStep: 'full_name', collectedData: {}, snapshot: { format: 1 } },
      events: [],
      writes: [statusRow(user, [])],
    });
    const rows = await readRows(sql, TABLES, identity);
    await new RecordedSessions(TABLES, identity, [rows, rows]).refill(sql, 101, 103);
    const copies = await sql<Array<{ id: string; current_step: string }>>`
      select id::text, current_step from public.instant_onboarding_sessions where id = any(${[sessionId(101), sessionId(102), sessionId(103)]}::uuid[])`;
    expect(copies.map((c) => c.current_step)).toEqual(['full_name', 'full_name', 'full_name']);
  });
});
