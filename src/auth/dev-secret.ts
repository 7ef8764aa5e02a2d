import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the development secret of a data folder is kept. */
export function devSecretPath(dataDir: string): string {
  return join(dataDir, 'dev-jwt-secret');
}

/**
 * The development HS256 secret of a local service: random, made at first start, kept (mode 0600) in the data
 * folder so `npm run token` and a restarted service agree. Never a fixed, published value.
 *
 * Several processes may start on one data folder at once (SERVICE_PROCESSES): the secret is written whole to a
 * file of this process's own and then linked into place, which fails when another process got there first; the
 * loser reads the winner's secret. No process ever reads a half-written file or keeps a secret of its own.
 */
export function loadOrCreateDevSecret(dataDir: string, fileName = 'dev-jwt-secret'): { secret: string; path: string; created: boolean } {
  const path = join(dataDir, fileName);
  const read = (): string => readFileSync(path, 'utf8').trim();
  if (existsSync(path)) return { secret: read(), path, created: false };
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  const draft = `${path}.${process.pid}.new`;
  writeFileSync(draft, `${secret}\n`, { mode: 0o600 });
  chmodSync(draft, 0o600);
  try {
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { secret: read(), path, created: false };
  } finally {
    rmSync(draft, { force: true });
  }
  return { secret, path, created: true };
}
