import { createHash, timingSafeEqual } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { AppError, UnauthorizedError } from '../errors.js';

/** How a caller proves it is the service role (the calling team's import, operators' tools). */
export interface ServiceRoleKeys {
  /** SUPABASE_SERVICE_ROLE_KEY: the key itself, compared in constant time. */
  key?: string | undefined;
  /** The project's HS256 secret (SUPABASE_JWT_SECRET): a JWT it signed with `role: service_role` (a legacy service-role key). */
  secret?: Uint8Array | undefined;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Checks `Authorization: Bearer <service-role key>`: 401 without a token or with one that is not the service
 * role's, 403 with a valid token of another role (a signed-in user's), 503 when no key is configured.
 */
export function serviceRoleGuard(keys: ServiceRoleKeys): (token: string) => Promise<void> {
  return async (token) => {
    if (!keys.key && !keys.secret) throw new AppError('SERVICE_ROLE_NOT_CONFIGURED', 'This service has no service-role key to check against (SUPABASE_SERVICE_ROLE_KEY or SUPABASE_JWT_SECRET).', 503);
    if (keys.key && timingSafeEqual(digest(token), digest(keys.key))) return;
    if (!keys.secret) throw new UnauthorizedError('Send the service-role key as "Authorization: Bearer <key>".');
    let role: unknown;
    try {
      if (decodeProtectedHeader(token).alg !== 'HS256') throw new Error('not HS256');
      role = (await jwtVerify(token, keys.secret, { algorithms: ['HS256'], requiredClaims: ['role'], clockTolerance: 30 })).payload.role;
    } catch {
      throw new UnauthorizedError('Send the service-role key as "Authorization: Bearer <key>".');
    }
    if (role !== 'service_role') throw new AppError('FORBIDDEN', 'This needs the service-role key.', 403);
  };
}
