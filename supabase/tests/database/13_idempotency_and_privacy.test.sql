-- Idempotent starts and erase/export (20261206300010/20): the keys table and the privacy functions are the
-- service's alone; service_role's idempotent start makes one session per key, and erase removes a subject's
-- rows and nobody else's.
begin;
create extension if not exists pgtap with schema extensions;
select plan(24);

insert into public.instant_onboarding_sessions (id, session_key, channel, phone_number, bot_number, user_id, flow_id, status, current_step)
values
  ('a8000000-0000-4000-8000-000000000001', 'hash-p1', 'web', null, null, null, 'pgtap-privacy', 'collecting_data', 'name'),
  ('a8000000-0000-4000-8000-000000000002', 'hash-p2', 'sms', '+15558880002', '+15550000000', null, 'pgtap-privacy', 'collecting_data', 'name'),
  ('a8000000-0000-4000-8000-000000000003', 'hash-p3', 'web', null, null, '22222222-2222-4222-8222-222222222222', 'pgtap-privacy', 'collecting_data', 'name');
insert into public.user_profiles (user_id, full_name) values
  ('22222222-2222-4222-8222-222222222222', 'Maria Lopez'), ('33333333-3333-4333-8333-333333333333', 'Ana Ruiz');

-- anon and authenticated: nothing, not even with a session's key or as the user.
set local role anon;
select set_config('request.headers', '{"x-session-key": "p1"}', true);
select throws_ok('select * from public.onboarding_idempotency_keys', '42501', null, 'anon reads no idempotency keys');
select throws_ok($$select public.onboarding_privacy_export('{"session_id": "a8000000-0000-4000-8000-000000000001"}')$$, '42501', null, 'anon exports nothing');
select throws_ok($$select public.onboarding_privacy_erase('{"session_id": "a8000000-0000-4000-8000-000000000001"}')$$, '42501', null, 'anon erases nothing');
select throws_ok($$select public.onboarding_start_idempotent('k', 'r', 60, '{}', '{}')$$, '42501', null, 'anon starts nothing through the function');
select throws_ok($$select public.onboarding_load_session_by_key('a8000000-0000-4000-8000-000000000001', 'hash-p1')$$, '42501', null,
  'anon cannot load a session by key hash, even the right one');
select throws_ok($$select public.cleanup_expired_onboarding_sessions(interval '1 day', interval '1 day')$$, '42501', null,
  'anon cannot run the cleanup with completed-session retention');
reset role;
set local role authenticated;
select set_config('request.jwt.claims', '{"role":"authenticated","sub":"22222222-2222-4222-8222-222222222222"}', true);
select throws_ok('select * from public.onboarding_idempotency_keys', '42501', null, 'authenticated reads no idempotency keys');
select throws_ok($$select public.onboarding_privacy_erase('{"user_id": "22222222-2222-4222-8222-222222222222"}')$$, '42501', null,
  'authenticated cannot call the erase function, even for itself (the API does, as the service)');
select throws_ok($$select public.onboarding_privacy_export('{"user_id": "22222222-2222-4222-8222-222222222222"}')$$, '42501', null,
  'authenticated cannot call the export function');
select throws_ok($$select public.onboarding_load_session_by_key('a8000000-0000-4000-8000-000000000003', 'hash-p3')$$, '42501', null,
  'authenticated cannot load its own session through the service''s function');
reset role;

set local role service_role;
select set_config('request.jwt.claims', '{"role":"service_role"}', true);
select throws_ok($$select public.onboarding_privacy_erase('{"session_id": "a8000000-0000-4000-8000-000000000001", "phone": "+1"}')$$, '22023', null,
  'a subject is exactly one of session, user, phone');
select is(jsonb_array_length(public.onboarding_privacy_export('{"phone": "+15558880002"}') -> 'sessions'), 1, 'service_role exports a number''s sessions');
select ok(public.onboarding_load_session_by_key('a8000000-0000-4000-8000-000000000002', 'hash-p2') is not null
  and public.onboarding_load_session_by_key('a8000000-0000-4000-8000-000000000002', 'hash-p1') is null,
  'service_role loads a session by its key hash, and gets nothing for another session''s hash');
