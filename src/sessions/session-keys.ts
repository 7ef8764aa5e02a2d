import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new secret session key: 256 random bits, base64url. Only its hash is stored. */
export function newSessionKey(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a session key, hex: what the sessions table stores in `session_key`. */
export function hashSessionKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Whether a presented key matches a stored hash, in constant time. */
export function sessionKeyMatches(presented: string | undefined, storedHash: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(hashSessionKey(presented), 'utf8');
  const b = Buffer.from(storedHash, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
