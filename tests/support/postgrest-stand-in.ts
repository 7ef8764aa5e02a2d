import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';

/**
 * A stand-in for Supabase's API gateway + PostgREST, enough for the supabase driver's tests: PostgREST cannot
 * run on this machine. It serves `POST /rest/v1/rpc/<fn>` only (the driver uses nothing else), and does what
 * PostgREST does with it: verify the JWT (HS256), switch to the role the JWT names inside a transaction, set
 * request.jwt.claims / request.headers / request.method / request.path, call the function with named
 * arguments, and answer in PostgREST's JSON shapes, errors included. What it skips: table routes, GET rpc,
 * Prefer headers, pools per role. The real thing has to be tried against a Supabase project (README).
 */

export const STAND_IN_JWT_SECRET = 'stand-in-jwt-secret-for-tests-only-32+chars';

const base64url = (input: string | Buffer): string => Buffer.from(input).toString('base64url');

/** Signs claims as an HS256 JWT, the kind Supabase's legacy anon and service-role keys are. */
export function signJwt(claims: Record<string, unknown>, secret = STAND_IN_JWT_SECRET): string {
  const head = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = base64url(JSON.stringify({ iss: 'supabase', iat: Math.floor(Date.now() / 1000), ...claims }));
  const signature = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}

/** The claims of a valid, unexpired HS256 token signed with secret; null otherwise. */
export function verifyJwt(token: string, secret = STAND_IN_JWT_SECRET): Record<string, unknown> | null {
  const [head, body, signature] = token.split('.');
  if (!head || !body || !signature) return null;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url'));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: unknown };
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (header.alg !== 'HS256') return null;
    if (typeof claims.exp === 'number' && claims.exp <= Date.now() / 1000) return null;
    return claims;
  } catch {
    return null;
  }
}

/** One request the stand-in answered, for tests to check what the driver sent. */
export interface StandInRequest {
  method: string;
  path: string;
  role: string | null;
  status: number;
}

export interface PostgrestStandIn {
  /** The project URL to give supabase-js (the stand-in serves /rest/v1 under it). */
  url: string;
  requests: StandInRequest[];
  close(): Promise<void>;
}

interface PostgrestErrorBody {
  code: string;
  message: string;
  details: string | null;
  hint: string | null;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: PostgrestErrorBody,
  ) {
    super(body.message);
  }
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

interface FunctionCandidate {
  arg_names: string[];
  arg_types: string[];
  required: number;
  returns_set: boolean;
}

/** PostgREST's mapping of SQLSTATE to HTTP status (the parts that matter here). */
function statusFor(code: string, role: string): number {
  if (code === '42501') return role === 'anon' ? 401 : 403;
  if (code === '42883' || code === '42P01') return 404;
  if (code === '23503' || code === '23505' || code === '40001') return 409;
  if (code === 'P0001') return 400;
  if (/^(08|53)/.test(code)) return 503;
  if (/^(09|25|2D|38|39|3B|40|55|57|58|F0|HV|P0|XX)/.test(code)) return 500;
  if (/^(0L|0P|28)/.test(code)) return 403;
  return 400;
}

function isPostgresError(error: unknown): error is { code: string; message: string; detail?: string; hint?: string } {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // falls through to the PostgREST error below
  }
  throw new HttpError(400, { code: 'PGRST102', message: 'Empty or invalid json', details: null, hint: null });
}

