/**
 * npm run battery: the reliability battery of issue 15. Runs the real service (src/server.ts, its own process)
 * on a throwaway PostgreSQL with signed Twilio webhooks, attacks and breaks it, and prints one line per check:
 * held / failed, with the figures. Not a vitest test: nothing here is timed against a limit; the figures are
 * counts read back from the database. Exit code 1 when a check failed.
 *
 *   npm run battery [-- --markdown]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import twilio from 'twilio';
import { freePort, startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.js';

const TWILIO = {
  TWILIO_ACCOUNT_SID: `AC${'0123456789abcdef'.repeat(2)}`,
  TWILIO_AUTH_TOKEN: randomBytes(16).toString('hex'),
  PUBLIC_URL: 'https://bot.example.test',
  TWILIO_SMS_NUMBER: '+15550001000',
};
const BOT = TWILIO.TWILIO_SMS_NUMBER;
const MESSAGING = '/webhooks/twilio/messaging';
const BASE = '/api/v2/instant-onboarding/session';

interface Line {
  check: string;
  held: boolean;
  figures: string;
}
const lines: Line[] = [];
function report(check: string, held: boolean, figures: string): void {
  lines.push({ check, held, figures });
  process.stderr.write(`${held ? 'held  ' : 'FAILED'} ${check}: ${figures}\n`);
}

/** The service as production runs it: src/server.ts under tsx, its log in a file. */
interface Service {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}
async function startService(databaseUrl: string, logFile: string): Promise<Service> {
  const port = await freePort();
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '4',
      LOG_LEVEL: 'info',
      RATE_LIMITS: 'false',
      JOBS: 'false',
      CLEANUP_INTERVAL_MINUTES: '0',
      SUPABASE_JWT_SECRET: randomBytes(32).toString('hex'),
      ...TWILIO,
      // Nothing leaves the machine: outbound messages would go to this closed port.
      TWILIO_CONSOLE: 'false',
    },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`the service exited while starting; see ${logFile}`);
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) break;
    if (tries > 600) throw new Error('the service did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, child, exited };
}

async function json(url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  try {
    const response = await fetch(url, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {} };
  } catch {
    return { status: 0, body: {} }; // no answer: connection refused or reset
  }
}

async function start(url: string): Promise<{ id: string; key: string }> {
  const res = await json(`${url}${BASE}/start`, 'POST', { channel: 'web', language: 'en' });
  if (res.status !== 201) throw new Error(`start answered ${res.status}`);
  return { id: String(res.body.session_id), key: String(res.body.session_key) };
}
const reply = (url: string, s: { id: string; key: string }, text: string, messageId: string) =>
  json(`${url}${BASE}/${s.id}/reply`, 'POST', { text, message_id: messageId }, { 'x-session-key': s.key });

/** A reply over node:http on a connection of its own (no keep-alive pool), as most clients send one. */
function plainReply(url: string, s: { id: string; key: string }, text: string, messageId: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ text, message_id: messageId });
    const request = http.request(`${url}${BASE}/${s.id}/reply`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-session-key': s.key },
    }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {} }));
      response.on('error', () => resolve({ status: 0, body: {} }));
    });
    request.on('error', () => resolve({ status: 0, body: {} }));
    request.end(body);
  });
}

async function sms(url: string, form: Record<string, string>, signature?: string | null): Promise<number> {
  const sig = signature === undefined ? twilio.getExpectedTwilioSignature(TWILIO.TWILIO_AUTH_TOKEN, `${TWILIO.PUBLIC_URL}${MESSAGING}`, form) : signature;
  const response = await fetch(`${url}${MESSAGING}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(sig !== null ? { 'x-twilio-signature': sig } : {}) },
    body: new URLSearchParams(form).toString(),
  }).catch(() => null);
  if (!response) return 0;
  await response.text();
  return response.status;
}
const smsForm = (from: string, body: string, sid = `SM${randomBytes(16).toString('hex')}`) => ({
  AccountSid: TWILIO.TWILIO_ACCOUNT_SID, MessageSid: sid, From: from, To: BOT, Body: body, NumMedia: '0',
});

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

function tally(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${n}x${s === 0 ? 'no answer' : s}`).join(', ');
}

