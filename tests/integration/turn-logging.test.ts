import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantApi } from '../support/api-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('turn logging', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('writes one line per turn with session, flow, step, channel, outcome and duration, and no key or answer', async () => {
    const started = (await instantApi.start(server.url)).body as { session_id: string; session_key: string };
    await instantApi.reply(server.url, started.session_id, started.session_key, { text: 'Maria Secretname' });
    const turns = server.logs.filter((line) => line.msg === 'turn');
    expect(turns).toHaveLength(2);
    expect(turns[1]).toMatchObject({ session: started.session_id, flow: 'instant-birth-chart', step: 'name', channel: 'web', outcome: 'answer' });
    expect(typeof turns[1]?.ms).toBe('number');
    const everything = JSON.stringify(server.logs);
    expect(everything).not.toContain(started.session_key);
    expect(everything).not.toContain('Secretname');
  });

  it('says in the last answer\'s turn line that its profile was made, in that one line', async () => {
    const started = (await instantApi.start(server.url)).body as { session_id: string; session_key: string };
    for (const text of ['Maria', '5 March 1990', '07:30', 'Madrid, Spain']) {
      await instantApi.reply(server.url, started.session_id, started.session_key, { text });
    }
    const ofSession = server.logs.filter((line) => line.session === started.session_id);
    const last = ofSession.filter((line) => line.msg === 'turn').at(-1);
    expect(last).toMatchObject({ step: 'birth_place', outcome: 'answer', profile: 'ready' });
    expect(ofSession.filter((line) => line.profile !== undefined)).toHaveLength(1);
    expect(ofSession.some((line) => line.msg === 'profile')).toBe(false);
  });
});
