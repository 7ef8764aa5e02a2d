import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { resolveAuth } from './auth-config.js';
import { devSecretPath } from './dev-secret.js';

const folders: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'auth-config-'));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('how access tokens are verified', () => {
  it('makes a random development secret once for a local service, with mode 0600, and reuses it', () => {
    const dir = dataDir();
    const first = resolveAuth({ NODE_ENV: 'development', HOST: '127.0.0.1', DATA_DIR: dir });
    expect(first.description).toContain(devSecretPath(dir));
    expect(statSync(devSecretPath(dir)).mode & 0o777).toBe(0o600);
    const secret = readFileSync(devSecretPath(dir), 'utf8').trim();
    expect(secret.length).toBeGreaterThanOrEqual(60);
    const again = resolveAuth({ NODE_ENV: 'development', HOST: 'localhost', DATA_DIR: dir });
    expect(again.verifier.secret).toEqual(first.verifier.secret);
    expect(new TextDecoder().decode(again.verifier.secret)).toBe(secret);
    // Another data folder gets another secret: nothing fixed or published.
    expect(resolveAuth({ NODE_ENV: 'development', HOST: '127.0.0.1', DATA_DIR: dataDir() }).verifier.secret).not.toEqual(first.verifier.secret);
  });

  it('refuses to start beyond loopback or in production without a secret or JWKS', () => {
    expect(() => resolveAuth({ NODE_ENV: 'development', HOST: '0.0.0.0', DATA_DIR: dataDir() })).toThrow(ConfigError);
    expect(() => resolveAuth({ NODE_ENV: 'production', HOST: '127.0.0.1', DATA_DIR: dataDir() })).toThrow(ConfigError);
  });

  it('uses the configured secret and JWKS whatever the address', () => {
    const setup = resolveAuth({
      NODE_ENV: 'production',
      HOST: '0.0.0.0',
      DATA_DIR: dataDir(),
      SUPABASE_JWT_SECRET: 'a'.repeat(40),
      SUPABASE_JWKS_URL: 'https://ref.supabase.co/auth/v1/.well-known/jwks.json',
    });
    expect(setup.verifier.secret).toEqual(new TextEncoder().encode('a'.repeat(40)));
    expect(setup.verifier.jwksUrl?.href).toBe('https://ref.supabase.co/auth/v1/.well-known/jwks.json');
    expect(setup.description).toBe('SUPABASE_JWT_SECRET and SUPABASE_JWKS_URL');
  });
});
