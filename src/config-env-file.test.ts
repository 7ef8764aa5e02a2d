import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, withEnvFile } from './config.js';

function envFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'onboarding-env-')), '.env');
  writeFileSync(path, text);
  return path;
}

describe('.env at boot', () => {
  it('reads the file under the environment: the real environment wins, an empty variable counts as unset', () => {
    const path = envFile('PORT=4100\nLOG_LEVEL=debug\nDEFAULT_LANGUAGE="es"\n# a comment\nWIDGET_ORIGINS=https://a.example\n');
    const { env, fromFile } = withEnvFile({ PORT: '4200', WIDGET_ORIGINS: '' }, path);
    const config = loadConfig(env, fromFile);
    expect(config).toMatchObject({ PORT: 4200, LOG_LEVEL: 'debug', DEFAULT_LANGUAGE: 'es', WIDGET_ORIGINS: ['https://a.example'] });
    expect([...fromFile].sort()).toEqual(['DEFAULT_LANGUAGE', 'LOG_LEVEL', 'WIDGET_ORIGINS']);
  });

  it('validates the file as the environment is validated, and says the bad value came from .env', () => {
    const path = envFile('PORT=eighty\n');
    const { env, fromFile } = withEnvFile({ LOG_LEVEL: 'chatty' }, path);
    const attempt = () => loadConfig(env, fromFile);
    expect(attempt).toThrow(/PORT \(from \.env\): /);
    expect(attempt).toThrow(/ {2}LOG_LEVEL: /);
  });

  it('changes nothing without a file', () => {
    const env = { PORT: '1234' };
    expect(withEnvFile(env, join(tmpdir(), 'no-such-folder-xyz', '.env'))).toEqual({ env, fromFile: new Set() });
  });
});
