import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { createSignatureCheck } from './verify-signature.js';

const TOKEN = 'an-auth-token-of-some-length';
const params = { MessageSid: `SM${'0'.repeat(32)}`, From: '+34612345678', Body: 'Hola' };

describe('Twilio signature check', () => {
  it('checks against the public URL, not the address the server listens on (TLS proxy)', () => {
    const check = createSignatureCheck(TOKEN, 'https://bot.example.com/')!;
    const signed = twilio.getExpectedTwilioSignature(TOKEN, 'https://bot.example.com/webhooks/twilio/messaging?x=1', params);
    expect(check('/webhooks/twilio/messaging?x=1', signed, params)).toBe(true);
    const internal = twilio.getExpectedTwilioSignature(TOKEN, 'http://127.0.0.1:3000/webhooks/twilio/messaging?x=1', params);
    expect(check('/webhooks/twilio/messaging?x=1', internal, params)).toBe(false);
    expect(check('/webhooks/twilio/messaging', signed, params)).toBe(false);
    expect(check('/webhooks/twilio/messaging?x=1', signed, { ...params, Body: 'STOP' })).toBe(false);
    expect(check('/webhooks/twilio/messaging?x=1', undefined, params)).toBe(false);
  });

  it('is off without an auth token (console mode)', () => {
    expect(createSignatureCheck(undefined, 'https://bot.example.com')).toBeNull();
  });
});
