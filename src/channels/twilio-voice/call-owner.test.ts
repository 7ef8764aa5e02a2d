import { describe, expect, it } from 'vitest';
import { callReaches } from './call-owner.js';

const CALL = `CA${'1'.repeat(32)}`;
const OTHER_CALL = `CA${'2'.repeat(32)}`;
const NUMBER = '+12025550100';
const call = { callSid: CALL, from: NUMBER, to: '+15550001111' };

describe('which sessions a call reaches', () => {
  it('its own number\'s voice session, on this call once a call is stored', () => {
    expect(callReaches({ channel: 'voice', phoneNumber: NUMBER, callSid: CALL }, call)).toBe(true);
    expect(callReaches({ channel: 'voice', phoneNumber: NUMBER, callSid: OTHER_CALL }, call)).toBe(false);
    // Stored before sessions remembered their call: the number alone.
    expect(callReaches({ channel: 'voice', phoneNumber: NUMBER, callSid: null }, call)).toBe(true);
  });

  it('never another number\'s, another channel\'s, or a session without a number unless it stores this call', () => {
    expect(callReaches({ channel: 'voice', phoneNumber: '+12025550199', callSid: CALL }, call)).toBe(false);
    for (const channel of ['web', 'sms', 'whatsapp'] as const) expect(callReaches({ channel, phoneNumber: NUMBER, callSid: CALL }, call)).toBe(false);
    expect(callReaches({ channel: 'voice', phoneNumber: null, callSid: null }, call)).toBe(false);
    expect(callReaches({ channel: 'voice', phoneNumber: null, callSid: null }, { ...call, from: null })).toBe(false);
    // A withheld number's own call.
    expect(callReaches({ channel: 'voice', phoneNumber: null, callSid: CALL }, { ...call, from: null })).toBe(true);
    expect(callReaches({ channel: 'voice', phoneNumber: NUMBER, callSid: CALL }, { ...call, from: null })).toBe(false);
  });
});
