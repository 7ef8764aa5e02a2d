import { describe, expect, it } from 'vitest';
import { jsonOf, jsonOnce } from './json-once.js';

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
