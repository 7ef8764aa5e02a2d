-- An anonymous visitor (role anon) holding a session key, as PostgREST runs its requests: the role switched,
-- request.jwt.claims and request.headers set for the transaction.
begin;
create extension if not exists pgtap with schema extensions;
select plan(30);

insert into public.instant_onboarding_sessions (id, session_key, channel, language, status, collected_data)
values
  ('a0000000-0000-4000-8000-00000000000a', encode(sha256(convert_to('key-a', 'UTF8')), 'hex'), 'web', 'en', 'completed', '{"name":"Ana"}'),
  ('b0000000-0000-4000-8000-00000000000b', encode(sha256(convert_to('key-b', 'UTF8')), 'hex'), 'web', 'en', 'completed', '{"name":"Bea"}');
insert into public.instant_onboarding_profiles (session_id, kind, profile_data)
values ('a0000000-0000-4000-8000-00000000000a', 'birth-chart', '{"sun":"Aries"}'),
       ('b0000000-0000-4000-8000-00000000000b', 'birth-chart', '{"sun":"Leo"}');
insert into public.onboarding_events (session_id, kind) values ('a0000000-0000-4000-8000-00000000000a', 'session_started');
insert into public.onboarding_inbox (channel, sender, message_key, session_id, reply)
values ('web', '', 'web:a:1', 'a0000000-0000-4000-8000-00000000000a', '{}');

-- No key
set local role anon;
select set_config('request.jwt.claims', '{"role":"anon"}', true);
select set_config('request.headers', '{}', true);
select is_empty('select id from public.instant_onboarding_sessions', 'no key: no session is visible');
select is_empty('select id from public.instant_onboarding_profiles', 'no key: no profile is visible');

-- Wrong key (and a key that is the stored hash itself, not the key)
select set_config('request.headers', '{"x-session-key":"not-a-key"}', true);
select is_empty('select id from public.instant_onboarding_sessions', 'wrong key: no session is visible');
select set_config('request.headers', json_build_object('x-session-key', encode(sha256(convert_to('key-a', 'UTF8')), 'hex'))::text, true);
select is_empty('select id from public.instant_onboarding_sessions', 'the stored hash sent as the key opens nothing');

-- The right key
select set_config('request.headers', '{"x-session-key":"key-a"}', true);
select results_eq('select id from public.instant_onboarding_sessions',
  $$values ('a0000000-0000-4000-8000-00000000000a'::uuid)$$, 'key A: exactly session A is visible');
select results_eq('select session_id from public.instant_onboarding_profiles',
  $$values ('a0000000-0000-4000-8000-00000000000a'::uuid)$$, 'key A: exactly profile A is visible');
select is_empty($$select id from public.instant_onboarding_sessions where id = 'b0000000-0000-4000-8000-00000000000b'$$,
  'key A: asking for session B by id finds nothing');

-- Another session's key
select set_config('request.headers', '{"x-session-key":"key-b"}', true);
select is_empty($$select id from public.instant_onboarding_sessions where id = 'a0000000-0000-4000-8000-00000000000a'$$,
  'key B: session A is not visible');
select is_empty($$select id from public.instant_onboarding_profiles where session_id = 'a0000000-0000-4000-8000-00000000000a'$$,
  'key B: profile A is not visible');

-- Engagement flags: allowed on its own profile, a no-op on another's
select set_config('request.headers', '{"x-session-key":"key-a"}', true);
select lives_ok($$update public.instant_onboarding_profiles set viewed_chart = true, shared_chart = true
  where session_id = 'a0000000-0000-4000-8000-00000000000a'$$, 'key A: sets viewed_chart and shared_chart on profile A');
select lives_ok($$update public.instant_onboarding_profiles set viewed_chart = true
  where session_id = 'b0000000-0000-4000-8000-00000000000b'$$, 'key A: updating profile B runs but matches no row');
