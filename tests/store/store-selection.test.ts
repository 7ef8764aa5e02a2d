import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { storeTargetFrom } from '../../src/store/open-store.js';

const key = 'service-role-key-of-at-least-20-chars';

describe('store selection from the environment', () => {
  it('picks the supabase driver when SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY are set', () => {
    const config = loadConfig({ SUPABASE_URL: 'https://abc.supabase.co', SUPABASE_SERVICE_ROLE_KEY: key });
    expect(storeTargetFrom(config)).toEqual({ kind: 'supabase', url: 'https://abc.supabase.co', serviceRoleKey: key });
  });

  it('keeps postgres for DATABASE_URL and embedded by default', () => {
    expect(storeTargetFrom(loadConfig({ DATABASE_URL: 'postgres://u:p@h:5432/d' }))).toMatchObject({ kind: 'postgres' });
    expect(storeTargetFrom(loadConfig({}))).toMatchObject({ kind: 'embedded' });
  });

  it('refuses half a supabase configuration, or one next to DATABASE_URL', () => {
    expect(() => loadConfig({ SUPABASE_URL: 'https://abc.supabase.co' })).toThrow(/SUPABASE_SERVICE_ROLE_KEY/);
    expect(() => loadConfig({ SUPABASE_SERVICE_ROLE_KEY: key })).toThrow(/SUPABASE_URL/);
    expect(() => loadConfig({ SUPABASE_URL: 'https://abc.supabase.co', SUPABASE_SERVICE_ROLE_KEY: key, DATABASE_URL: 'postgres://h/d' })).toThrow(
      /either DATABASE_URL or SUPABASE_URL/,
    );
    expect(() => loadConfig({ SUPABASE_URL: 'ftp://abc.supabase.co', SUPABASE_SERVICE_ROLE_KEY: key })).toThrow(/SUPABASE_URL/);
  });

  it('reads the cleanup knobs, 7 days and hourly by default', () => {
    expect(loadConfig({})).toMatchObject({ SESSION_MAX_AGE_DAYS: 7, CLEANUP_INTERVAL_MINUTES: 60 });
    expect(loadConfig({ SESSION_MAX_AGE_DAYS: '30', CLEANUP_INTERVAL_MINUTES: '0' })).toMatchObject({ SESSION_MAX_AGE_DAYS: 30, CLEANUP_INTERVAL_MINUTES: 0 });
    expect(() => loadConfig({ SESSION_MAX_AGE_DAYS: '0' })).toThrow(/SESSION_MAX_AGE_DAYS/);
  });
});
