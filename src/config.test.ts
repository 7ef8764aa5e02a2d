import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from './config.js';
import { ConfigError } from './errors.js';

describe('configuration', () => {
  it('has working defaults: embedded database, port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './.data', DEFAULT_FLOW: 'instant-birth-chart' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('reads DATABASE_URL and lists', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/db', WIDGET_ORIGINS: 'https://a.example, https://b.example' });
    expect(config.DATABASE_URL).toBe('postgres://u:p@localhost:5432/db');
    expect(config.WIDGET_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
  });

  it('reads the Twilio messaging settings', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://bot.example.com/',
      TWILIO_ACCOUNT_SID: `AC${'0a'.repeat(16)}`,
      TWILIO_AUTH_TOKEN: 'f'.repeat(32),
      TWILIO_FLOW_BY_NUMBER: '+15550001111=instant-birth-chart, whatsapp:+34900000000=other-flow',
      TWILIO_WHATSAPP_TEMPLATES: `profile_ready=HX${'1'.repeat(32)}`,
    });
    expect(config).toMatchObject({
      PUBLIC_URL: 'https://bot.example.com',
      TWILIO_FLOW_BY_NUMBER: { '+15550001111': 'instant-birth-chart', '+34900000000': 'other-flow' },
      TWILIO_WHATSAPP_TEMPLATES: { profile_ready: `HX${'1'.repeat(32)}` },
      TWILIO_OUTBOX_MAX_ATTEMPTS: 5,
    });
    expect(loadConfig({}).TWILIO_ACCOUNT_SID).toBeUndefined();
  });

  it('refuses incomplete or malformed Twilio settings', () => {
    const token = { TWILIO_AUTH_TOKEN: 'f'.repeat(32) };
    expect(() => loadConfig(token)).toThrow(/TWILIO_ACCOUNT_SID: TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN go together/);
    expect(() => loadConfig({ ...token, TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}` })).toThrow(/PUBLIC_URL: needed with Twilio credentials/);
    expect(() => loadConfig({ TWILIO_ACCOUNT_SID: 'AC123' })).toThrow(/TWILIO_ACCOUNT_SID: must be AC followed by 32 hex digits/);
    expect(() => loadConfig({ TWILIO_FLOW_BY_NUMBER: '15550001111:flow' })).toThrow(/TWILIO_FLOW_BY_NUMBER: "15550001111:flow" is not of the form/);
    expect(() => loadConfig({ TWILIO_WHATSAPP_TEMPLATES: 'profile_ready=HX12' })).toThrow(/TWILIO_WHATSAPP_TEMPLATES/);
    expect(() => loadConfig({ TWILIO_OUTBOX_MAX_ATTEMPTS: '0' })).toThrow(/TWILIO_OUTBOX_MAX_ATTEMPTS/);
  });

  it('takes console mode (TWILIO_CONSOLE) only on a loopback HOST and without credentials', () => {
    expect(loadConfig({}).TWILIO_CONSOLE).toBe(false);
    for (const HOST of ['127.0.0.1', 'localhost', '::1']) expect(loadConfig({ TWILIO_CONSOLE: 'true', HOST }).TWILIO_CONSOLE).toBe(true);
    expect(loadConfig({ TWILIO_CONSOLE: 'true' }).HOST).toBe('127.0.0.1');
    for (const HOST of ['0.0.0.0', '::', '192.168.1.10', 'bot.example.com']) {
      expect(() => loadConfig({ TWILIO_CONSOLE: 'true', HOST })).toThrow(/TWILIO_CONSOLE: console mode takes unsigned webhooks, so only on a loopback HOST/);
    }
    expect(loadConfig({ TWILIO_CONSOLE: 'false', HOST: '0.0.0.0' }).TWILIO_CONSOLE).toBe(false);
    const credentials = { TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'f'.repeat(32), PUBLIC_URL: 'https://bot.example.com' };
    expect(() => loadConfig({ ...credentials, TWILIO_CONSOLE: 'true' })).toThrow(/TWILIO_CONSOLE: console mode is for running without Twilio credentials/);
    expect(() => loadConfig({ TWILIO_CONSOLE: 'yes' })).toThrow(/TWILIO_CONSOLE/);
  });

  it('runs several service processes only on a database server, never on the embedded one', () => {
    expect(loadConfig({}).SERVICE_PROCESSES).toBe(1);
    expect(loadConfig({ SERVICE_PROCESSES: '4', DATABASE_URL: 'postgres://u:p@localhost:5432/db' }).SERVICE_PROCESSES).toBe(4);
    const supabase = { SUPABASE_URL: 'https://ref.supabase.co', SUPABASE_SERVICE_ROLE_KEY: 'k'.repeat(40) };
    expect(loadConfig({ ...supabase, SERVICE_PROCESSES: '2' }).SERVICE_PROCESSES).toBe(2);
    expect(() => loadConfig({ SERVICE_PROCESSES: '2' })).toThrow(/SERVICE_PROCESSES: above 1 needs DATABASE_URL .*the embedded database \(PGlite\) lives inside one process/);
    for (const bad of ['0', '1.5', 'two', '65']) expect(() => loadConfig({ SERVICE_PROCESSES: bad, DATABASE_URL: 'postgres://u:p@localhost:5432/db' })).toThrow(/SERVICE_PROCESSES/);
  });

  it('fails loudly on invalid values, naming each variable', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'chatty', DATABASE_URL: 'mysql://x' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT/);
    expect(attempt).toThrow(/LOG_LEVEL/);
    expect(attempt).toThrow(/DATABASE_URL/);
  });
});

describe('every setting is documented', () => {
  const names = Object.keys(configSchema.shape);
  const readme = readFileSync('README.md', 'utf8');
  const example = readFileSync('.env.example', 'utf8');

  it.each(names)('%s is in the README table and in .env.example', (name) => {
    expect(readme).toMatch(new RegExp(`^\\|[^\\n]*\`${name}\`[^\\n]*\\|`, 'mu'));
    expect(example).toMatch(new RegExp(`^#? ?${name}=`, 'mu'));
  });
});
