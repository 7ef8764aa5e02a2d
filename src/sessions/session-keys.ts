import { createHash, createHmac, hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new secret session key: 256 random bits, base64url. Only its hash is stored. */
export function newSessionKey(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * SHA-256 of a session key, hex: what the sessions table stores in `session_key`. Every turn hashes the key it is
 * shown; the one-shot crypto.hash skips the Hash object createHash builds (1.9% of the service's CPU under load).
 */
export function hashSessionKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/** Whether a presented key's hash (hashSessionKey: a turn hashes the key it is shown once) matches a stored hash, in constant time. */
export function sessionKeyHashMatches(presentedHash: string, storedHash: string): boolean {
  const a = Buffer.from(presentedHash, 'utf8');
  const b = Buffer.from(storedHash, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * What an idempotent start stores and answers with: the hash of the client's scope and key (the key itself is
 * never stored or logged), the hash of the request, and the session key, derived from the key's hash with the
 * service's secret so a retry gets the same key while the database holds only its SHA-256, as for any session.
 */
export function idempotentStart(
  idempotency: { key: string; scope: string; request: string },
  secret: string,
): { keyHash: string; requestHash: string; sessionKey: (sessionId: string) => string } {
  const keyHash = createHash('sha256').update(`${idempotency.scope}\n${idempotency.key}`, 'utf8').digest('hex');
  return {
    keyHash,
    requestHash: createHash('sha256').update(idempotency.request, 'utf8').digest('hex'),
    // With the session id: a key used again after it expired makes another session, with another key.
    sessionKey: (sessionId) => createHmac('sha256', secret).update(`session-key\n${keyHash}\n${sessionId}`, 'utf8').digest('base64url'),
  };
}
