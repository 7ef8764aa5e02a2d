-- A signed-in user (role authenticated, JWT sub = auth.uid()) reads the sessions and profiles linked to their
-- user_id, plus any session whose key they send; nothing else.
begin;
create extension if not exists pgtap with schema extensions;
select plan(16);

insert into public.instant_onboarding_sessions (id, session_key, user_id, channel, language, status)
values
  ('c1000000-0000-4000-8000-000000000001', 'hash-u1-a', '11111111-1111-4111-8111-111111111111', 'web', 'en', 'completed'),
  ('c1000000-0000-4000-8000-000000000002', 'hash-u1-b', '11111111-1111-4111-8111-111111111111', 'sms', 'es', 'collecting_data'),
  ('c2000000-0000-4000-8000-000000000001', 'hash-u2-a', '22222222-2222-4222-8222-222222222222', 'web', 'en', 'completed'),
  ('c3000000-0000-4000-8000-000000000001', encode(sha256(convert_to('key-k', 'UTF8')), 'hex'), null, 'web', 'en', 'completed');
insert into public.instant_onboarding_profiles (session_id, user_id, profile_data)
values ('c1000000-0000-4000-8000-000000000001', '11111111-1111-4111-8111-111111111111', '{}'),
       ('c2000000-0000-4000-8000-000000000001', '22222222-2222-4222-8222-222222222222', '{}'),
       ('c3000000-0000-4000-8000-000000000001', null, '{}');

set local role authenticated;
select set_config('request.headers', '{}', true);

-- User 1
select set_config('request.jwt.claims', '{"role":"authenticated","sub":"11111111-1111-4111-8111-111111111111"}', true);
select results_eq('select id from public.instant_onboarding_sessions order by id',
  $$values ('c1000000-0000-4000-8000-000000000001'::uuid), ('c1000000-0000-4000-8000-000000000002'::uuid)$$,
  'user 1 sees exactly their two sessions');
select results_eq('select session_id from public.instant_onboarding_profiles',
  $$values ('c1000000-0000-4000-8000-000000000001'::uuid)$$, 'user 1 sees exactly their profile');

-- User 1 also holding an anonymous session's key
select set_config('request.headers', '{"x-session-key":"key-k"}', true);
select results_eq('select id from public.instant_onboarding_sessions order by id',
  $$values ('c1000000-0000-4000-8000-000000000001'::uuid), ('c1000000-0000-4000-8000-000000000002'::uuid),
           ('c3000000-0000-4000-8000-000000000001'::uuid)$$,
  'user 1 with key K also sees session K');
select set_config('request.headers', '{}', true);

-- User 2, and a token without sub
select set_config('request.jwt.claims', '{"role":"authenticated","sub":"22222222-2222-4222-8222-222222222222"}', true);
select results_eq('select id from public.instant_onboarding_sessions',
  $$values ('c2000000-0000-4000-8000-000000000001'::uuid)$$, 'user 2 sees exactly their session');
select is_empty($$select id from public.instant_onboarding_profiles where user_id = '11111111-1111-4111-8111-111111111111'$$,
  'user 2 does not see user 1''s profile');
select set_config('request.jwt.claims', '{"role":"authenticated"}', true);
select is_empty('select id from public.instant_onboarding_sessions', 'a token without sub sees no session');

-- Writes as user 1
select set_config('request.jwt.claims', '{"role":"authenticated","sub":"11111111-1111-4111-8111-111111111111"}', true);
select lives_ok($$update public.instant_onboarding_profiles set shared_chart = true
  where session_id = 'c1000000-0000-4000-8000-000000000001'$$, 'user 1 sets shared_chart on their profile');
select lives_ok($$update public.instant_onboarding_profiles set shared_chart = true
  where session_id = 'c2000000-0000-4000-8000-000000000001'$$, 'user 1 updating user 2''s profile matches no row');
select throws_ok($$update public.instant_onboarding_sessions set user_id = '11111111-1111-4111-8111-111111111111'
  where id = 'c3000000-0000-4000-8000-000000000001'$$, '42501', null, 'claiming a session by setting user_id is refused');
select throws_ok($$update public.instant_onboarding_profiles set user_id = null$$, '42501', null,
  'changing a profile''s user_id is refused');
select throws_ok($$insert into public.instant_onboarding_sessions (session_key, channel, user_id)
  values ('new', 'web', '11111111-1111-4111-8111-111111111111')$$, '42501', null, 'inserting a session is refused');
select throws_ok('select * from public.onboarding_events', '42501', null, 'reading the event log is refused');
select throws_ok('select * from public.onboarding_inbox', '42501', null, 'reading the inbox is refused');
select throws_ok('select * from public.instant_onboarding_conversion_metrics', '42501', null, 'reading the analytics views is refused');

-- Defence in depth: an INSERT granted by mistake still fails the (absent) insert policy's WITH CHECK.
reset role;
grant insert on public.instant_onboarding_sessions to authenticated;
set local role authenticated;
select throws_ok($$insert into public.instant_onboarding_sessions (session_key, channel, user_id)
  values ('new', 'web', '11111111-1111-4111-8111-111111111111')$$, '42501',
  'new row violates row-level security policy for table "instant_onboarding_sessions"',
  'with INSERT granted by mistake, a session of one''s own still fails WITH CHECK');

reset role;
select results_eq($$select session_id, shared_chart from public.instant_onboarding_profiles
  where session_id in ('c1000000-0000-4000-8000-000000000001', 'c2000000-0000-4000-8000-000000000001') order by session_id$$,
  $$values ('c1000000-0000-4000-8000-000000000001'::uuid, true), ('c2000000-0000-4000-8000-000000000001'::uuid, false)$$,
  'only user 1''s own profile changed');

select * from finish();
rollback;
