import { SignJWT } from 'jose';

/** An access token as Supabase Auth issues it (HS256, aud and role `authenticated`, an hour long). */
export function accessToken(userId: string, secret: string, claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ role: 'authenticated', ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setAudience('authenticated')
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
}
