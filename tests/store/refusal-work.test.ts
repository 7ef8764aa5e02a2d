import { describe, expect, it } from 'vitest';
import { SessionNotFoundError } from '../../src/errors.js';
import type { ServiceDeps } from '../../src/sessions/service-deps.js';
import { loadAuthorized } from '../../src/sessions/session-access.js';
import { hashSessionKey } from '../../src/sessions/session-keys.js';
import type { LoadedSession, LoadOptions, SessionStore } from '../../src/store/session-store.js';

const ID = '11111111-1111-4111-8111-111111111111';
const KEY = 'the-right-key';

/** A store that records every load; `remembered` answers reuse loads from "memory" as the session cache does. */
function recordingStore(exists: boolean, remembered: boolean) {
  const loads: Array<{ reuse: boolean; keyHash: string | undefined }> = [];
  const row = (): LoadedSession => ({
    session: {
      id: ID, keyHash: hashSessionKey(KEY), flowId: 'f', flowVersion: 1, flowHash: null, channel: 'web', language: 'en', status: 'collecting_data',
      currentStep: 'name', collectedData: {}, snapshot: { format: 1 }, version: 0, phoneNumber: null, callSid: null, userId: null,
      createdAt: new Date(), updatedAt: new Date(), completedAt: null,
    },
    profile: null,
  });
  const store = {
    async load(_id: string, _messageKey?: string | null, options: LoadOptions = {}) {
      loads.push({ reuse: options.reuse ?? false, keyHash: options.keyHash });
      if (!exists) return null;
      if (options.reuse && remembered) return { ...row(), remembered: true };
      // The database answers only the row with the key hash asked for.
      return options.keyHash && options.keyHash !== hashSessionKey(KEY) ? null : row();
    },
  } as unknown as SessionStore;
  const databaseReads = () => loads.filter((l) => !(l.reuse && remembered && exists)).length;
  return { deps: { store } as ServiceDeps, loads, databaseReads };
}

/** Issue 15: an unknown id and a wrong key are refused after the same work: one database read, by key hash. */
describe('refusals cost the same', () => {
  const cases = [
    { name: 'unknown id', exists: false, remembered: false, key: 'any-key' },
    { name: 'wrong key, row from the database', exists: true, remembered: false, key: 'a-wrong-key' },
    { name: 'wrong key, row remembered in memory', exists: true, remembered: true, key: 'a-wrong-key' },
  ];
  for (const reuse of [false, true]) {
    for (const c of cases) {
      it(`${c.name} (${reuse ? 'reply' : 'read'}): 404 after one database read that asks for the key's hash`, async () => {
        const { deps, loads, databaseReads } = recordingStore(c.exists, c.remembered);
        await expect(loadAuthorized(deps, ID, c.key, null, { reuse })).rejects.toBeInstanceOf(SessionNotFoundError);
        expect(databaseReads()).toBe(1);
        expect(loads.every((l) => l.keyHash === hashSessionKey(c.key))).toBe(true);
      });
    }
  }

  it('the right key opens the session', async () => {
    const { deps } = recordingStore(true, false);
    expect((await loadAuthorized(deps, ID, KEY, null)).session.id).toBe(ID);
  });
});
