import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileGenerator } from '../../src/profiles/profile-generator.js';
import { profileGenerators } from '../../src/profiles/generators.js';
import type { SessionService } from '../../src/sessions/session-service.js';
import type { SessionStore, TurnWrite } from '../../src/store/session-store.js';
import { repositoryContent, sessionServiceOn } from '../support/session-service.js';
import { openTestStore, type TestStore, type TestStoreDriver } from '../support/test-store.js';

const { localizer } = repositoryContent();
const ANSWERS = ['Maria', '5 March 1990', '07:30', 'Madrid'];

/** The store, keeping every commit the service makes. */
function recording(inner: SessionStore): SessionStore & { commits: TurnWrite[] } {
  const commits: TurnWrite[] = [];
  return { ...inner, commits, commit: (turn) => (commits.push(turn), inner.commit(turn)) };
}

function serviceOn(store: SessionStore, generator: ProfileGenerator = profileGenerators.get('birth-chart') as ProfileGenerator, profileWaitMs = 10_000) {
  return sessionServiceOn(store, { generators: new Map([['birth-chart', generator]]), profileWaitMs });
}

describe.each<TestStoreDriver>(['embedded', 'postgres'])('a quick profile is made within the last turn (%s database)', (driver) => {
  let opened: TestStore;

  beforeAll(async () => {
    opened = await openTestStore(driver, 3);
  });
  afterAll(() => opened.close());

  async function converse(service: SessionService, store: SessionStore & { commits: TurnWrite[] }) {
    const started = await service.start({ language: 'en', channel: 'web' });
    const id = started.reply.session_id;
    let reply = started.reply;
    for (const [n, text] of ANSWERS.entries()) {
      store.commits.length = 0;
      reply = await service.reply({ sessionId: id, key: started.sessionKey, text, messageKey: `web:${id}:${n}` });
    }
    return { id, key: started.sessionKey, reply };
  }

  const eventsOf = async (id: string) =>
    opened.client.query<{ kind: string; step: string | null; payload: Record<string, unknown> }>(
      `select kind, step, payload from onboarding_events where session_id = $1 order by id`,
      [id],
    );

  it('commits the last answer, the chart and the completed session at once', async () => {
    const store = recording(opened.store);
    const service = serviceOn(store);
    const { id, key, reply } = await converse(service, store);
    expect(store.commits).toHaveLength(1);
    expect(reply.status).toBe('completed');
    expect(reply.messages.map((m) => m.text)).toEqual([expect.stringMatching(/^Maria, here is your birth chart for Madrid/)]);
    expect(reply.profile).toMatchObject({ kind: 'birth-chart', person: { name: 'Maria' } });

    const stored = await opened.store.load(id);
    expect(stored?.session).toMatchObject({ status: 'completed', currentStep: null });
    expect(stored?.session.completedAt).toBeInstanceOf(Date);
    expect(stored?.profile?.data).toEqual(reply.profile);
    // The log reads as if the session had waited in generating_chart: analytics see the same steps.
    const changes = (await eventsOf(id)).filter((e) => e.kind === 'status_changed').map((e) => [e.payload.from, e.payload.to]);
    expect(changes.slice(-2)).toEqual([
      ['collecting_data', 'generating_chart'],
      ['generating_chart', 'completed'],
    ]);
    // The last message delivered again gets the same answer, chart included, and changes nothing.
    const again = await service.reply({ sessionId: id, key, text: 'Madrid', messageKey: `web:${id}:3` });
    expect(again).toEqual(reply);
    expect((await opened.store.load(id))?.session.version).toBe(stored?.session.version);
  });

  it('fails the session within the turn when the generator throws', async () => {
    const store = recording(opened.store);
    const broken: ProfileGenerator = { kind: 'birth-chart', runsInTurn: true, generate: () => Promise.reject(new Error('broken')) };
    const { id, reply } = await converse(serviceOn(store, broken), store);
    expect(store.commits).toHaveLength(1);
    expect(reply.status).toBe('failed');
    expect(reply.messages.at(-1)?.text).toBe(localizer.translator('en')('common:status.failed'));
    expect((await opened.store.load(id))?.session.status).toBe('failed');
  });

  it('leaves a slow generator to the profile runner, after the answer is committed', async () => {
    const store = recording(opened.store);
    const slow: ProfileGenerator = { kind: 'birth-chart', generate: async () => ({ kind: 'birth-chart', summary: 'made later' }) };
    const { id, reply } = await converse(serviceOn(store, slow), store);
    expect(store.commits.map((c) => c.session.status)).toEqual(['generating_chart', 'completed']);
    expect(reply.messages.map((m) => m.text)).toEqual([localizer.translator('en')('common:status.generating'), 'made later']);
    expect((await opened.store.load(id))?.profile?.data).toEqual({ kind: 'birth-chart', summary: 'made later' });
  });

  it('leaves even a quick generator to the runner when replies must not wait (PROFILE_WAIT_MS=0)', async () => {
    const store = recording(opened.store);
    const service = serviceOn(store, undefined, 0);
    const { id, reply } = await converse(service, store);
    expect(reply.status).toBe('generating_chart');
    await service.profiles.drain();
    expect(store.commits.map((c) => c.session.status)).toEqual(['generating_chart', 'completed']);
    expect((await opened.store.load(id))?.session.status).toBe('completed');
  });
});
