import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the development secret of a data folder is kept. */
export function devSecretPath(dataDir: string): string {
  return join(dataDir, 'dev-jwt-secret');
}

/**
 * The development HS256 secret of a local service: random, made at first start, kept (mode 0600) in the data
 * folder so `npm run token` and a restarted service agree. Never a fixed, published value.
 */
export function loadOrCreateDevSecret(dataDir: string, fileName = 'dev-jwt-secret'): { secret: string; path: string; created: boolean } {
  const path = join(dataDir, fileName);
  if (existsSync(path)) return { secret: readFileSync(path, 'utf8').trim(), path, created: false };
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return { secret, path, created: true };
}
