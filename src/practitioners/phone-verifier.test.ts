import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { phoneVerifierFor } from './phone-verifier.js';
import type { PractitionerStore } from './practitioner-store.js';

const store = {} as PractitionerStore;
const parts = { store, clock: () => new Date(), logger: createLogger('silent') };
const twilioEnv = {
  TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'token-0123456789abcdef',
  PUBLIC_URL: 'https://bot.example.test',
};

describe('which phone verifier runs', () => {
  it('Twilio Verify when its service is configured', () => {
    const config = loadConfig({ ...twilioEnv, TWILIO_VERIFY_SERVICE_SID: `VA${'1'.repeat(32)}` });
    expect(phoneVerifierFor(config, parts)?.mode).toBe('twilio-verify');
  });

  it('console mode outside production without it', () => {
    expect(phoneVerifierFor(loadConfig({ NODE_ENV: 'development' }), parts)?.mode).toBe('console');
  });

  it('never console mode in production: no verifier at all', () => {
    expect(phoneVerifierFor(loadConfig({ NODE_ENV: 'production', ...twilioEnv }), parts)).toBeNull();
  });

  it('refuses a Verify service without the Twilio credentials', () => {
    expect(() => loadConfig({ TWILIO_VERIFY_SERVICE_SID: `VA${'1'.repeat(32)}` })).toThrow(/TWILIO_VERIFY_SERVICE_SID/);
  });
});
