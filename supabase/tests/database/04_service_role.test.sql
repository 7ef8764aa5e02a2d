-- service_role (the supabase driver's role) runs the service's functions through RLS untouched, and the
-- cleanup removes old incomplete anonymous sessions only and says how many.
begin;
create extension if not exists pgtap with schema extensions;
select plan(19);

-- Ages far beyond the seed's 28 days, so a cleanup with a 365-day age sees only these rows.
insert into public.instant_onboarding_sessions (id, session_key, user_id, channel, status, created_at, updated_at)
values
  ('e0000000-0000-4000-8000-000000000001', 'hash-e1', null, 'web', 'collecting_data', now() - interval '400 days', now() - interval '400 days'),
  ('e0000000-0000-4000-8000-000000000002', 'hash-e2', null, 'sms', 'started', now() - interval '400 days', now() - interval '400 days'),
  ('e0000000-0000-4000-8000-000000000003', 'hash-e3', null, 'web', 'failed', now() - interval '400 days', now() - interval '400 days'),
  ('e0000000-0000-4000-8000-000000000004', 'hash-e4', null, 'web', 'completed', now() - interval '400 days', now() - interval '400 days'),
  ('e0000000-0000-4000-8000-000000000005', 'hash-e5', '55555555-5555-4555-8555-555555555555', 'web', 'collecting_data', now() - interval '400 days', now() - interval '400 days'),
  ('e0000000-0000-4000-8000-000000000006', 'hash-e6', null, 'web', 'generating_chart', now() - interval '400 days', now() - interval '400 days'),
  ('e0000000-0000-4000-8000-000000000007', 'hash-e7', null, 'web', 'collecting_data', now() - interval '400 days', now() - interval '300 days');
insert into public.onboarding_events (session_id, kind) values ('e0000000-0000-4000-8000-000000000001', 'session_started');
insert into public.onboarding_inbox (channel, sender, message_key, session_id, reply)
values ('web', '', 'web:e1:1', 'e0000000-0000-4000-8000-000000000001', '{}');

set local role service_role;
select set_config('request.jwt.claims', '{"role":"service_role"}', true);

select isnt_empty('select id from public.instant_onboarding_sessions', 'service_role reads every session (BYPASSRLS)');
select lives_ok($$select public.onboarding_commit_turn(jsonb_build_object(
    'session_id', 'e0000000-0000-4000-8000-0000000000ff', 'create', true, 'key_hash', 'hash-eff',
    'session', jsonb_build_object('channel', 'web', 'language', 'en', 'flow_id', 'instant-birth-chart', 'status', 'collecting_data'),
    'events', jsonb_build_array(jsonb_build_object('kind', 'session_started'))))$$,
  'service_role commits a turn');
select is((public.onboarding_load_session('e0000000-0000-4000-8000-0000000000ff', null) -> 'session' ->> 'session_key'),
  'hash-eff', 'service_role loads the session it committed');
select ok(public.onboarding_list_generating(100) ? 'e0000000-0000-4000-8000-000000000006', 'service_role lists sessions left generating');
select is(public.onboarding_cleanup_schedule(), null, 'without pg_cron, the cleanup is not scheduled in the database');

select throws_ok($$select public.cleanup_expired_onboarding_sessions(interval '5 minutes')$$, '22023', null,
  'an age under an hour is refused');
select is(public.cleanup_expired_onboarding_sessions(interval '365 days'), 3, 'the cleanup removes 3 sessions and says so');
select results_eq($$select id from public.instant_onboarding_sessions where id::text like 'e0000000-%' order by id$$,
  $$values ('e0000000-0000-4000-8000-000000000004'::uuid), ('e0000000-0000-4000-8000-000000000005'::uuid),
           ('e0000000-0000-4000-8000-000000000006'::uuid), ('e0000000-0000-4000-8000-000000000007'::uuid),
           ('e0000000-0000-4000-8000-0000000000ff'::uuid)$$,
  'kept: completed, a user''s, generating, recently active, new; removed: old started, collecting and failed');
select is_empty($$select 1 from public.onboarding_events where session_id = 'e0000000-0000-4000-8000-000000000001'$$,
  'the removed session''s events are gone');
select is_empty($$select 1 from public.onboarding_inbox where session_id = 'e0000000-0000-4000-8000-000000000001'$$,
  'the removed session''s inbox rows are gone');
select is(public.cleanup_expired_onboarding_sessions(interval '365 days'), 0, 'a second run removes nothing');
select throws_ok('select * from public.instant_onboarding_session_stats', '42501', null,
  'service_role does not read the analytics views (analysts do)');

-- The inbox is per channel and sender: one Twilio MessageSid from two numbers is two messages; from the same
-- number again it is a duplicate, answered with that number's own reply, and creates nothing.
create temporary table sms_turn on commit drop as
select jsonb_build_object('create', true, 'message_key', 'twilio:SM0123', 'events', '[]'::jsonb,
  'session', jsonb_build_object('channel', 'sms', 'language', 'en', 'flow_id', 'instant-birth-chart', 'status', 'collecting_data')) as turn;
select is(public.onboarding_commit_turn((select turn from sms_turn) || jsonb_build_object(
    'session_id', 'f1000000-0000-4000-8000-000000000001', 'key_hash', 'hash-f1', 'reply', '{"to":"first"}'::jsonb,
    'session', (select turn -> 'session' from sms_turn) || '{"phone_number":"+15550000001"}'::jsonb)) ->> 'outcome',
  'committed', 'a message from one number is committed');
select is(public.onboarding_commit_turn((select turn from sms_turn) || jsonb_build_object(
    'session_id', 'f1000000-0000-4000-8000-000000000002', 'key_hash', 'hash-f2', 'reply', '{"to":"second"}'::jsonb,
    'session', (select turn -> 'session' from sms_turn) || '{"phone_number":"+15550000002"}'::jsonb)) ->> 'outcome',
  'committed', 'the same message id from another number is another message');
select is(public.onboarding_commit_turn((select turn from sms_turn) || jsonb_build_object(
    'session_id', 'f1000000-0000-4000-8000-000000000003', 'key_hash', 'hash-f3', 'reply', '{"to":"third"}'::jsonb,
    'session', (select turn -> 'session' from sms_turn) || '{"phone_number":"+15550000002"}'::jsonb)),
  '{"outcome":"duplicate","reply":{"to":"second"}}'::jsonb, 'from the same number again: a duplicate with that number''s reply');
select is_empty($$select 1 from public.instant_onboarding_sessions where id = 'f1000000-0000-4000-8000-000000000003'$$,
  'the duplicate created no session');
select is(public.onboarding_load_session('f1000000-0000-4000-8000-000000000002', 'twilio:SM0123') ->> 'duplicate_reply',
  '{"to": "second"}', 'the load sees the session''s own stored reply');

-- A voice session keeps the call it is on until a turn names another.
select is(public.onboarding_commit_turn(jsonb_build_object(
    'session_id', 'f1000000-0000-4000-8000-000000000001', 'expected_version', 0, 'events', '[]'::jsonb,
    'session', jsonb_build_object('status', 'collecting_data', 'call_sid', 'CA0123'))) ->> 'outcome',
  'committed', 'a turn names the call the session is on');
select is(public.onboarding_load_session('f1000000-0000-4000-8000-000000000001', null) -> 'session' ->> 'call_sid',
  'CA0123', 'the load returns it');

select * from finish();
rollback;
