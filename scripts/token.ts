/**
 * npm run token -- <user-id> [email] [full name]
 * Prints an access token like Supabase Auth's (HS256, aud and role `authenticated`, an hour long) for trying the
 * signed-in API locally, signed with SUPABASE_JWT_SECRET or else the development secret in DATA_DIR (made if
 * missing, as the service makes it).
 */
import { SignJWT } from 'jose';
import { loadOrCreateDevSecret } from '../src/auth/dev-secret.js';
import { loadConfigAtBoot } from '../src/config.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function main(): Promise<void> {
  const [userId, email, name] = process.argv.slice(2);
  if (!userId || !UUID.test(userId)) {
    throw new Error('usage: npm run token -- <user-id (a uuid)> [email] [full name]');
  }
  const config = loadConfigAtBoot();
  const secret = config.SUPABASE_JWT_SECRET ?? loadOrCreateDevSecret(config.DATA_DIR).secret;
  const signed = new SignJWT({
    role: 'authenticated',
    ...(email ? { email } : {}),
    ...(name ? { user_metadata: { full_name: name } } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setAudience('authenticated')
    .setIssuedAt()
    .setExpirationTime('1h');
  if (config.SUPABASE_JWT_ISSUER) signed.setIssuer(config.SUPABASE_JWT_ISSUER);
  const token = await signed.sign(new TextEncoder().encode(secret));
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
