import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore, type TestStoreDriver } from '../support/test-store.js';
import type { PractitionerImportRow, PractitionerStore } from '../../src/practitioners/practitioner-store.js';
import type { SqlClient } from '../../src/store/sql-client.js';

const T0 = new Date('2030-01-01T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
let n = 0;
/** A phone number no other test of the file uses. */
const phone = () => `+1415555${String(1000 + n++).padStart(4, '0')}`;
const record = (phone_number: string, fields: Partial<PractitionerImportRow> = {}): PractitionerImportRow => ({
  phone_number, name: 'John Smith', email: 'john@yogastudio.com', practice_type: 'yoga', location: 'Austin', is_contacted: true, contact_status: 'interested', ...fields,
});

/** The contract every PractitionerStore driver keeps: import, sign-in, one-time codes and their limits, rekey. */
describe.each<TestStoreDriver>(['embedded', 'postgres', 'supabase'])('practitioner store contract (%s)', (driver) => {
  let opened: TestStore;
  let store: PractitionerStore;
  let sql: SqlClient;

  beforeAll(async () => {
    opened = await openTestStore(driver, 5);
    ({ practitioners: store, client: sql } = opened);
  });
  afterAll(() => opened.close());

  it('imports by phone: created, then unchanged on the same rows, updated on a change; an empty field keeps what was known', async () => {
    const [a, b] = [phone(), phone()];
    expect(await store.importRecords([record(a), record(b, { email: null })])).toEqual(['created', 'created']);
    const [before] = await sql.query<{ updated_at: Date }>('select updated_at from practitioners where phone_number = $1', [a]);
    expect(await store.importRecords([record(a), record(b, { email: null })])).toEqual(['unchanged', 'unchanged']);
    const [after] = await sql.query<{ updated_at: Date }>('select updated_at from practitioners where phone_number = $1', [a]);
    expect(after?.updated_at).toEqual(before?.updated_at);
    expect(await store.importRecords([record(a, { contact_status: 'called back', name: null })])).toEqual(['updated']);
    const rows = await sql.query<{ name: string; contact_status: string }>('select name, contact_status from practitioners where phone_number = $1', [a]);
    expect(rows).toEqual([{ name: 'John Smith', contact_status: 'called back' }]);
    expect(await store.importRecords([])).toEqual([]);
  });

  it('signs a phone in: a new one is created, the first login is set once', async () => {
    const known = phone();
    await store.importRecords([record(known)]);
    const first = await store.signIn(known, at(0));
    expect(first).toMatchObject({ isNew: false, sessionId: null, practitioner: { phone_number: known, name: 'John Smith', crm_onboarding_completed: false } });
    expect(first.practitioner.crm_first_login_date).toEqual(at(0));
    expect((await store.signIn(known, at(60))).practitioner.crm_first_login_date).toEqual(at(0));
    const unknown = phone();
    expect(await store.signIn(unknown, at(0))).toMatchObject({ isNew: true, practitioner: { phone_number: unknown, name: null } });
    expect((await store.signIn(unknown, at(5))).isNew).toBe(false);
  });

  it('checks a code once: a wrong one is counted, the right one is used up, five wrong ones end it, an old one has expired', async () => {
    const p = phone();
    const send = { phoneNumber: p, ipKey: `ip-${p}`, now: at(0), ttlSeconds: 600, windowSeconds: 3600, phoneLimit: 5, ipLimit: 20 };
    expect(await store.recordOtpSend({ ...send, codeHash: 'a'.repeat(64) })).toEqual({ sent: true });
    expect(await store.checkOtp(p, 'b'.repeat(64), at(10), 5)).toBe('invalid');
    expect(await store.checkOtp(p, 'a'.repeat(64), at(20), 5)).toBe('approved');
    expect(await store.checkOtp(p, 'a'.repeat(64), at(21), 5)).toBe('expired');
    await store.recordOtpSend({ ...send, now: at(30), codeHash: 'c'.repeat(64) });
    for (let i = 0; i < 5; i++) expect(await store.checkOtp(p, 'd'.repeat(64), at(40), 5)).toBe('invalid');
    expect(await store.checkOtp(p, 'c'.repeat(64), at(41), 5)).toBe('expired');
    await store.recordOtpSend({ ...send, now: at(50), codeHash: 'e'.repeat(64) });
    expect(await store.checkOtp(p, 'e'.repeat(64), at(50 + 600), 5)).toBe('expired');
    const [left] = await sql.query<{ n: number }>('select count(*)::int as n from practitioner_otp_codes where phone_number = $1', [p]);
    expect(left?.n).toBe(0);
  });

  it('two checks of one code at once: only one is approved', async () => {
    const p = phone();
    await store.recordOtpSend({ phoneNumber: p, ipKey: null, codeHash: 'f'.repeat(64), now: at(0), ttlSeconds: 600, windowSeconds: 3600, phoneLimit: 5, ipLimit: 20 });
    const results = await Promise.all([store.checkOtp(p, 'f'.repeat(64), at(1), 5), store.checkOtp(p, 'f'.repeat(64), at(1), 5)]);
    expect(results.sort()).toEqual(['approved', 'expired']);
  });

  it('limits sends per phone and per address, with the seconds to wait', async () => {
    const p = phone();
    const ip = `ip-${randomUUID()}`;
    const send = { phoneNumber: p, ipKey: ip, codeHash: null, ttlSeconds: 600, windowSeconds: 3600, phoneLimit: 2, ipLimit: 3 };
    expect(await store.recordOtpSend({ ...send, now: at(0) })).toEqual({ sent: true });
    expect(await store.recordOtpSend({ ...send, now: at(100) })).toEqual({ sent: true });
    expect(await store.recordOtpSend({ ...send, now: at(200) })).toEqual({ sent: false, retryAfter: 3400 });
    expect(await store.recordOtpSend({ ...send, phoneNumber: phone(), now: at(200) })).toEqual({ sent: true });
    expect(await store.recordOtpSend({ ...send, phoneNumber: phone(), now: at(300) })).toEqual({ sent: false, retryAfter: 3300 });
    expect(await store.recordOtpSend({ ...send, now: at(3601) })).toEqual({ sent: true });
  });

  it('rekeys a session; an unknown one is false', async () => {
    const id = randomUUID();
    await sql.query(`insert into instant_onboarding_sessions (id, session_key, channel, language, status, flow_id) values ($1, 'old', 'web', 'en', 'collecting_data', 'x')`, [id]);
    expect(await store.rekeySession(id, 'new-hash')).toBe(true);
    const [row] = await sql.query<{ session_key: string; version: number }>('select session_key, version from instant_onboarding_sessions where id = $1', [id]);
    expect(row).toEqual({ session_key: 'new-hash', version: 1 });
    expect(await store.rekeySession(randomUUID(), 'x')).toBe(false);
  });
});
