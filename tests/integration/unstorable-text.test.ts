import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantApi } from '../support/api-client.js';
import { startTestServer, type TestDriver, type TestServer } from '../support/test-server.js';

/** Text PostgreSQL cannot store as it is: U+0000 and lone UTF-16 surrogates (issue 15, item 4). */
describe.each<TestDriver>(['embedded', 'postgres'])('messages with U+0000 or a lone surrogate (%s database)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ driver });
  });
  afterAll(async () => {
    await server.close();
  });

  it('are answered like any message on every step, and stored without the bytes PostgreSQL refuses', async () => {
    const started = (await instantApi.start(server.url)).body as { session_id: string; session_key: string };
    const reply = (text: string) => instantApi.reply(server.url, started.session_id, started.session_key, { text });
    for (const text of ['\u0000', 'Ma\u0000ria', '\uD83D', 'Ana \uDE00 Lima']) {
      const res = await reply(text);
      expect(res.status, JSON.stringify(text)).toBe(200);
      if (res.body.next_step !== 'name') break;
    }
    const view = await instantApi.get(server.url, started.session_id, started.session_key);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ collected_data: { name: 'Maria' }, next_step: 'birth_date' });
    for (const text of ['5 March 1990\u0000', '\uDBFF 7:30']) expect((await reply(text)).status).toBe(200);
    const errors = server.logs.filter((line) => Number(line.level) >= 50);
    expect(errors).toEqual([]);
  });
});