/** Starts the stand-in on 127.0.0.1 in front of databaseUrl (a role that may SET ROLE to the API roles). */
export async function startPostgrestStandIn(databaseUrl: string, options: { jwtSecret?: string } = {}): Promise<PostgrestStandIn> {
  const secret = options.jwtSecret ?? STAND_IN_JWT_SECRET;
  const sql = postgres(databaseUrl, { max: 4, onnotice: () => {} });
  const requests: StandInRequest[] = [];

  /** The gateway checks the apikey; PostgREST takes the role from the bearer token (the apikey when absent). */
  function authenticate(req: IncomingMessage): Record<string, unknown> {
    const apikey = req.headers.apikey;
    if (typeof apikey !== 'string' || apikey === '') {
      throw new HttpError(401, { code: '', message: 'No API key found in request', details: null, hint: null });
    }
    if (!verifyJwt(apikey, secret)) throw new HttpError(401, { code: '', message: 'Invalid API key', details: null, hint: null });
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? apikey;
    const claims = verifyJwt(bearer, secret);
    if (!claims) throw new HttpError(401, { code: 'PGRST301', message: 'JWSError JWSInvalidSignature', details: null, hint: null });
    return claims;
  }

  async function findFunction(name: string, keys: string[]): Promise<FunctionCandidate> {
    const candidates = await sql<FunctionCandidate[]>`
      select array(select a.name from unnest(p.proargnames, coalesce(p.proargmodes::text[], array_fill('i'::text, array[p.pronargs::int])))
                     with ordinality as a(name, mode, n) where a.mode in ('i', 'b', 'v') order by a.n) as arg_names,
             array(select format_type(t, null) from unnest(p.proargtypes::oid[]) with ordinality as u(t, n) order by u.n) as arg_types,
             p.pronargs - p.pronargdefaults as required,
             p.proretset as returns_set
      from pg_proc p
      where p.pronamespace = 'public'::regnamespace and p.proname = ${name}`;
    const match = candidates.find((c) => keys.every((k) => c.arg_names.includes(k)) && c.arg_names.slice(0, c.required).every((a) => keys.includes(a)));
    if (!match) {
      throw new HttpError(404, {
        code: 'PGRST202',
        message: `Could not find the function public.${name}(${[...keys].sort().join(', ')}) in the schema cache`,
        details: null,
        hint: null,
      });
    }
    return match;
  }

  async function callFunction(req: IncomingMessage, name: string, claims: Record<string, unknown>): Promise<unknown> {
    const role = typeof claims.role === 'string' ? claims.role : 'anon';
    const args = await readJson(req);
    const keys = Object.keys(args);
    if (!IDENTIFIER.test(name) || !keys.every((k) => IDENTIFIER.test(k))) {
      throw new HttpError(404, { code: 'PGRST202', message: `Could not find the function public.${name}`, details: null, hint: null });
    }
    const fn = await findFunction(name, keys);
    const [canSwitch] = await sql<{ ok: boolean }[]>`
      select exists (select from pg_roles where rolname = ${role}) and pg_has_role('authenticator', ${role}, 'member') as ok`;
    if (!canSwitch?.ok) throw new HttpError(401, { code: '42501', message: `permission denied to set role "${role}"`, details: null, hint: null });

    // JSON arguments go as postgres.js JSON parameters (it serializes by the type the server infers, so a
    // pre-stringified value would arrive as a JSON string); everything else as text, cast by the function's type.
    const params: postgres.ParameterOrJSON<never>[] = [];
    const named = fn.arg_names.flatMap((arg, i) => {
      if (!(arg in args)) return [];
      const type = fn.arg_types[i] ?? 'text';
      const value = args[arg];
      if (value === null || value === undefined) params.push(null);
      else if (type === 'json' || type === 'jsonb') params.push(sql.json(value as postgres.JSONValue));
      // postgres.js serializes a parameter the server types boolean by `=== true`, so the string 'true' would be false.
      else if (typeof value === 'boolean') params.push(value);
      else params.push(typeof value === 'object' ? JSON.stringify(value) : String(value));
      return [`${quoteIdent(arg)} => $${params.length}::${type}`];
    });
    const call = `public.${quoteIdent(name)}(${named.join(', ')})`;
    const query = fn.returns_set
      ? `select coalesce(jsonb_agg(to_jsonb(r)), '[]'::jsonb) as result from ${call} r`
      : `select to_jsonb(${call}) as result`;
    const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string'));
    try {
      return await sql.begin(async (tx) => {
        await tx.unsafe(`set local role ${quoteIdent(role)}`);
        await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
                        set_config('request.headers', ${JSON.stringify(headers)}, true),
                        set_config('request.method', ${req.method ?? 'POST'}, true),
                        set_config('request.path', ${req.url ?? ''}, true)`;
        const rows = await tx.unsafe<{ result: unknown }[]>(query, params);
        return rows[0]?.result ?? null;
      });
    } catch (error) {
      if (!isPostgresError(error)) throw error;
      throw new HttpError(statusFor(error.code, role), { code: error.code, message: error.message, details: error.detail ?? null, hint: error.hint ?? null });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    let role: string | null = null;
    let status = 200;
    let body: unknown;
    try {
      const claims = authenticate(req);
      role = typeof claims.role === 'string' ? claims.role : 'anon';
      const profile = req.headers['content-profile'] ?? req.headers['accept-profile'];
      if (profile !== undefined && profile !== 'public') {
        throw new HttpError(406, { code: 'PGRST106', message: 'The schema must be one of the following: public', details: null, hint: null });
      }
      const rpc = /^\/rest\/v1\/rpc\/([^/]+)$/.exec(path);
      if (!rpc?.[1] || req.method !== 'POST') {
        throw new HttpError(404, { code: 'PGRST125', message: `the stand-in serves POST /rest/v1/rpc/<fn> only, not ${req.method} ${path}`, details: null, hint: null });
      }
      body = await callFunction(req, decodeURIComponent(rpc[1]), claims);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      status = error.status;
      body = error.body;
    }
    requests.push({ method: req.method ?? '', path, role, status });
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'XX000', message: error instanceof Error ? error.message : String(error), details: null, hint: null }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sql.end({ timeout: 5 });
    },
  };
}
