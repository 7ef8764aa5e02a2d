import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AppError, UnauthorizedError } from '../errors.js';

/** A signed-in user as a verified Supabase Auth access token says. */
export interface VerifiedUser {
  userId: string;
  email?: string;
  /** user_metadata.full_name, else user_metadata.name. */
  name?: string;
  /** The verified phone number (the `phone` claim), in E.164. */
  phone?: string;
  claims: JWTPayload;
}

export interface VerifierOptions {
  /** HS256 secret (SUPABASE_JWT_SECRET, or the development secret). */
  secret?: Uint8Array;
  /** The project's JWKS (SUPABASE_JWKS_URL) for asymmetric keys (ES256, RS256, EdDSA). */
  jwksUrl?: URL;
  /** Checked when given (SUPABASE_JWT_ISSUER, e.g. https://<ref>.supabase.co/auth/v1). */
  issuer?: string;
  /** The least time between two fetches of the key set for an unknown key id (jose's default: 30 s). */
  jwksCooldownMs?: number;
}

export interface AccessTokenVerifier {
  /** The user of a token; UnauthorizedError for any token that is not a valid one. */
  verify(token: string): Promise<VerifiedUser>;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ASYMMETRIC = ['ES256', 'RS256', 'EdDSA'];

/**
 * Verifies Supabase Auth access tokens with jose: HS256 with the shared secret, anything else through the
 * project's JWKS (one resolver for the process, so jose's cache and cooldown hold). Each path has its own
 * algorithm list, so `alg: none` and algorithm confusion are refused; `exp`, `aud` = `authenticated`, the
 * `role` claim and a uuid `sub` are checked. No framework here: the HTTP edge maps the errors.
 */
export function createAccessTokenVerifier(options: VerifierOptions): AccessTokenVerifier {
  const jwks: JWTVerifyGetKey | null = options.jwksUrl
    ? createRemoteJWKSet(options.jwksUrl, options.jwksCooldownMs === undefined ? {} : { cooldownDuration: options.jwksCooldownMs })
    : null;
  const common = {
    audience: 'authenticated',
    requiredClaims: ['sub', 'exp', 'role'],
    clockTolerance: 30,
    ...(options.issuer ? { issuer: options.issuer } : {}),
  };

  async function payloadOf(token: string): Promise<JWTPayload> {
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new UnauthorizedError('The access token is malformed.');
    }
    if (alg === 'HS256' && options.secret) return (await jwtVerify(token, options.secret, { ...common, algorithms: ['HS256'] })).payload;
    if (typeof alg === 'string' && ASYMMETRIC.includes(alg) && jwks) return (await jwtVerify(token, jwks, { ...common, algorithms: ASYMMETRIC })).payload;
    throw new UnauthorizedError('The access token is signed in a way this service does not accept.');
  }

  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        payload = await payloadOf(token);
      } catch (error) {
        if (error instanceof AppError) throw error;
        // The key set could not be fetched (a timeout, or fetch's own failure): our outage, not the caller's fault.
        if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
          throw new AppError('SERVICE_UNAVAILABLE', 'The sign-in keys cannot be fetched right now; try again.', 503, { cause: error });
        }
        throw new UnauthorizedError(error instanceof errors.JWTExpired ? 'The access token has expired.' : 'The access token is not valid.');
      }
      if (payload.role !== 'authenticated') throw new UnauthorizedError('The access token is not a signed-in user\'s.');
      if (typeof payload.sub !== 'string' || !UUID.test(payload.sub)) throw new UnauthorizedError('The access token names no user.');
      const metadata = (payload.user_metadata ?? {}) as Record<string, unknown>;
      const name = [metadata.full_name, metadata.name].find((v): v is string => typeof v === 'string' && v.trim() !== '');
      // Supabase writes the phone without "+"; an empty claim means none.
      const phone = typeof payload.phone === 'string' ? payload.phone.replace(/^\+?/, '+') : '';
      return {
        userId: payload.sub.toLowerCase(),
        ...(typeof payload.email === 'string' && payload.email ? { email: payload.email } : {}),
        ...(name ? { name: name.trim() } : {}),
        ...(E164.test(phone) ? { phone } : {}),
        claims: payload,
      };
    },
  };
}

/** The token of an `Authorization: Bearer <token>` header; UnauthorizedError when there is none. */
export function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) throw new UnauthorizedError();
  return match[1];
}
