import { describe, expect, it } from 'vitest';
import { jsonOf } from '../json-once.js';
import type { TurnWrite } from './session-store.js';
import { commitJson, toCommitPayload } from './sql-session-store.js';

const answered: TurnWrite = {
  sessionId: '7d0b8f3e-5f1e-4f7a-9a57-0c5d6f1f2a10',
  expectedVersion: 3,
  session: { status: 'collecting_data', currentStep: 'birth_time', collectedData: { name: 'Maria' }, snapshot: { format: 1 } },
  events: [{ kind: 'inbound', channel: 'web', payload: { text: "it's 5 March" } }],
};

describe('commitJson: the commit argument as text', () => {
  it.each<[string, TurnWrite]>([
    ['with a reply', { ...answered, messageKey: 'web:s:m1', reply: { status: 'collecting_data', message: 'And the time? "7:30"' } }],
    ['with no reply to keep', { ...answered, messageKey: 'web:s:m2' }],
    ['without a message key', answered],
  ])('says what toCommitPayload says (%s)', (_, turn) => {
    expect(JSON.parse(commitJson(turn))).toEqual(JSON.parse(JSON.stringify(toCommitPayload(turn))));
  });

  it('serialises the reply once: the response sends the very text the commit carried', () => {
    const reply = { status: 'completed', message: 'Here is your chart.' };
    const text = commitJson({ ...answered, messageKey: 'web:s:m3', reply });
    expect(text.startsWith(`{"reply":${jsonOf(reply)},`)).toBe(true);
    expect(Object.isFrozen(reply)).toBe(true);
  });

  it('serialises a profile once: the reply ends with it and the commit writes it as the profile too', () => {
    let reads = 0;
    const data = {
      kind: 'birth-chart',
      bodies: [{ name: 'Sun', longitude: 344.4234 }],
      get summary() {
        reads += 1;
        return 'Maria, your Sun is in Pisces.';
      },
    };
    const reply = { status: 'completed', message: 'Maria, your Sun is in Pisces.', profile: data };
    const turn: TurnWrite = { ...answered, messageKey: 'web:s:m4', reply, profile: { kind: 'birth-chart', data } };
    const text = commitJson(turn);
    expect(reads).toBe(1);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(toCommitPayload(turn))));
    expect(jsonOf(reply)).toBe(JSON.stringify(reply));
  });

  it('writes a profile that is not the reply\'s as it is', () => {
    const reply = { status: 'completed', message: 'Done.', profile: { kind: 'summary', total: 3 } };
    const turn: TurnWrite = { ...answered, messageKey: 'web:s:m5', reply, profile: { kind: 'summary', data: { total: 4 } } };
    expect(JSON.parse(commitJson(turn))).toEqual(JSON.parse(JSON.stringify(toCommitPayload(turn))));
  });
});
