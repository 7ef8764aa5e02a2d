import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { describeTwilioWebhookMode, twilioWebhookMode } from './twilio-webhook-mode.js';

const credentials = { TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'f'.repeat(32) };

describe('the Twilio webhook mode', () => {
  it('is signed with credentials, console mode only when asked for, and off otherwise', () => {
    expect(twilioWebhookMode({ ...credentials, TWILIO_CONSOLE: false, HOST: '0.0.0.0' })).toBe('signed');
    expect(twilioWebhookMode({ TWILIO_CONSOLE: true, HOST: '127.0.0.1' })).toBe('console');
    expect(twilioWebhookMode({ TWILIO_CONSOLE: true, HOST: '::1' })).toBe('console');
    expect(twilioWebhookMode({ TWILIO_CONSOLE: false, HOST: '127.0.0.1' })).toBe('off');
    expect(twilioWebhookMode({ TWILIO_CONSOLE: false, HOST: '0.0.0.0' })).toBe('off');
  });

  it('refuses console mode off loopback, however the configuration was made', () => {
    expect(() => twilioWebhookMode({ TWILIO_CONSOLE: true, HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => twilioWebhookMode({ TWILIO_CONSOLE: true, HOST: '10.0.0.5' })).toThrow(/TWILIO_CONSOLE: .*loopback HOST, not 10\.0\.0\.5/);
  });

  it('says each mode plainly for the boot line', () => {
    expect(describeTwilioWebhookMode('signed')).toMatch(/^Twilio webhooks signed/);
    expect(describeTwilioWebhookMode('console')).toMatch(/^Twilio webhooks in console mode \(TWILIO_CONSOLE=true\): unsigned, loopback only/);
    expect(describeTwilioWebhookMode('off')).toMatch(/^Twilio webhooks not mounted/);
  });
});
