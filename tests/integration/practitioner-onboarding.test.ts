import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, type ApiResponse } from '../support/api-client.js';
import { PNG } from '../support/png.js';
import { startTestServer, type TestDriver, type TestServer } from '../support/test-server.js';

const SECRET = 'practitioner-test-secret-0123456789abcdef';
const DASHBOARD = 'https://app.example.com/dashboard';
const SESSION = '/api/v2/onboarding/session';

let serial = 0;
/** A fresh US number per test. */
const newPhone = () => `+1415555${String(2000 + ++serial).padStart(4, '0')}`;

/** A service-role key as Supabase issues one (HS256, role service_role, no user). */
const serviceKey = (role = 'service_role') =>
  new SignJWT({ role }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));

interface Reply {
  session_id: string;
  status: string;
  next_step: string | null;
  message: string;
  messages: Array<{ text: string; choices?: Array<{ label: string; value: string }>; upload?: { step: string } }>;
}

interface Verified {
  success: boolean;
  is_new_user: boolean;
  needs_onboarding: boolean;
  prefilled_data: Record<string, unknown> | null;
  session_id?: string;
  session_key?: string;
  dashboard_url?: string;
  reply?: Reply;
  code?: string;
}

describe.each<TestDriver>(['embedded', 'postgres'])('practitioner onboarding on the web API (%s database)', (driver) => {
  let server: TestServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'practitioners-'));
    server = await startTestServer({ driver, env: { SUPABASE_JWT_SECRET: SECRET, DATA_DIR: dataDir, DASHBOARD_URL: DASHBOARD } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const rows = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => server.service.sql.query<T>(sql, params);
  const importJson = async (records: unknown[], token?: string) =>
    callApi(server.url, 'POST', '/api/v2/practitioners/import', { body: { records }, headers: { authorization: `Bearer ${token ?? (await serviceKey())}` } });

  /** The code console mode wrote to the log for this phone (the last one). */
  const lastCode = (phone: string): string => {
    const line = server.logs.filter((l) => l.msg === 'otp_console' && l.to_last_digits === phone.slice(-4)).at(-1);
    if (!line || typeof line.console_code !== 'string') throw new Error('no otp_console line');
    return line.console_code;
  };
  const signIn = async (phone: string): Promise<ApiResponse<Verified>> => {
    const sent = await callApi(server.url, 'POST', '/api/v2/practitioners/otp', { body: { phone_number: phone } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    return callApi<Verified>(server.url, 'POST', '/api/v2/practitioners/otp/verify', { body: { phone_number: phone, otp: lastCode(phone) } });
  };
  const reply = async (id: string, key: string, text: string): Promise<Reply> => {
    const res = await callApi<Reply>(server.url, 'POST', `${SESSION}/${id}/reply`, { body: { text }, key });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const photo = async (id: string, key: string): Promise<Reply> => {
    const res = await fetch(`${server.url}${SESSION}/${id}/photo`, { method: 'POST', headers: { 'content-type': 'image/png', 'x-session-key': key }, body: PNG });
    expect(res.status).toBe(200);
    return (await res.json()) as Reply;
  };
  const practitioner = async (phone: string) =>
    (await rows<{ id: string; crm_onboarding_completed: boolean; crm_first_login_date: Date | null; crm_onboarding_completed_date: Date | null }>(
      'select id, crm_onboarding_completed, crm_first_login_date, crm_onboarding_completed_date from practitioners where phone_number = $1', [phone]))[0];
  const groupRows = async (phone: string) => {
    const p = await practitioner(phone);
    const tables = ['facilitator_basic_info', 'facilitator_visual_profile', 'facilitator_professional_details', 'facilitator_bio_about', 'facilitator_experience_certifications'];
    const present: string[] = [];
    for (const table of tables) if ((await rows(`select 1 from ${table} where practitioner_id = $1`, [p?.id])).length > 0) present.push(table);
    return present;
  };

  /** Groups 3 to 5 from their first question, as a practitioner answers them. */
  async function groupsThreeToFive(id: string, key: string, from: Reply): Promise<Reply> {
    let r = from;
    if (r.next_step === 'practice_type') r = await reply(id, key, 'yoga');
    expect(r.next_step).toBe('modalities');
    expect(r.message).toMatch(/^Step 3 of 5:/);
    r = await reply(id, key, 'hatha and breathwork');
    r = await reply(id, key, '8');
    r = await reply(id, key, 'English and Spanish');
    r = await reply(id, key, 'both');
    r = await reply(id, key, '2');
    expect(r.next_step).toBe('headline');
    expect(r.message).toMatch(/^Step 4 of 5:/);
    r = await reply(id, key, 'Gentle yoga for busy minds');
    r = await reply(id, key, 'I have taught hatha yoga to beginners for eight years.');
    r = await reply(id, key, 'We talk about your goals, then practise together.');
    expect(r.message).toMatch(/^Step 5 of 5:/);
    r = await reply(id, key, 'RYT 200');
    r = await reply(id, key, 'Yoga Alliance');
    r = await reply(id, key, '2016');
    r = await reply(id, key, 'no');
    r = await reply(id, key, 'Yoga teacher');
    r = await reply(id, key, 'Sunrise Studio');
    r = await reply(id, key, '2017');
    r = await reply(id, key, 'now');
    return reply(id, key, 'no');
  }

  it('imports the calling team\'s records with the service-role key only, twice without change, with reasons for the rows refused', async () => {
    const [a, b] = [newPhone(), newPhone()];
    expect((await callApi(server.url, 'POST', '/api/v2/practitioners/import', { body: { records: [] } })).status).toBe(401);
    expect((await importJson([], await serviceKey('authenticated'))).status).toBe(403);
    const records = [
      { phone_number: a, name: 'John Smith', email: 'John@YogaStudio.com', practice_type: 'yoga', location: 'Barcelona', is_contacted: true, contact_status: 'interested' },
      { phone_number: `${b.slice(0, 2)} ${b.slice(2, 5)} ${b.slice(5)}`, name: 'Ada Moss', is_contacted: 'no' },
      { phone_number: '555-0101', email: 'not an email' },
      { phone_number: a, name: 'Again' },
    ];
    const first = await importJson(records);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ received: 4, accepted: 2, rejected: 2, created: 2, updated: 0, unchanged: 0 });
    expect(first.body.rejected_rows).toEqual([
      { row: 3, problems: [expect.objectContaining({ field: 'phone_number', code: 'PHONE_INVALID' }), expect.objectContaining({ field: 'email', code: 'EMAIL_INVALID' })] },
      { row: 4, problems: [expect.objectContaining({ code: 'DUPLICATE_PHONE', message: 'The same phone number as row 1.' })] },
    ]);
    const again = await importJson(records);
    expect(again.body).toMatchObject({ accepted: 2, created: 0, updated: 0, unchanged: 2 });
    expect(await rows('select email, is_contacted from practitioners where phone_number = $1', [a])).toEqual([{ email: 'john@yogastudio.com', is_contacted: true }]);
    // The same data as CSV, with a changed status: one update.
    const csv = `phone_number,name,email,practice_type,location,is_contacted,contact_status\n${a},John Smith,john@yogastudio.com,yoga,Barcelona,true,"called, interested"\n`;
    const res = await fetch(`${server.url}/api/v2/practitioners/import`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${await serviceKey()}` }, body: csv });
    expect(await res.json()).toMatchObject({ accepted: 1, updated: 1 });
    expect((await importJson([{ phone_number: a }], 'not-a-key')).status).toBe(401);
  });

  it('refuses a bad phone, counts a wrong code, and limits the codes sent per phone', async () => {
    const phone = newPhone();
    const bad = await callApi(server.url, 'POST', '/api/v2/practitioners/otp', { body: { phone_number: '12345' } });
    expect(bad).toMatchObject({ status: 400, body: { code: 'PHONE_INVALID' } });
    await callApi(server.url, 'POST', '/api/v2/practitioners/otp', { body: { phone_number: phone } });
    const code = lastCode(phone);
    const wrong = await callApi(server.url, 'POST', '/api/v2/practitioners/otp/verify', { body: { phone_number: phone, otp: code === '000000' ? '111111' : '000000' } });
    expect(wrong).toMatchObject({ status: 400, body: { code: 'OTP_INVALID' } });
    expect(await rows('select attempts from practitioner_otp_codes where phone_number = $1', [phone])).toEqual([{ attempts: 1 }]);
    expect(await practitioner(phone)).toBeUndefined();
    for (let i = 0; i < 4; i++) expect((await callApi(server.url, 'POST', '/api/v2/practitioners/otp', { body: { phone_number: phone } })).status).toBe(200);
    const limited = await callApi(server.url, 'POST', '/api/v2/practitioners/otp', { body: { phone_number: phone } });
    expect(limited).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(3000);
    // The log has the console line's code, and no phone number anywhere.
    expect(JSON.stringify(server.logs)).not.toContain(phone);
  });

  it('case 1, a new person: nothing prefilled, all five groups from scratch, each stored as it completes, then completed', async () => {
    const phone = newPhone();
    const verified = await signIn(phone);
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ success: true, is_new_user: true, needs_onboarding: true, prefilled_data: null });
    const { session_id: id = '', session_key: key = '' } = verified.body;
    expect(verified.body.reply?.message).toBe("Welcome! Let's set up your practitioner profile: five short steps, about ten minutes. Step 1 of 5: What's your first name?");
    expect((await practitioner(phone))?.crm_first_login_date).toBeInstanceOf(Date);
    const skip = await reply(id, key, 'skip');
    expect(skip.messages[0]?.text).toBe("This question can't be skipped, sorry.");
    let r = await reply(id, key, 'John');
    r = await reply(id, key, 'Smith');
    r = await reply(id, key, 'john@yogastudio.com');
    r = await reply(id, key, 'Barcelona, Spain');
    r = await reply(id, key, phone);
    expect(r.next_step).toBe('photo');
    expect(r.message).toBe('Step 2 of 5: Please send a photo of yourself for your profile.');
    expect(await groupRows(phone)).toEqual(['facilitator_basic_info']);
    expect(await rows('select first_name, last_name, location, country, time_zone from facilitator_basic_info where phone_number = $1', [phone])).toEqual([
      { first_name: 'John', last_name: 'Smith', location: 'Barcelona', country: 'ES', time_zone: 'Europe/Madrid' },
    ]);
    r = await photo(id, key);
    expect(r.next_step).toBe('brand_color');
    r = await reply(id, key, 'ocean');
    expect(await groupRows(phone)).toEqual(['facilitator_basic_info', 'facilitator_visual_profile']);
    r = await groupsThreeToFive(id, key, r);
    expect(r.status).toBe('completed');
    expect(r.message).toBe(`Thank you, your profile is complete! You're all set: your dashboard is at ${DASHBOARD}`);
    expect(await groupRows(phone)).toHaveLength(5);
    expect(await practitioner(phone)).toMatchObject({ crm_onboarding_completed: true, crm_onboarding_completed_date: expect.any(Date) });
    expect(await rows(`select to_jsonb(modalities) as modalities, to_jsonb(languages) as languages, session_format, price_range, years_of_experience from facilitator_professional_details d
      join practitioners p on p.id = d.practitioner_id where p.phone_number = $1`, [phone])).toEqual([
      { modalities: ['hatha', 'breathwork'], languages: ['en', 'es'], session_format: 'both', price_range: '50_100', years_of_experience: 8 },
    ]);
    expect(await rows(`select certifications, experience from facilitator_experience_certifications c join practitioners p on p.id = c.practitioner_id where p.phone_number = $1`, [phone])).toEqual([
      { certifications: [{ name: 'RYT 200', issuer: 'Yoga Alliance', year: 2016 }], experience: [{ title: 'Yoga teacher', organisation: 'Sunrise Studio', start_year: 2017, end_year: null }] },
    ]);
  });

  it('case 2, called but not onboarded: every known answer confirmed or corrected, nothing skipped; leaving after group 2 resumes at group 3 with a new key', async () => {
    const phone = newPhone();
    await importJson([{ phone_number: phone, name: 'John Smith', email: 'john@yogastudio.com', practice_type: 'yoga', location: 'Barcelona', is_contacted: true, contact_status: 'interested' }]);
    const verified = await signIn(phone);
    expect(verified.body).toMatchObject({
      is_new_user: false,
      needs_onboarding: true,
      prefilled_data: { first_name: 'John', last_name: 'Smith', email: 'john@yogastudio.com', location: 'Barcelona', phone_number: phone, has_calling_data: true, practice_type: 'yoga' },
    });
    const { session_id: id = '', session_key: key = '' } = verified.body;
    expect(verified.body.reply?.message).toMatch(/Your first name is John\. Still right\?/);
    let r = await reply(id, key, 'yes');
    expect(r.message).toBe('Step 1 of 5: Your last name is Smith. Still right? Say yes, or type the correct one.');
    r = await reply(id, key, 'yes');
    expect(r.message).toBe('Step 1 of 5: Your email is john@yogastudio.com. Still right? Say yes, or type the correct one.');
    r = await reply(id, key, 'no');
    r = await reply(id, key, 'john@sunrise.yoga');
    expect(r.message).toMatch(/^Step 1 of 5: You practise in Barcelona, Spain\. Still right\?/);
    r = await reply(id, key, 'yes');
    r = await reply(id, key, 'yes');
    expect(r.next_step).toBe('photo');
    await photo(id, key);
    r = await reply(id, key, 'none');
    expect(r.next_step).toBe('practice_type');
    expect(await groupRows(phone)).toEqual(['facilitator_basic_info', 'facilitator_visual_profile']);
    expect(await rows(`select b.email, v.brand_color from facilitator_basic_info b join facilitator_visual_profile v using (practitioner_id) where b.phone_number = $1`, [phone]))
      .toEqual([{ email: 'john@sunrise.yoga', brand_color: null }]);
    // They leave; a sign-in on another device resumes at group 3, and the old key no longer opens the session.
    const again = await signIn(phone);
    expect(again.body).toMatchObject({ is_new_user: false, needs_onboarding: true, session_id: id });
    const newKey = again.body.session_key ?? '';
    expect(newKey).not.toBe(key);
    expect(again.body.reply?.message).toBe('Step 3 of 5: Your practice is Yoga. Still right? Say yes, or pick another.');
    expect((await callApi(server.url, 'POST', `${SESSION}/${id}/reply`, { body: { text: 'yes' }, key })).status).toBe(404);
    r = await reply(id, newKey, 'yes');
    r = await groupsThreeToFive(id, newKey, r);
    expect(r.status).toBe('completed');
    expect(await practitioner(phone)).toMatchObject({ crm_onboarding_completed: true });
    const firstLogin = (await practitioner(phone))?.crm_first_login_date;
    // Case 3, already onboarded: the dashboard, no session; the first login never moves.
    const done = await signIn(phone);
    expect(done.body).toEqual({ success: true, is_new_user: false, needs_onboarding: false, prefilled_data: expect.objectContaining({ has_calling_data: true }), dashboard_url: DASHBOARD });
    expect((await practitioner(phone))?.crm_first_login_date).toEqual(firstLogin);
  });

  it('a phone flow cannot be started without a verified phone', async () => {
    const res = await callApi(server.url, 'POST', `${SESSION}/start`, { body: { flow: 'practitioner-onboarding', language: 'en' } });
    expect(res).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
    expect(randomUUID()).toBeTruthy();
  });
});

describe('practitioner codes: allowed countries and the per-address limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { OTP_ALLOWED_COUNTRIES: 'us, gb', OTP_SENDS_PER_HOUR_PER_IP: '2' } });
  });
  afterAll(() => server.close());

  const send = (phone: string) => callApi(server.url, 'POST', '/api/v2/practitioners/otp', { body: { phone_number: phone } });

  it('refuses a number of another country, and limits the codes one address asks for, whatever the numbers', async () => {
    expect(await send('+34600123456')).toMatchObject({ status: 400, body: { code: 'PHONE_COUNTRY_NOT_ALLOWED' } });
    expect((await send('+14155550301')).status).toBe(200);
    expect((await send('+442079460958')).status).toBe(200);
    const limited = await send('+14155550302');
    expect(limited).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Nothing was stored for the refused requests: no code, no practitioner.
    expect(await server.service.sql.query(`select 1 from practitioner_otp_codes where phone_number in ('+34600123456', '+14155550302')`)).toEqual([]);
    expect(await server.service.sql.query('select 1 from practitioners')).toEqual([]);
  });
});