select throws_ok($$update public.instant_onboarding_profiles set viewed_chart = false
  where session_id = 'a0000000-0000-4000-8000-00000000000a'$$, '42501', 'engagement flags can be set, not cleared',
  'key A: clearing a flag is refused');

-- Forbidden columns and tables
select throws_ok($$update public.instant_onboarding_profiles set converted_to_full_user = true$$, '42501', null,
  'updating converted_to_full_user is refused');
select throws_ok($$update public.instant_onboarding_profiles set profile_data = '{}'$$, '42501', null,
  'updating profile_data is refused');
select throws_ok($$update public.instant_onboarding_sessions set status = 'completed'$$, '42501', null,
  'updating a session is refused');
select throws_ok($$delete from public.instant_onboarding_sessions$$, '42501', null, 'deleting a session is refused');
select throws_ok($$insert into public.instant_onboarding_sessions (session_key, channel) values ('x', 'web')$$, '42501', null,
  'inserting a session is refused');
select throws_ok($$insert into public.instant_onboarding_profiles (session_id, profile_data)
  values ('a0000000-0000-4000-8000-00000000000a', '{}')$$, '42501', null, 'inserting a profile is refused');
select throws_ok('select * from public.onboarding_events', '42501', null, 'reading the event log is refused');
select throws_ok($$insert into public.onboarding_events (session_id, kind) values ('a0000000-0000-4000-8000-00000000000a', 'inbound')$$,
  '42501', null, 'writing the event log is refused');
select throws_ok('select * from public.onboarding_inbox', '42501', null, 'reading the inbox is refused');
select throws_ok($$select public.onboarding_commit_turn('{}')$$, '42501', null, 'calling onboarding_commit_turn is refused');
select throws_ok($$select public.onboarding_load_session('a0000000-0000-4000-8000-00000000000a', null)$$, '42501', null,
  'calling onboarding_load_session is refused');
select throws_ok($$select public.cleanup_expired_onboarding_sessions()$$, '42501', null, 'calling the cleanup is refused');
select throws_ok('select * from public.instant_onboarding_session_stats', '42501', null, 'reading the analytics views is refused');

-- Defence in depth: even if a later migration granted too much, RLS and the trigger still refuse.
reset role;
grant insert on public.instant_onboarding_profiles, public.instant_onboarding_sessions to anon;
grant update (profile_data) on public.instant_onboarding_profiles to anon;
set local role anon;
select throws_ok($$insert into public.instant_onboarding_profiles (session_id, profile_data)
  values ('a0000000-0000-4000-8000-00000000000a', '{}')$$, '42501',
  'new row violates row-level security policy for table "instant_onboarding_profiles"',
  'with INSERT granted by mistake, a profile insert still fails WITH CHECK (no insert policy)');
select throws_ok($$insert into public.instant_onboarding_sessions (session_key, channel)
  values (encode(sha256(convert_to('key-a', 'UTF8')), 'hex') || 'x', 'web')$$, '42501',
  'new row violates row-level security policy for table "instant_onboarding_sessions"',
  'with INSERT granted by mistake, a session insert still fails WITH CHECK (no insert policy)');
select throws_ok($$update public.instant_onboarding_profiles set profile_data = '{}'
  where session_id = 'a0000000-0000-4000-8000-00000000000a'$$, '42501',
  'clients may change only viewed_chart and shared_chart', 'with UPDATE granted by mistake, the trigger refuses other columns');

-- What stuck, seen as the owner
reset role;
select results_eq($$select viewed_chart, shared_chart from public.instant_onboarding_profiles
  where session_id = 'a0000000-0000-4000-8000-00000000000a'$$, $$values (true, true)$$, 'profile A has both flags set');
select results_eq($$select viewed_chart, shared_chart from public.instant_onboarding_profiles
  where session_id = 'b0000000-0000-4000-8000-00000000000b'$$, $$values (false, false)$$, 'profile B is unchanged');

select * from finish();
rollback;