async function duplicates(url: string, sql: postgres.Sql): Promise<void> {
  // Web: 50 deliveries of one message to one session at once.
  const s = await start(url);
  const answers = await Promise.all(Array.from({ length: 50 }, () => reply(url, s, 'Maria Lopez', 'dup-1')));
  const [row] = await sql`select version from instant_onboarding_sessions where id = ${s.id}`;
  const [inbound] = await sql`select count(*)::int as n from onboarding_events where session_id = ${s.id} and kind = 'inbound'`;
  // Compared with keys sorted: the stored answer comes back from jsonb, which orders keys its own way.
  const bodies = new Set(answers.filter((a) => a.status === 200).map((a) => canonical(a.body)));
  const webHeld = row?.version === 1 && inbound?.n === 1 && bodies.size === 1;
  report('duplicate web deliveries (50 of one message_id, concurrent)', webHeld,
    `${tally(answers.map((a) => a.status))}; turns committed ${row?.version}, inbound events ${inbound?.n}, distinct answers ${bodies.size}`);
  // SMS: 50 deliveries of one first message (the one that starts the session) at once.
  const phone = `+1555${String(Date.now()).slice(-7)}`;
  const form = smsForm(phone, 'hello');
  const statuses = await Promise.all(Array.from({ length: 50 }, () => sms(url, form)));
  const [sessions] = await sql`select count(*)::int as n from instant_onboarding_sessions where phone_number = ${phone}`;
  const [inboxRows] = await sql`select count(*)::int as n from onboarding_inbox where sender = ${phone}`;
  report('duplicate SMS deliveries (50 of one MessageSid, concurrent, first message)', sessions?.n === 1 && inboxRows?.n === 1 && statuses.every((x) => x === 200),
    `${tally(statuses)}; sessions ${sessions?.n}, inbox rows ${inboxRows?.n}`);
}

async function concurrentReplies(url: string, sql: postgres.Sql): Promise<void> {
  const sessions: Array<{ id: string; key: string }> = [];
  for (let i = 0; i < 200; i++) sessions.push(await start(url));
  const answers = await Promise.all(sessions.map((s, i) => reply(url, s, `Person Number${String.fromCharCode(97 + (i % 26))}`, 'c-1')));
  const ids = sessions.map((s) => s.id);
  const [stored] = await sql`select count(*)::int as n from instant_onboarding_sessions where id = any(${ids}::uuid[]) and version = 1 and collected_data ? 'name'`;
  const ok = answers.filter((a) => a.status === 200 && a.body.session_id !== undefined).length;
  report('200 concurrent replies to 200 sessions', ok === 200 && stored?.n === 200,
    `${tally(answers.map((a) => a.status))}; answers stored ${stored?.n}/200`);
}

async function forgedSignatures(url: string, sql: postgres.Sql): Promise<void> {
  const phone = `+1556${String(Date.now()).slice(-7)}`;
  const form = smsForm(phone, 'hello');
  const good = twilio.getExpectedTwilioSignature(TWILIO.TWILIO_AUTH_TOKEN, `${TWILIO.PUBLIC_URL}${MESSAGING}`, form);
  const attempts: Array<[string, Record<string, string>, string | null]> = [
    ['none', form, null],
    ['empty', form, ''],
    ['random', form, randomBytes(20).toString('base64')],
    ['another token', form, twilio.getExpectedTwilioSignature('not-the-token', `${TWILIO.PUBLIC_URL}${MESSAGING}`, form)],
    ['another URL', form, twilio.getExpectedTwilioSignature(TWILIO.TWILIO_AUTH_TOKEN, `https://evil.example${MESSAGING}`, form)],
    ['tampered body', { ...form, Body: 'stop' }, good],
    ['tampered sender', { ...form, From: '+15559999999' }, good],
    ['one character off', form, `${good.slice(0, -2)}${good.endsWith('A=') ? 'B=' : 'A='}`],
  ];
  const statuses: number[] = [];
  for (let round = 0; round < 5; round++) for (const [, f, sig] of attempts) statuses.push(await sms(url, f, sig));
  const [sessions] = await sql`select count(*)::int as n from instant_onboarding_sessions where phone_number in (${phone}, '+15559999999')`;
  report(`forged Twilio signatures (${attempts.length} kinds x 5)`, statuses.every((s) => s === 403) && sessions?.n === 0,
    `${tally(statuses)}; sessions created ${sessions?.n}`);
}