select ok(not (public.onboarding_privacy_export('{"session_id": "a8000000-0000-4000-8000-000000000001"}') -> 'sessions' -> 0 ? 'session_key'),
  'an export holds no key hash');
select is((public.onboarding_privacy_erase('{"user_id": "22222222-2222-4222-8222-222222222222"}') -> 'erased' ->> 'user_profiles')::int, 1,
  'erasing a user removes their product rows');
select is((select count(*)::int from public.user_profiles where user_id = '33333333-3333-4333-8333-333333333333'), 1, 'and nobody else''s');
select is((select count(*)::int from public.instant_onboarding_sessions where id = 'a8000000-0000-4000-8000-000000000003'), 0, 'and their sessions');

-- A practitioner erased by phone goes with their facilitator rows; a user's sole-member workspace goes, a shared one stays.
insert into public.practitioners (id, phone_number, name) values ('a8000000-0000-4000-8000-0000000000a1', '+15558880077', 'Pat Doe');
insert into public.facilitator_bio_about (practitioner_id, headline, bio, first_session)
values ('a8000000-0000-4000-8000-0000000000a1', 'Yoga', 'Teaching since 2010', 'We breathe');
select is((public.onboarding_privacy_erase('{"phone": "+15558880077"}') -> 'erased' ->> 'practitioners')::int, 1, 'erasing a phone removes its practitioner');
select is((select count(*)::int from public.facilitator_bio_about where practitioner_id = 'a8000000-0000-4000-8000-0000000000a1'), 0,
  'and their step rows');
select public.workspace_provision('{"organization_id": "a8000000-0000-4000-8000-0000000000b1", "name": "Solo", "user_id": "44444444-4444-4444-8444-444444444444", "trigger": "trial", "trial_ends_at": "2030-01-01T00:00:00Z"}');
select public.workspace_provision('{"organization_id": "a8000000-0000-4000-8000-0000000000b2", "name": "Shared", "user_id": "55555555-5555-4555-8555-555555555555", "trigger": "trial", "trial_ends_at": "2030-01-01T00:00:00Z"}');
insert into public.memberships (organization_id, user_id, role) values ('a8000000-0000-4000-8000-0000000000b2', '44444444-4444-4444-8444-444444444444', 'member');
select is(public.onboarding_privacy_erase('{"user_id": "44444444-4444-4444-8444-444444444444"}') -> 'erased' -> 'organizations', '1'::jsonb,
  'erasing a user removes the workspace they alone belonged to');
select results_eq($$select name from public.organizations where id::text like 'a8000000-%' order by name$$, $$values ('Shared')$$,
  'a workspace shared with others stays, without them');

create temporary table start_turn on commit drop as
select jsonb_build_object('session_id', 'a8000000-0000-4000-8000-000000000009', 'create', true, 'key_hash', 'hash-p9',
  'session', jsonb_build_object('status', 'collecting_data', 'current_step', 'name', 'snapshot', '{}'::jsonb, 'channel', 'web',
    'language', 'en', 'flow_id', 'pgtap-privacy'), 'events', '[]'::jsonb) as turn;
grant select on start_turn to service_role;
select is(public.onboarding_start_idempotent('pgtap-key', 'body', 60, '{"n": 1}', (select turn from start_turn)) ->> 'outcome', 'committed',
  'the first start of a key commits');
select is(public.onboarding_start_idempotent('pgtap-key', 'body', 60, '{"n": 2}',
  (select jsonb_set(turn, '{session_id}', '"a8000000-0000-4000-8000-00000000000a"') || '{"key_hash": "hash-p10"}' from start_turn)),
  '{"outcome": "replay", "session_id": "a8000000-0000-4000-8000-000000000009", "request_hash": "body", "reply": {"n": 1}}'::jsonb,
  'a second start with the key replays the first');
select is((select count(*)::int from public.instant_onboarding_sessions where id = 'a8000000-0000-4000-8000-00000000000a'), 0,
  'and makes no second session');

select * from finish();
rollback;
