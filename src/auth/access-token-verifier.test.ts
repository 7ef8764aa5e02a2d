import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { bearerToken, createAccessTokenVerifier } from './access-token-verifier.js';

const USER = '6f1c2b9e-8d4a-4c1e-9b7a-2f3e4d5c6b7a';
const SECRET = 'verifier-test-secret-0123456789abcdef0123';
const secretBytes = new TextEncoder().encode(SECRET);

function claims(overrides: Record<string, unknown> = {}) {
  return new SignJWT({ role: 'authenticated', email: 'ana@example.com', user_metadata: { full_name: 'Ana Lima' }, ...overrides })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(USER)
    .setAudience('authenticated')
    .setIssuedAt()
    .setExpirationTime('1h');
}

async function rejection(promise: Promise<unknown>): Promise<{ code: string; status: number } | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    return error instanceof AppError ? { code: error.code, status: error.status } : { code: String(error), status: 0 };
  }
}

describe('access tokens signed with the HS256 secret', () => {
  const verifier = createAccessTokenVerifier({ secret: secretBytes });

  it('accepts a valid token and reads the user, email and name', async () => {
    const user = await verifier.verify(await claims().sign(secretBytes));
    expect(user).toMatchObject({ userId: USER, email: 'ana@example.com', name: 'Ana Lima' });
  });

  it('refuses expired, wrong-secret, tampered, wrong-audience, wrong-role, unsigned and malformed tokens', async () => {
    const valid = await claims().sign(secretBytes);
    const [header, , signature] = valid.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: '00000000-0000-4000-8000-000000000000', aud: 'authenticated', role: 'authenticated', exp: 4102444800 })).toString('base64url');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${forgedPayload}.`;
    const cases = {
      expired: await claims().setExpirationTime(Math.floor(Date.now() / 1000) - 3600).sign(secretBytes),
      wrongSecret: await claims().sign(new TextEncoder().encode('another-secret-0123456789abcdef0123456')),
      tampered: `${header}.${forgedPayload}.${signature}`,
      wrongAudience: await claims().setAudience('anon').sign(secretBytes),
      anonRole: await claims({ role: 'anon' }).sign(secretBytes),
      serviceRole: await claims({ role: 'service_role' }).sign(secretBytes),
      noUuidSub: await claims().setSubject('admin').sign(secretBytes),
      none,
      malformed: 'abc.def',
    };
    for (const [name, token] of Object.entries(cases)) {
      expect({ name, result: await rejection(verifier.verify(token)) }).toEqual({ name, result: { code: 'UNAUTHORIZED', status: 401 } });
    }
  });

  it('refuses an asymmetric token when no JWKS is configured', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT({ role: 'authenticated' }).setProtectedHeader({ alg: 'ES256' }).setSubject(USER).setAudience('authenticated').setExpirationTime('1h').sign(privateKey);
    expect(await rejection(verifier.verify(token))).toEqual({ code: 'UNAUTHORIZED', status: 401 });
  });

  it('reads the token of an Authorization header, and nothing else', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer abc')).toBe('abc');
    for (const header of [undefined, '', 'Basic abc', 'Bearer', 'Bearer a b']) expect(() => bearerToken(header)).toThrow(AppError);
  });
});

describe('access tokens signed with the project\'s keys (JWKS)', () => {
  let server: Server;
  let keys: JWK[] = [];
  let fetches = 0;
  let url: URL;
  beforeAll(async () => {
    server = createServer((_request, response) => {
      fetches += 1;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/auth/v1/.well-known/jwks.json`);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function keyPair(kid: string) {
    const pair = await generateKeyPair('ES256', { extractable: true });
    return { ...pair, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256', use: 'sig' } };
  }
  const signWith = (key: CryptoKey, kid: string) =>
    new SignJWT({ role: 'authenticated' }).setProtectedHeader({ alg: 'ES256', kid }).setSubject(USER).setAudience('authenticated').setExpirationTime('1h').sign(key);

  it('accepts a token of a published key, and refuses an unknown key', async () => {
    const first = await keyPair('key-1');
    const stranger = await keyPair('key-x');
    keys = [first.jwk];
    const verifier = createAccessTokenVerifier({ jwksUrl: url });
    expect((await verifier.verify(await signWith(first.privateKey, 'key-1'))).userId).toBe(USER);
    expect(await rejection(verifier.verify(await signWith(stranger.privateKey, 'key-x')))).toEqual({ code: 'UNAUTHORIZED', status: 401 });
    // A key signed as someone else's kid does not verify either.
    expect(await rejection(verifier.verify(await signWith(stranger.privateKey, 'key-1')))).toEqual({ code: 'UNAUTHORIZED', status: 401 });
  });

  it('fetches the key set once for many tokens, and again for a rotated key', async () => {
    const first = await keyPair('r-1');
    keys = [first.jwk];
    const verifier = createAccessTokenVerifier({ jwksUrl: url, jwksCooldownMs: 0 });
    const before = fetches;
    for (let i = 0; i < 5; i++) await verifier.verify(await signWith(first.privateKey, 'r-1'));
    expect(fetches - before).toBe(1);
    // Rotation: a new key is published; the same verifier fetches the set again for the unknown kid.
    const second = await keyPair('r-2');
    keys = [first.jwk, second.jwk];
    expect((await verifier.verify(await signWith(second.privateKey, 'r-2'))).userId).toBe(USER);
    expect(fetches - before).toBe(2);
  });

  it('answers 503, not 401, when the key set cannot be fetched', async () => {
    const first = await keyPair('down-1');
    const verifier = createAccessTokenVerifier({ jwksUrl: new URL('http://127.0.0.1:1/jwks.json') });
    expect(await rejection(verifier.verify(await signWith(first.privateKey, 'down-1')))).toEqual({ code: 'SERVICE_UNAVAILABLE', status: 503 });
  });
});
