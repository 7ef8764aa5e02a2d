import { describe, expect, it } from 'vitest';
import { jsonOf, jsonOnce, jsonOnceSharing } from './json-once.js';

describe('jsonOnce', () => {
  it('is JSON.stringify\'s text, kept: the same object gives the same string without serialising again', () => {
    const reply = { status: 'completed', messages: [{ text: 'é "quoted"' }], progress: { percent: 100 } };
    const text = jsonOnce(reply);
    expect(text).toBe(JSON.stringify(reply));
    expect(jsonOnce(reply)).toBe(text);
    expect(jsonOf(reply)).toBe(text);
  });

  it('freezes the object, so a later change throws instead of leaving the kept text stale', () => {
    const reply: { status: string } = { status: 'collecting_data' };
    jsonOnce(reply);
    expect(() => {
      reply.status = 'completed';
    }).toThrow(TypeError);
  });

  it('leaves other values to JSON.stringify, unchanged and unfrozen', () => {
    const other = { code: 'NOT_FOUND' };
    expect(jsonOf(other)).toBe('{"code":"NOT_FOUND"}');
    expect(Object.isFrozen(other)).toBe(false);
    expect(jsonOf('text')).toBe('"text"');
    expect(jsonOf(null)).toBe('null');
  });
});

describe('jsonOnceSharing', () => {
  it.each<[string, Record<string, unknown>]>([
    ['the member last', { status: 'completed', skipped: undefined, profile: { sun: 'Pisces', degrees: [14.4234, -0.0083] } }],
    ['the member alone', { profile: { sun: 'Pisces' } }],
    ['nothing else but undefined', { note: undefined, profile: { sun: 'Pisces' } }],
    ['the member not last', { profile: { sun: 'Pisces' }, status: 'completed' }],
    ['the member null', { status: 'failed', profile: null }],
    ['no such member', { status: 'collecting_data' }],
  ])('is JSON.stringify\'s text (%s)', (_, value) => {
    const expected = JSON.stringify(value);
    expect(jsonOnceSharing(value, 'profile')).toBe(expected);
    expect(jsonOf(value)).toBe(expected);
    expect(Object.isFrozen(value)).toBe(true);
  });

  it('takes the member\'s own text: serialised once for both', () => {
    const member = { sun: 'Pisces' };
    const first = jsonOnce(member);
    expect(jsonOnceSharing({ status: 'completed', profile: member }, 'profile')).toBe(`{"status":"completed","profile":${first}}`);
  });
});
