import { ConfigError } from '../errors.js';
import type { VerifierOptions } from './access-token-verifier.js';
import { loadOrCreateDevSecret } from './dev-secret.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export interface AuthSettings {
  NODE_ENV: 'development' | 'production' | 'test';
  HOST: string;
  DATA_DIR: string;
  SUPABASE_JWT_SECRET?: string | undefined;
  SUPABASE_JWKS_URL?: string | undefined;
  SUPABASE_JWT_ISSUER?: string | undefined;
}

/** How access tokens are verified, and the line the boot log says about it. */
export interface AuthSetup {
  verifier: VerifierOptions;
  /** What the boot log says: which keys, and where a development secret is. */
  description: string;
}

/**
 * The configured secret and/or JWKS; else, for a local service (loopback, not production), a development
 * secret kept in the data folder (tests: one that lives as long as the process). A service reachable from
 * elsewhere, or in production, refuses to start without real keys.
 */
export function resolveAuth(settings: AuthSettings): AuthSetup {
  const encode = (secret: string) => new TextEncoder().encode(secret);
  const issuer = settings.SUPABASE_JWT_ISSUER ? { issuer: settings.SUPABASE_JWT_ISSUER } : {};
  if (settings.SUPABASE_JWT_SECRET || settings.SUPABASE_JWKS_URL) {
    return {
      verifier: {
        ...(settings.SUPABASE_JWT_SECRET ? { secret: encode(settings.SUPABASE_JWT_SECRET) } : {}),
        ...(settings.SUPABASE_JWKS_URL ? { jwksUrl: new URL(settings.SUPABASE_JWKS_URL) } : {}),
        ...issuer,
      },
      description: [settings.SUPABASE_JWT_SECRET ? 'SUPABASE_JWT_SECRET' : null, settings.SUPABASE_JWKS_URL ? 'SUPABASE_JWKS_URL' : null].filter(Boolean).join(' and '),
    };
  }
  if (settings.NODE_ENV === 'production' || !LOOPBACK.has(settings.HOST)) {
    throw new ConfigError(
      'Signed-in onboarding needs SUPABASE_JWT_SECRET or SUPABASE_JWKS_URL when the service listens beyond loopback or runs in production.',
    );
  }
  if (settings.NODE_ENV === 'test') {
    return { verifier: { secret: encode(crypto.randomUUID() + crypto.randomUUID()), ...issuer }, description: 'a secret of this test process' };
  }
  const dev = loadOrCreateDevSecret(settings.DATA_DIR);
  return {
    verifier: { secret: encode(dev.secret), ...issuer },
    description: `a development secret ${dev.created ? 'made now and ' : ''}kept in ${dev.path} (npm run token -- <user-id> signs with it)`,
  };
}
