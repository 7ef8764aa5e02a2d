import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
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

  it('fails loudly on invalid values, naming each variable', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'chatty', DATABASE_URL: 'mysql://x' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT/);
    expect(attempt).toThrow(/LOG_LEVEL/);
    expect(attempt).toThrow(/DATABASE_URL/);
  });
});
