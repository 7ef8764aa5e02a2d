import { jwtVerify, SignJWT } from 'jose';

/** Signed, expiring links that open a session on another device: PUBLIC_URL/r/<token>. */
export interface MagicLinks {
  /** The link for an open session, valid for the configured time. */
  linkFor(sessionId: string, now?: Date): Promise<string>;
  /** The session a token names; null when it is forged, expired, or not a resume token. */
  sessionOf(token: string, now?: Date): Promise<string | null>;
}

const PURPOSE = 'resume';

/**
 * HS256 tokens (jose) carrying the session id, a purpose claim (so no other token signed with the same secret
 * passes) and an expiry. The link itself grants nothing a code would not: opening it still goes through the
 * identity rule of the session's flow (see resume-service.ts).
 */
export function createMagicLinks(secret: string, publicUrl: string, ttlHours: number): MagicLinks {
  const key = new TextEncoder().encode(secret);
  return {
    async linkFor(sessionId, now = new Date()) {
      const issuedAt = Math.floor(now.getTime() / 1000);
      const token = await new SignJWT({ purpose: PURPOSE })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sessionId)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + ttlHours * 3600)
        .sign(key);
      return `${publicUrl}/r/${token}`;
    },
    async sessionOf(token, now = new Date()) {
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: now });
        return payload.purpose === PURPOSE && typeof payload.sub === 'string' ? payload.sub : null;
      } catch {
        return null;
      }
    },
  };
}
