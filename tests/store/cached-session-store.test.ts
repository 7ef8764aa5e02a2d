import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationState } from '../../src/conversation/conversation.js';
import type { FlowEvent } from '../../src/conversation/flow-machine.js';
import { AppError } from '../../src/errors.js';
import { Metrics, type TurnObservation } from '../../src/metrics.js';
import { withSessionCache } from '../../src/store/cached-session-store.js';
import type { SessionStore, TurnWrite } from '../../src/store/session-store.js';
import type { SqlClient } from '../../src/store/sql-client.js';
import { sessionServiceOn } from '../support/session-service.js';
import { collectingSession as session, newSession } from '../support/session-writes.js';
import { openTestStore, type TestStore, type TestStoreDriver } from '../support/test-store.js';

/** The store under the cache, counting the reads that reach the database. */
function counted(inner: SessionStore): SessionStore & { reads: number } {
  const store = {
    ...inner,
    reads: 0,
    load: (...args: Parameters<SessionStore['load']>) => {
      store.reads++;
      return inner.load(...args);
    },
  };
  return store;
}

describe.each<TestStoreDriver>(['embedded', 'postgres'])('session store with remembered rows (%s)', (driver) => {
  let opened: TestStore;
  let sql: SqlClient;
  let inner: SessionStore & { reads: number };

  beforeAll(async () => {
    opened = await openTestStore(driver, 4);
    sql = opened.client;
    inner = counted(opened.store);
  });
  afterAll(() => opened.close());

  const bumpBehindItsBack = (id: string, step: string) =>
    sql.query(`update instant_onboarding_sessions set current_step = $2, version = version + 1 where id = $1`, [id, step]);

  it('answers a reuse load from memory after its own commit, any other load from the database', async () => {
    const store = withSessionCache(inner, 100);
    const write = newSession();
    await store.commit(write);
    const readsBefore = inner.reads;
    expect((await store.load(write.sessionId, null, { reuse: true }))?.session).toMatchObject({ version: 0, currentStep: 'name' });
    expect(inner.reads).toBe(readsBefore);

    await bumpBehindItsBack(write.sessionId, 'elsewhere');
    expect((await store.load(write.sessionId, null, { reuse: true }))?.session.version).toBe(0);
    expect((await store.load(write.sessionId))?.session).toMatchObject({ version: 1, currentStep: 'elsewhere' });
    expect((await store.load(write.sessionId, null, { reuse: true }))?.session).toMatchObject({ version: 1, currentStep: 'elsewhere' });
  });

  it('drops a row that turned out stale: the commit is a conflict and the next load reads the database', async () => {
    const store = withSessionCache(inner, 100);
    const write = newSession();
    await store.commit(write);
    await bumpBehindItsBack(write.sessionId, 'elsewhere');
    const remembered = await store.load(write.sessionId, null, { reuse: true });
    const turn: TurnWrite = { sessionId: write.sessionId, expectedVersion: remembered?.session.version ?? -1, session, events: [] };
    expect(await store.commit(turn)).toEqual({ outcome: 'conflict' });
    const readsBefore = inner.reads;
    expect((await store.load(write.sessionId, null, { reuse: true }))?.session.version).toBe(1);
    expect(inner.reads).toBe(readsBefore + 1);
  });

  it('keeps what a commit wrote, as the database has it', async () => {
    const store = withSessionCache(inner, 100);
    const write = newSession();
    await store.commit(write);
    const paused = {
      status: 'paused' as const, currentStep: 'birth_date', collectedData: { name: 'Maria' }, snapshot: { format: 1, paused: true }, language: 'es',
      callSid: `CA${'7'.repeat(32)}`,
    };
    expect(await store.commit({ sessionId: write.sessionId, expectedVersion: 0, session: paused, events: [] })).toEqual({ outcome: 'committed', version: 1 });
    const readsBefore = inner.reads;
    const remembered = await store.load(write.sessionId, null, { reuse: true });
    expect(inner.reads).toBe(readsBefore);
    const stored = await inner.load(write.sessionId);
    expect(remembered?.session).toMatchObject({ version: 1, status: 'paused', currentStep: 'birth_date', collectedData: { name: 'Maria' }, language: 'es', callSid: paused.callSid });
    // The resume code is made by the database at insert: a row remembered from a commit does not know it (the
    // code is read from the database where it is shown, see ResumeService.continueOptions).
    const comparable = (s: NonNullable<typeof stored>['session']) => ({ ...s, createdAt: null, updatedAt: null, completedAt: null, resumeCode: null });
    expect(comparable(remembered!.session)).toEqual(comparable(stored!.session));
    expect(remembered?.profile).toEqual(stored?.profile);
  });

  it('forgets a session once it is finished: never used from memory, and its profile can be large', async () => {
    const store = withSessionCache(inner, 100);
    const write = newSession();
    await store.commit(write);
    const done = { status: 'completed' as const, currentStep: null, collectedData: { name: 'Maria' }, snapshot: { format: 1, done: true } };
    const profile = { kind: 'answers', data: { summary: 'hello Maria' } };
    await store.commit({ sessionId: write.sessionId, expectedVersion: 0, session: done, events: [], profile });
    const readsBefore = inner.reads;
    const loaded = await store.load(write.sessionId, null, { reuse: true });
    expect(inner.reads).toBe(readsBefore + 1);
    expect(loaded?.session).toMatchObject({ status: 'completed', version: 1 });
    expect(loaded?.profile).toMatchObject({ kind: 'answers', data: profile.data });
  });

  it('a duplicate message turned from a remembered row writes nothing and gets the first reply', async () => {
    const store = withSessionCache(inner, 100);
    const write = newSession();
    await store.commit(write);
    const key = `web:${write.sessionId}:m1`;
    await store.commit({ sessionId: write.sessionId, expectedVersion: 0, messageKey: key, reply: { said: 'first' }, session, events: [{ kind: 'inbound' }] });
    const again = await store.load(write.sessionId, key, { reuse: true });
    expect(again?.duplicateReply).toBeUndefined(); // the remembered row does not know; the commit does
    const outcome = await store.commit({
      sessionId: write.sessionId,
      expectedVersion: again?.session.version ?? -1,
      messageKey: key,
      reply: { said: 'second' },
      session: { ...session, currentStep: 'other' },
      events: [{ kind: 'inbound' }],
    });
    expect(outcome).toEqual({ outcome: 'duplicate', reply: { said: 'first' } });
    expect((await inner.load(write.sessionId))?.session).toMatchObject({ version: 1, currentStep: 'name' });
    expect((await store.load(write.sessionId, null, { reuse: true }))?.session).toMatchObject({ version: 1, currentStep: 'name' });
    const events = await sql.query<{ n: number }>(`select count(*)::int as n from onboarding_events where session_id = $1`, [write.sessionId]);
    expect(events[0]?.n).toBe(2);
  });

  it('does not trust a remembered row that would refuse a turn: the database decides', async () => {
    const store = withSessionCache(inner, 100);
    const write = newSession();
    await store.commit(write);
    const done = { ...session, status: 'completed' as const, currentStep: null };
    await store.commit({ sessionId: write.sessionId, expectedVersion: 0, session: done, events: [] });
    // Behind its back the session is open again (another process, a restore): memory would say "completed".
    await sql.query(`update instant_onboarding_sessions set status = 'collecting_data', version = version + 1 where id = $1`, [write.sessionId]);
    const readsBefore = inner.reads;
    expect((await store.load(write.sessionId, null, { reuse: true }))?.session).toMatchObject({ status: 'collecting_data', version: 2 });
    expect(inner.reads).toBe(readsBefore + 1);
  });

  it('keeps at most its capacity, dropping the least recently used', async () => {
    const store = withSessionCache(inner, 2);
    const [a, b, c] = [newSession(), newSession(), newSession()];
    for (const write of [a, b, c]) await store.commit(write);
    const readsBefore = inner.reads;
    await store.load(b.sessionId, null, { reuse: true });
    await store.load(c.sessionId, null, { reuse: true });
    expect(inner.reads).toBe(readsBefore);
    await store.load(a.sessionId, null, { reuse: true });
    expect(inner.reads).toBe(readsBefore + 1);
  });

  it('hands out frozen rows, so no caller can change what it remembers', async () => {
    const store = withSessionCache(inner, 10);
    const write = newSession();
    await store.commit(write);
    const remembered = await store.load(write.sessionId, null, { reuse: true });
    expect(() => {
      (remembered!.session.collectedData as Record<string, unknown>).name = 'changed';
    }).toThrow(TypeError);
  });

  it('with capacity 0 is the store itself', () => {
    expect(withSessionCache(inner, 0)).toBe(inner);
  });

  it('two service processes answering one session in turns lose no answer', async () => {
    const first = sessionServiceOn(withSessionCache(opened.store, 100));
    const second = sessionServiceOn(withSessionCache(opened.store, 100));
    const started = await first.start({ language: 'en', channel: 'web' });
    const id = started.reply.session_id;
    const answers = ['Maria', '5 March 1990', '07:30', 'Madrid'];
    // first answers, second answers, first again (its remembered row is now stale), second again.
    let reply = started.reply;
    for (const [n, text] of answers.entries()) {
      reply = await (n % 2 === 0 ? first : second).reply({ sessionId: id, key: started.sessionKey, text, messageKey: `web:${id}:${n}` });
    }
    expect(reply.status).toBe('completed');
    const stored = await opened.store.load(id);
    expect(stored?.session.collectedData).toMatchObject({ name: 'Maria', birth_date: '1990-03-05', birth_time: '07:30' });
    expect(stored?.profile?.kind).toBeTruthy();
  });

  it("a form's answer refused on a remembered row is decided again on the database's row", async () => {
    const first = sessionServiceOn(withSessionCache(opened.store, 100));
    const second = sessionServiceOn(withSessionCache(opened.store, 100));
    const started = await first.start({ language: 'en', channel: 'web' });
    const id = started.reply.session_id;
    await second.reply({ sessionId: id, key: started.sessionKey, text: 'Maria', messageKey: `web:${id}:1` });
    // first remembers the row without a name: a form that needs the name first would be refused on it.
    const needsName = (state: ConversationState): FlowEvent => {
      if (!Object.hasOwn(state.context.answers, 'name')) throw new AppError('ANSWER_FIRST', 'Answer the name first.', 409);
      return { type: 'ANSWER', step: 'birth_date', value: '1990-03-05' };
    };
    const reply = await first.reply({ sessionId: id, key: started.sessionKey, text: '', messageKey: null, decide: needsName });
    expect(reply.next_step).toBe('birth_time');
    expect((await opened.store.load(id))?.session.collectedData).toMatchObject({ name: 'Maria', birth_date: '1990-03-05' });
    // A refusal the database's row confirms is said as it is, not turned into a busy session.
    const refuse = (): FlowEvent => {
      throw new AppError('ANSWER_FIRST', 'Answer the name first.', 409);
    };
    await second.reply({ sessionId: id, key: started.sessionKey, text: '07:30', messageKey: `web:${id}:3` });
    await expect(first.reply({ sessionId: id, key: started.sessionKey, text: '', messageKey: null, decide: refuse })).rejects.toMatchObject({ code: 'ANSWER_FIRST' });
  });

  it('a turn that found its remembered row stale says so: conflicts in its turn line and in the metric', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const metrics = new Metrics({ processMetrics: false });
    const observed = {
      logger: { info: (fields: object, msg: string) => lines.push({ ...fields, msg }), warn: () => {}, error: () => {} },
      observeTurn: (turn: TurnObservation) => metrics.turn(turn),
    };
    const first = sessionServiceOn(withSessionCache(opened.store, 100), observed);
    const second = sessionServiceOn(withSessionCache(opened.store, 100), observed);
    const started = await first.start({ language: 'en', channel: 'web' });
    const id = started.reply.session_id;
    const answer = (service: typeof first, text: string, n: number) => service.reply({ sessionId: id, key: started.sessionKey, text, messageKey: `web:${id}:${n}` });
    await answer(second, 'Maria', 1); // second has not seen the session: it reads it, no conflict
    await answer(first, '5 March 1990', 2); // first remembers the row it started, one version behind: one conflict
    await answer(first, '07:30', 3); // its own row, current again
    const turns = lines.filter((line) => line.msg === 'turn' && line.outcome === 'answer');
    expect(turns.map((line) => line.conflicts ?? 0)).toEqual([0, 1, 0]);
    const text = (await metrics.expose()).body;
    expect(text).toContain('onboarding_turn_conflicts_total{flow="instant-birth-chart",channel="web"} 1');
  });
});
