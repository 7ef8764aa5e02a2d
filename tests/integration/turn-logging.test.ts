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
});