async function rlsProbes(url: string, sql: postgres.Sql): Promise<void> {
  const mine = await start(url);
  const other = await start(url);
  const userId = randomUUID();
  const probes: Array<[string, (tx: postgres.TransactionSql) => Promise<boolean>]> = [
    ['anon without a key reads no session', async (tx) => (await tx`select count(*)::int as n from instant_onboarding_sessions`)[0]?.n === 0],
    ['anon with a key reads that session only', async (tx) => {
      await tx`select set_config('request.headers', ${JSON.stringify({ 'x-session-key': mine.key })}, true)`;
      const rows = await tx`select id from instant_onboarding_sessions`;
      return rows.length === 1 && rows[0]?.id === mine.id;
    }],
    ['anon cannot update a session', async (tx) => {
      await tx`select set_config('request.headers', ${JSON.stringify({ 'x-session-key': mine.key })}, true)`;
      return tx`update instant_onboarding_sessions set status = 'completed' where id = ${mine.id}`.then(() => false, (e: { code?: string }) => e.code === '42501');
    }],
    ['anon reads no events', async (tx) => tx`select 1 from onboarding_events limit 1`.then(() => false, (e: { code?: string }) => e.code === '42501')],
    ['anon reads no inbox', async (tx) => tx`select 1 from onboarding_inbox limit 1`.then(() => false, (e: { code?: string }) => e.code === '42501')],
    ['anon reads no idempotency keys', async (tx) => tx`select 1 from onboarding_idempotency_keys limit 1`.then(() => false, (e: { code?: string }) => e.code === '42501')],
    ['anon cannot erase', async (tx) => tx`select onboarding_privacy_erase(${JSON.stringify({ session_id: other.id })}::jsonb)`.then(() => false, (e: { code?: string }) => e.code === '42501')],
  ];
  const userProbes: Array<[string, (tx: postgres.TransactionSql) => Promise<boolean>]> = [
    ['authenticated reads no other session', async (tx) => (await tx`select count(*)::int as n from instant_onboarding_sessions`)[0]?.n === 0],
    ['authenticated writes no other user\'s profile', async (tx) =>
      tx`insert into user_profiles (user_id, full_name) values (${randomUUID()}, 'Mallory')`.then(() => false, (e: { code?: string }) => e.code === '42501')],
    ['authenticated cannot export', async (tx) =>
      tx`select onboarding_privacy_export(${JSON.stringify({ user_id: userId })}::jsonb)`.then(() => false, (e: { code?: string }) => e.code === '42501')],
  ];
  let held = 0;
  const failed: string[] = [];
  const run = async (role: 'anon' | 'authenticated', list: typeof probes) => {
    for (const [name, probe] of list) {
      let ok = false;
      await sql.begin(async (tx) => {
        await tx.unsafe(`set local role ${role}`);
        if (role === 'authenticated') await tx`select set_config('request.jwt.claims', ${JSON.stringify({ role: 'authenticated', sub: userId })}, true)`;
        ok = await probe(tx).catch(() => false);
        throw new Error('rollback');
      }).catch(() => undefined);
      if (ok) held++;
      else failed.push(name);
    }
  };
  await run('anon', probes);
  await run('authenticated', userProbes);
  const total = probes.length + userProbes.length;
  report(`RLS probes as anon and authenticated (${total})`, held === total, `${held}/${total} refused or limited as they should${failed.length ? `; failed: ${failed.join('; ')}` : ''}`);
}

