-- Reminders and resuming (20261206000010/20): the nudges table is the service's alone, its functions run as
-- service_role only, a nudge is recorded once per silence and place in the schedule and never after a reply,
-- abandoned sessions leave the phone number free and count as a drop-off, and the analyst sees nudge lift.
begin;
create extension if not exists pgtap with schema extensions;
select plan(22);

insert into public.instant_onboarding_sessions (id, session_key, channel, phone_number, bot_number, flow_id, status, current_step, updated_at)
values
  ('a7000000-0000-4000-8000-000000000001', 'hash-a1', 'sms', '+15557770001', '+15550000000', 'pgtap-nudge', 'collecting_data', 'name', now() - interval '20 minutes'),
  ('a7000000-0000-4000-8000-000000000002', 'hash-a2', 'web', null, null, 'pgtap-nudge', 'collecting_data', 'name', now() - interval '20 minutes'),
  ('a7000000-0000-4000-8000-000000000003', 'hash-a3', 'sms', '+15557770003', '+15550000000', 'pgtap-nudge', 'completed', null, now() - interval '20 minutes'),
  ('a7000000-0000-4000-8000-000000000004', 'hash-a4', 'sms', '+15557770004', '+15550000000', 'pgtap-nudge', 'started', 'name', now() - interval '30 days');

-- anon and authenticated: nothing.
set local role anon;
select throws_ok('select * from public.onboarding_nudges', '42501', null, 'anon reads no nudges');
select throws_ok($$select public.onboarding_record_nudge('{}')$$, '42501', null, 'anon records no nudge');
select throws_ok($$select public.onboarding_find_by_resume_code('ABCDEFG')$$, '42501', null, 'anon looks up no resume code');
reset role;
set local role authenticated;
select set_config('request.jwt.claims', '{"role":"authenticated","sub":"11111111-1111-4111-8111-111111111111"}', true);
select throws_ok('select * from public.onboarding_nudges', '42501', null, 'authenticated reads no nudges');
select throws_ok($$select public.onboarding_move_session('a7000000-0000-4000-8000-000000000001', 'sms', '+1', '+1')$$, '42501', null,
  'authenticated moves no session');
select throws_ok($$select public.onboarding_rotate_session_key('a7000000-0000-4000-8000-000000000001', 'x')$$, '42501', null,
  'authenticated takes over no session');
reset role;
grant usage on schema extensions to analyst;
grant analyst to current_user;
set local role analyst;
select throws_ok('select * from public.onboarding_nudges', '42501', null, 'the analyst reads no nudge rows');
select lives_ok('select * from public.onboarding_nudge_stats', 'the analyst reads the nudge view');
reset role;

set local role service_role;
select set_config('request.jwt.claims', '{"role":"service_role"}', true);

create temporary table plan_of on commit drop as
select '{"pgtap-nudge": {"after": [900], "max": 1, "session_channels": ["sms"]}}'::jsonb as plans;
grant select on plan_of to service_role;

select results_eq(
  $$select c ->> 'id' from jsonb_array_elements(public.onboarding_nudge_candidates(now(), (select plans from plan_of), 10)) c$$,
  $$values ('a7000000-0000-4000-8000-000000000001')$$,
  'due: the silent open SMS session; not the web one (no channel in the plan), the completed one, nor one silent under 15 minutes');
select is_empty(
  $$select 1 from jsonb_array_elements(public.onboarding_nudge_candidates(now() - interval '10 minutes', (select plans from plan_of), 10))$$,
  'ten minutes earlier nothing was due');
select matches((select resume_code from public.instant_onboarding_sessions where id = 'a7000000-0000-4000-8000-000000000001'),
  '^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{7}$', 'every session has a seven-character resume code without look-alikes');

create temporary table silence on commit drop as
select updated_at::text as at from public.instant_onboarding_sessions where id = 'a7000000-0000-4000-8000-000000000001';
grant select on silence to service_role;
create temporary table nudge on commit drop as
select jsonb_build_object('session_id', 'a7000000-0000-4000-8000-000000000001', 'silence_key', (select at from silence),
  'sequence', 0, 'step', 'name', 'channel', 'sms', 'language', 'en', 'to', '+15557770001', 'from', '+15550000000',
  'kind', 'nudge', 'body', 'Still there?') as arg;
grant select on nudge to service_role;

select is(public.onboarding_record_nudge((select arg from nudge)) ->> 'outcome', 'recorded', 'the nudge is recorded');
select is(public.onboarding_record_nudge((select arg from nudge)) ->> 'outcome', 'duplicate', 'the same nudge again records nothing');
select is((select count(*)::int from public.onboarding_outbox where session_id = 'a7000000-0000-4000-8000-000000000001' and kind = 'nudge'), 1,
  'one outbox message for it');
select is_empty(
  $$select 1 from jsonb_array_elements(public.onboarding_nudge_candidates(now(), (select plans from plan_of), 10))$$,
  'once sent, the session is not due again (max 1)');

-- A reply moves updated_at: a nudge decided before it is cancelled.
update public.instant_onboarding_sessions set current_step = 'birth_date' where id = 'a7000000-0000-4000-8000-000000000001';
select is(public.onboarding_record_nudge((select arg from nudge) || '{"sequence": 1}') ->> 'outcome', 'cancelled',
  'a nudge of a silence a reply ended is cancelled');

-- Abandoned: the session silent for 30 days; the number is free for a new session.
select cmp_ok(public.onboarding_mark_abandoned(now() - interval '7 days'), '>=', 1, 'sessions silent for a week are marked abandoned');
select is((select status::text from public.instant_onboarding_sessions where id = 'a7000000-0000-4000-8000-000000000004'), 'abandoned',
  'the session silent for 30 days is abandoned');
select lives_ok($$insert into public.instant_onboarding_sessions (session_key, channel, phone_number, status)
  values ('hash-a5', 'sms', '+15557770004', 'collecting_data')$$, 'an abandoned session does not hold its number');

-- Moving by code: the session goes to the new number; that number's own open session is abandoned.
select ok(public.onboarding_move_session('a7000000-0000-4000-8000-000000000002', 'sms', '+15557770004', '+15550000000'),
  'an open web session moves to SMS');
select is((select status::text from public.instant_onboarding_sessions where session_key = 'hash-a5'), 'abandoned',
  'the number''s other open session is abandoned');
select is(public.onboarding_find_by_resume_code((select resume_code from public.instant_onboarding_sessions where id = 'a7000000-0000-4000-8000-000000000003')),
  null, 'a finished session''s code finds nothing');

select * from finish();
rollback;
