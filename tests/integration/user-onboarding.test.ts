import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantApi, userApi } from '../support/api-client.js';
import { PNG } from '../support/png.js';
import { startTestServer, type TestDriver, type TestServer } from '../support/test-server.js';

const SECRET = 'user-onboarding-test-secret-0123456789abcdef';

interface Status {
  status: string;
  current_step: number;
  total_steps: number;
  steps: Array<{ index: number; id: string; completed: boolean; required: boolean }>;
  onboarding_data: Record<string, unknown>;
  skipped_at: string | null;
  completed_at: string | null;
  progress: { percent: number; completed_steps: number; estimated_seconds_remaining: number; next_action: { key: string; step: string | null; message: string } };
  messages?: Array<{ text: string; choices?: Array<{ value: string }> }>;
  code?: string;
  details?: Array<{ field: string; reason: string }>;
}

/** An access token as Supabase Auth issues it (HS256, aud and role authenticated). */
async function tokenFor(userId: string, claims: Record<string, unknown> = {}, secret = SECRET, expiresIn = '1h'): Promise<string> {
  return new SignJWT({ role: 'authenticated', ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setAudience('authenticated')
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

/** An unsigned token (`alg: none`), as an attacker would forge one. */
function unsignedToken(userId: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: userId, aud: 'authenticated', role: 'authenticated', exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
}

describe.each<TestDriver>(['embedded', 'postgres'])('signed-in onboarding over HTTP (%s database)', (driver) => {
  let server: TestServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'user-onboarding-'));
    server = await startTestServer({ driver, env: { SUPABASE_JWT_SECRET: SECRET, DATA_DIR: dataDir, IMAGE_MAX_BYTES: '4000' } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const rows = async (sql: string, params: unknown[]) => server.service.sql.query<Record<string, unknown>>(sql, params);

  it('answers not_started, never 404, to a user who never started', async () => {
    const token = await tokenFor(randomUUID());
    const res = await userApi.status(server.url, token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'not_started', current_step: 0, total_steps: 5, progress: { percent: 0, next_action: { key: 'start', step: 'profile' } } });
    expect((res.body as unknown as Status).steps.map((s) => [s.id, s.required])).toEqual([
      ['profile', true], ['skills', true], ['interests', true], ['experience', true], ['preferences', true],
    ]);
  });

  it('refuses missing, expired, wrong-secret, wrong-audience, unsigned and malformed tokens, and changes nothing', async () => {
    const userId = randomUUID();
    const bad = [
      '',
      'not-a-token',
      await tokenFor(userId, {}, SECRET, '-1m'),
      await tokenFor(userId, {}, 'another-secret-of-enough-length-0123456789'),
      await new SignJWT({ role: 'authenticated' }).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setAudience('anon').setExpirationTime('1h').sign(new TextEncoder().encode(SECRET)),
      unsignedToken(userId),
    ];
    for (const token of bad) {
      expect((await userApi.start(server.url, token)).status).toBe(401);
      const patched = await userApi.step(server.url, token, 0, { full_name: 'Mallory' });
      expect(patched).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
      expect(patched.headers['www-authenticate']).toBe('Bearer');
    }
    expect((await userApi.status(server.url, await tokenFor(userId))).body).toMatchObject({ status: 'not_started' });
  });

  it('is not reachable through the anonymous API', async () => {
    const res = await instantApi.start(server.url, { channel: 'web', language: 'en', flow: 'user-profile' });
    expect(res).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
  });

  it('offers the name from the token for confirmation, and a second start is not an error', async () => {
    const token = await tokenFor(randomUUID(), { user_metadata: { full_name: 'Ana Lima' } });
    const first = (await userApi.start(server.url, token)).body as unknown as Status;
    expect(first).toMatchObject({ status: 'in_progress', current_step: 0 });
    expect(first.onboarding_data).toEqual({});
    expect(first.messages?.at(-1)?.text).toContain('Ana Lima');
    const again = await userApi.start(server.url, token);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'in_progress', current_step: 0 });
    const confirmed = (await userApi.reply(server.url, token, { text: 'yes' })).body as unknown as { onboarding: Status };
    expect(confirmed.onboarding.onboarding_data).toMatchObject({ full_name: 'Ana Lima' });
  });

  it('takes a form step by step, writes each step into the product tables, and completes', async () => {
    const userId = randomUUID();
    const token = await tokenFor(userId);
    const profile = await userApi.step(server.url, token, 0, { full_name: 'Maria Lopez', bio: null });
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ status: 'in_progress', current_step: 1, progress: { completed_steps: 1, percent: 20 } });
    expect(await rows('select full_name, bio from public.user_profiles where user_id = $1', [userId])).toEqual([{ full_name: 'Maria Lopez', bio: null }]);

    const skills = await userApi.step(server.url, token, 'skills', { skills: 'Python, SQL, python' });
    expect(skills.body).toMatchObject({ current_step: 2, onboarding_data: { skills: ['Python', 'SQL'] } });
    expect((await userApi.step(server.url, token, 2, { interests: ['technology', 'travel'] })).status).toBe(200);
    const experience = await userApi.step(server.url, token, 3, {
      experience: [
        { kind: 'work', title: 'Engineer', organisation: 'Acme', start_year: 2015, end_year: 'now' },
        { kind: 'education', title: 'BSc Physics', organisation: 'Uni', start_year: '2010', end_year: 2014 },
      ],
    });
    expect(experience.status).toBe(200);
    const done = await userApi.step(server.url, token, 4, { notification_channel: 'email', profile_visibility: 'Members only' });
    expect(done.body).toMatchObject({ status: 'completed', current_step: 5, progress: { percent: 100, next_action: { key: 'done' } } });
    expect((done.body as unknown as Status).completed_at).not.toBeNull();

    expect(await rows('select name from public.user_skills where user_id = $1 order by position', [userId])).toEqual([{ name: 'Python' }, { name: 'SQL' }]);
    expect(await rows('select interest from public.user_interests where user_id = $1 order by interest', [userId])).toEqual([{ interest: 'technology' }, { interest: 'travel' }]);
    expect(await rows('select kind, start_year, end_year from public.user_experience where user_id = $1 order by position', [userId])).toEqual([
      { kind: 'work', start_year: 2015, end_year: null },
      { kind: 'education', start_year: 2010, end_year: 2014 },
    ]);
    expect(await rows('select notification_channel, profile_visibility from public.user_preferences where user_id = $1', [userId])).toEqual([
      { notification_channel: 'email', profile_visibility: 'members' },
    ]);
    expect(await rows('select status, current_step, total_steps, profile_completed, preferences_set from public.user_onboarding where user_id = $1', [userId])).toEqual([
      { status: 'completed', current_step: 5, total_steps: 5, profile_completed: true, preferences_set: true },
    ]);
  });

  it('refuses a step beyond an unanswered required one, and invalid data, in the user\'s language; nothing stored', async () => {
    const userId = randomUUID();
    const token = await tokenFor(userId);
    const early = await userApi.step(server.url, token, 2, { interests: ['music'] }, '?language=es');
    expect(early).toMatchObject({ status: 409, body: { code: 'INVALID_STEP_TRANSITION', details: [{ field: 'profile' }, { field: 'skills' }] } });
    const invalid = await userApi.step(server.url, token, 0, { full_name: 'M', nickname: 'x' }, '?language=es');
    expect(invalid).toMatchObject({ status: 400, body: { code: 'CONFIGURATION_VALIDATION_FAILED' } });
    const details = (invalid.body as unknown as Status).details ?? [];
    expect(details.map((d) => d.field).sort()).toEqual(['full_name', 'nickname']);
    expect(details.find((d) => d.field === 'nickname')?.reason).toBe('Este campo no pertenece a este paso.');
    expect((await userApi.status(server.url, token)).body).toMatchObject({ onboarding_data: {} });
    expect(await rows('select 1 from public.user_profiles where user_id = $1', [userId])).toEqual([]);
  });

  it('interleaves chat and form on one session', async () => {
    const token = await tokenFor(randomUUID());
    await userApi.start(server.url, token, '', { channel: 'web' });
    await userApi.reply(server.url, token, { text: 'Sam Doe' });
    expect(((await userApi.reply(server.url, token, { text: 'skip' })).body as unknown as { next_step: string }).next_step).toBe('avatar');
    const photo = (await userApi.reply(server.url, token, { text: 'skip' })).body as unknown as { next_step: string };
    expect(photo.next_step).toBe('skills');
    expect((await userApi.step(server.url, token, 'skills', { skills: ['Design'] })).body).toMatchObject({ current_step: 2 });
    const chat = (await userApi.reply(server.url, token, { text: 'music and travel' })).body as unknown as { next_step: string; onboarding: Status };
    expect(chat.next_step).toBe('experience');
    expect(chat.onboarding.onboarding_data).toMatchObject({ full_name: 'Sam Doe', bio: null, avatar: null, skills: ['Design'], interests: ['music', 'travel'] });
  });

  it('skips the whole onboarding, keeps the answers, and resumes on start', async () => {
    const token = await tokenFor(randomUUID());
    await userApi.step(server.url, token, 0, { full_name: 'Kim Park' });
    const skipped = await userApi.skip(server.url, token);
    expect(skipped.body).toMatchObject({ status: 'skipped', onboarding_data: { full_name: 'Kim Park' }, progress: { next_action: { key: 'resume' } } });
    expect((skipped.body as unknown as Status).skipped_at).not.toBeNull();
    expect((await userApi.status(server.url, token)).body).toMatchObject({ status: 'skipped' });
    const resumed = await userApi.start(server.url, token);
    expect(resumed.body).toMatchObject({ status: 'in_progress', current_step: 1, onboarding_data: { full_name: 'Kim Park' } });
  });

  it('completes only when every required step is answered', async () => {
    const token = await tokenFor(randomUUID());
    await userApi.step(server.url, token, 0, { full_name: 'Lee Chan' });
    const early = await userApi.complete(server.url, token);
    expect(early).toMatchObject({ status: 409, body: { code: 'INVALID_STEP_TRANSITION' } });
    expect((early.body as unknown as Status).details?.map((d) => d.field)).toEqual(['skills', 'interests', 'experience', 'preferences']);
  });

  it('takes a profile photo as an upload: checked by its bytes and size, stored, and written to the profile', async () => {
    const userId = randomUUID();
    const token = await tokenFor(userId);
    const upload = (body: Uint8Array, type: string, who = token): Promise<Response> =>
      fetch(`${server.url}/api/users/me/onboarding/step/profile/photo`, { method: 'POST', headers: { authorization: `Bearer ${who}`, 'content-type': type }, body: Buffer.from(body) });
    const uploads = join(dataDir, 'uploads', 'users', userId);
    expect((await upload(PNG, 'image/png', '')).status).toBe(401);
    const html = await upload(new TextEncoder().encode('<html><script>alert(1)</script></html>'), 'image/png');
    expect(html.status).toBe(400);
    expect(await html.json()).toMatchObject({ code: 'CONFIGURATION_VALIDATION_FAILED', details: [{ field: 'avatar' }] });
    const large = await upload(new Uint8Array([...PNG, ...new Uint8Array(5000)]), 'image/png');
    expect(large.status).toBe(413);
    expect(existsSync(uploads)).toBe(false);

    const stored = await upload(PNG, 'image/png');
    expect(stored.status).toBe(200);
    const body = (await stored.json()) as Status;
    const avatar = body.onboarding_data.avatar as { path: string; content_type: string; bytes: number };
    expect(avatar).toMatchObject({ content_type: 'image/png', bytes: PNG.length });
    expect(avatar.path).toMatch(new RegExp(`^users/${userId}/user-profile/avatar-[0-9a-f-]{36}\\.png$`));
    expect(readFileSync(join(dataDir, 'uploads', avatar.path))).toEqual(Buffer.from(PNG));
    expect(readdirSync(join(uploads, 'user-profile'))).toHaveLength(1);

    // Another user's photo cannot be named as an answer.
    const other = await userApi.step(server.url, await tokenFor(randomUUID()), 0, { full_name: 'Eve', avatar });
    expect(other).toMatchObject({ status: 400, body: { code: 'CONFIGURATION_VALIDATION_FAILED', details: [{ field: 'avatar' }] } });
    await userApi.step(server.url, token, 0, { full_name: 'Pat Photo' });
    expect(await rows('select avatar_path from public.user_profiles where user_id = $1', [userId])).toEqual([{ avatar_path: avatar.path }]);
  });

  it('keeps one user out of another\'s onboarding', async () => {
    const ana = await tokenFor(randomUUID());
    const bob = await tokenFor(randomUUID());
    await userApi.step(server.url, ana, 0, { full_name: 'Ana Only' });
    expect((await userApi.status(server.url, bob)).body).toMatchObject({ status: 'not_started', onboarding_data: {} });
    await userApi.step(server.url, bob, 0, { full_name: 'Bob Other' });
    expect((await userApi.status(server.url, ana)).body).toMatchObject({ onboarding_data: { full_name: 'Ana Only' } });
  });
});