async function databaseRestart(url: string, sql: postgres.Sql, pg: ThrowawayPostgres): Promise<void> {
  const clients = 8;
  const sessions: Array<{ id: string; key: string }> = [];
  for (let i = 0; i < clients; i++) sessions.push(await start(url));
  const sent = new Map<string, number>(); // session -> 200 answers
  const statuses: number[] = [];
  let stop = false;
  let firstOkAfterResume: number | null = null;
  let resumedAt = 0;
  const loops = sessions.map(async (s, c) => {
    let n = 0;
    while (!stop) {
      // Turns that change nothing in the flow: "help" re-asks the question, one turn each.
      const res = await reply(url, s, 'help', `r-${c}-${n++}`);
      statuses.push(res.status);
      if (res.status === 200) {
        sent.set(s.id, (sent.get(s.id) ?? 0) + 1);
        if (resumedAt && firstOkAfterResume === null) firstOkAfterResume = performance.now() - resumedAt;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  await new Promise((r) => setTimeout(r, 1500));
  await sql.end();
  await pg.pause();
  const pausedAt = performance.now();
  await new Promise((r) => setTimeout(r, 3000));
  await pg.resume();
  resumedAt = performance.now();
  const outage = resumedAt - pausedAt;
  await new Promise((r) => setTimeout(r, 4000));
  stop = true;
  await Promise.all(loops);
  const check = postgres(pg.urlOf('battery'), { max: 1, onnotice: () => {} });
  let lost = 0;
  for (const s of sessions) {
    const [row] = await check`select count(*)::int as n from onboarding_inbox where session_id = ${s.id}`;
    // Every answered turn is in the inbox (one row per message_id); a refused one may be too (committed, answer lost on the way).
    if ((row?.n ?? 0) < (sent.get(s.id) ?? 0)) lost++;
  }
  await check.end();
  const others = statuses.filter((s) => s !== 200 && s !== 503);
  report('PostgreSQL stopped for 3 s and started again during replies (8 clients)',
    lost === 0 && others.length === 0 && firstOkAfterResume !== null,
    `${tally(statuses)} over ${(outage / 1000).toFixed(1)} s of outage; sessions with a lost answer ${lost}; first answer ${firstOkAfterResume === null ? 'never' : `${Math.round(firstOkAfterResume)} ms`} after the restart`);
}

async function sigterm(databaseUrl: string, logFile: string, keepAlive: boolean): Promise<void> {
  const service = await startService(databaseUrl, logFile);
  const sessions: Array<{ id: string; key: string }> = [];
  for (let i = 0; i < 100; i++) sessions.push(await start(service.url));
  // keepAlive: fetch's pooled connections (the 100 starts went over them too); else one connection per request.
  const inFlight = sessions.map((s) => (keepAlive ? reply : plainReply)(service.url, s, 'Maria Lopez', 'term-1'));
  await new Promise((r) => setTimeout(r, 30));
  const signalled = performance.now();
  service.child.kill('SIGTERM');
  const answers = await Promise.all(inFlight);
  const code = await service.exited;
  const exitMs = performance.now() - signalled;
  // A new process; every client retries what got no answer, with the same message id.
  const again = await startService(databaseUrl, logFile);
  const retried = await Promise.all(sessions.map((s, i) => (answers[i]!.status === 200 ? Promise.resolve(answers[i]!) : reply(again.url, s, 'Maria Lopez', 'term-1'))));
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const ids = sessions.map((s) => s.id);
  const [turns] = await sql`select count(*)::int as n from instant_onboarding_sessions where id = any(${ids}::uuid[]) and version = 1`;
  const [doubled] = await sql`select count(*)::int as n from instant_onboarding_sessions where id = any(${ids}::uuid[]) and version > 1`;
  await sql.end();
  again.child.kill('SIGTERM');
  await again.exited;
  const answeredBefore = answers.filter((a) => a.status === 200).length;
  report(`SIGTERM during 100 concurrent replies (${keepAlive ? 'keep-alive connections, fetch' : 'a connection per request'}), then retries on a new process`,
    code === 0 && turns?.n === 100 && doubled?.n === 0 && retried.every((a) => a.status === 200),
    `before exit: ${tally(answers.map((a) => a.status))} (${answeredBefore} answered); exit code ${code} after ${Math.round(exitMs)} ms; ` +
      `after retries: ${tally(retried.map((a) => a.status))}; sessions with exactly one turn ${turns?.n}/100, with two ${doubled?.n}`);
}

async function main(): Promise<void> {
  const markdown = process.argv.includes('--markdown');
  const dir = mkdtempSync(join(tmpdir(), 'battery-'));
  const logFile = join(dir, 'service.log');
  const pg = await startThrowawayPostgres({ name: 'battery', password: randomBytes(12).toString('hex') });
  try {
    const admin = postgres(pg.urlOf('postgres'), { max: 1, onnotice: () => {} });
    await admin.unsafe('create database battery');
    await admin.unsafe('create database battery_term');
    await admin.unsafe('create database battery_term2');
    await admin.end();
    const databaseUrl = pg.urlOf('battery');
    if (process.argv.includes('--only-sigterm')) {
      await sigterm(pg.urlOf('battery_term'), logFile, process.argv.includes('--keep-alive'));
      return;
    }
    const service = await startService(databaseUrl, logFile);
    const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
    await duplicates(service.url, sql);
    await concurrentReplies(service.url, sql);
    await forgedSignatures(service.url, sql);
    await rlsProbes(service.url, sql);
    await databaseRestart(service.url, sql, pg);
    service.child.kill('SIGTERM');
    await service.exited;
    await sigterm(pg.urlOf('battery_term'), logFile, false);
    await sigterm(pg.urlOf('battery_term2'), logFile, true);
    const log = readFileSync(logFile, 'utf8');
    const leaked = ['Maria Lopez', 'Person Number'].filter((s) => log.includes(s));
    report('no personal data in the service log', leaked.length === 0, `${log.split('\n').length} lines read; ${leaked.length ? `found: ${leaked.join(', ')}` : 'no name sent appears'}`);
  } finally {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const table = ['| check | result | figures |', '|---|---|---|', ...lines.map((l) => `| ${l.check} | ${l.held ? 'held' : '**failed**'} | ${l.figures} |`)].join('\n');
  process.stdout.write(`${markdown ? '' : '\n'}${table}\n`);
  process.exitCode = lines.every((l) => l.held) ? 0 : 1;
}

await main();
