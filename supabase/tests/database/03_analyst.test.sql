-- The analyst reads the analytics views, which return the right numbers, and no table at all.
-- The data sits on 2001-02-03 and in flow 'pgtap-flow', apart from anything seeded.
begin;
create extension if not exists pgtap with schema extensions;
select plan(17);

insert into public.instant_onboarding_sessions
  (id, session_key, channel, language, flow_id, flow_version, status, current_step, created_at, completed_at)
values
  ('d0000000-0000-4000-8000-000000000001', 'hash-d1', 'voice', 'es', 'pgtap-flow', 3, 'completed', null, '2001-02-03 10:00:00+00', '2001-02-03 10:02:00+00'),
  ('d0000000-0000-4000-8000-000000000002', 'hash-d2', 'voice', 'es', 'pgtap-flow', 3, 'completed', null, '2001-02-03 11:00:00+00', '2001-02-03 11:05:00+00'),
  ('d0000000-0000-4000-8000-000000000003', 'hash-d3', 'voice', 'es', 'pgtap-flow', 3, 'failed', 'birth_date', '2001-02-03 12:00:00+00', null),
  ('d0000000-0000-4000-8000-000000000004', 'hash-d4', 'voice', 'es', 'pgtap-flow', 3, 'collecting_data', 'birth_date', '2001-02-03 13:00:00+00', null),
  ('d0000000-0000-4000-8000-000000000005', 'hash-d5', 'voice', 'es', 'pgtap-flow', 3, 'started', 'name', '2001-02-03 14:00:00+00', null);
insert into public.instant_onboarding_profiles (session_id, profile_data, viewed_chart, shared_chart, converted_to_full_user, created_at)
values ('d0000000-0000-4000-8000-000000000001', '{}', true, true, false, '2001-02-03 10:02:00+00'),
       ('d0000000-0000-4000-8000-000000000002', '{}', true, false, true, '2001-02-03 11:05:00+00');
-- In id order, as the service writes them: d1 had one answer to birth_date rejected and re-prompted.
-- d3 failed (at generation) with a current_step left over: that is not leaving at the step.
insert into public.onboarding_events (session_id, occurred_at, kind, step)
values
  ('d0000000-0000-4000-8000-000000000001', '2001-02-03 10:00:00+00', 'step_prompted', 'name'),
  ('d0000000-0000-4000-8000-000000000001', '2001-02-03 10:00:10+00', 'answer_accepted', 'name'),
  ('d0000000-0000-4000-8000-000000000001', '2001-02-03 10:00:10+00', 'step_prompted', 'birth_date'),
  ('d0000000-0000-4000-8000-000000000001', '2001-02-03 10:00:20+00', 'answer_rejected', 'birth_date'),
  ('d0000000-0000-4000-8000-000000000001', '2001-02-03 10:00:20+00', 'step_prompted', 'birth_date'),
  ('d0000000-0000-4000-8000-000000000001', '2001-02-03 10:00:40+00', 'answer_accepted', 'birth_date'),
  ('d0000000-0000-4000-8000-000000000002', '2001-02-03 11:00:00+00', 'step_prompted', 'name'),
  ('d0000000-0000-4000-8000-000000000002', '2001-02-03 11:00:30+00', 'answer_accepted', 'name'),
  ('d0000000-0000-4000-8000-000000000002', '2001-02-03 11:00:30+00', 'step_prompted', 'birth_date'),
  ('d0000000-0000-4000-8000-000000000002', '2001-02-03 11:00:50+00', 'answer_accepted', 'birth_date'),
  ('d0000000-0000-4000-8000-000000000003', '2001-02-03 12:00:00+00', 'step_prompted', 'name'),
  ('d0000000-0000-4000-8000-000000000003', '2001-02-03 12:00:06+00', 'answer_accepted', 'name'),
  ('d0000000-0000-4000-8000-000000000003', '2001-02-03 12:00:06+00', 'step_prompted', 'birth_date'),
  ('d0000000-0000-4000-8000-000000000003', '2001-02-03 12:01:06+00', 'answer_accepted', 'birth_date'),
  ('d0000000-0000-4000-8000-000000000004', '2001-02-03 13:00:00+00', 'step_prompted', 'name'),
  ('d0000000-0000-4000-8000-000000000004', '2001-02-03 13:00:20+00', 'answer_accepted', 'name'),
  ('d0000000-0000-4000-8000-000000000004', '2001-02-03 13:00:20+00', 'step_prompted', 'birth_date'),
  ('d0000000-0000-4000-8000-000000000005', '2001-02-03 14:00:00+00', 'step_prompted', 'name');

-- pgTAP lives in `extensions`; a Supabase analyst would not otherwise need that schema. On Supabase the tests run
-- as `postgres`, which created `analyst` (admin option) but is not a member of it: SET ROLE needs membership.
grant usage on schema extensions to analyst;
grant analyst to current_user;
set local role analyst;

select results_eq($$select date, channel::text, sessions_started, sessions_completed, sessions_failed, completion_rate, median_seconds_to_complete
  from public.instant_onboarding_session_stats where date = '2001-02-03'$$,
  $$values ('2001-02-03'::date, 'voice', 5::bigint, 2::bigint, 1::bigint, 0.4000::numeric, 210.0::numeric)$$,
  'session stats: 5 started, 2 completed, 1 failed, rate 0.4, median 210 s');

select results_eq($$select date, charts_generated, charts_viewed, charts_shared, conversions, view_rate, share_rate, conversion_rate
  from public.instant_onboarding_conversion_metrics where date = '2001-02-03'$$,
  $$values ('2001-02-03'::date, 2::bigint, 2::bigint, 1::bigint, 1::bigint, 1.0000::numeric, 0.5000::numeric, 0.5000::numeric)$$,
  'conversion metrics: 2 charts, both viewed, 1 shared, 1 converted');

select results_eq($$select flow_version, channel::text, language, step, sessions_reached, sessions_left, drop_off_rate
  from public.onboarding_step_dropoff where flow_id = 'pgtap-flow' order by sessions_reached desc$$,
  $$values (3, 'voice', 'es', 'name', 5::bigint, 1::bigint, 0.2000::numeric),
           (3, 'voice', 'es', 'birth_date', 4::bigint, 1::bigint, 0.2500::numeric)$$,
  'drop-off: 5 reached name and 1 left there; 4 reached birth_date and 1 left there');

select results_eq($$select step, timed_answers, median_seconds, p90_seconds
  from public.onboarding_step_timing where flow_id = 'pgtap-flow' order by step desc$$,
  $$values ('name', 4::bigint, 15.0::numeric, 27.0::numeric), ('birth_date', 3::bigint, 30.0::numeric, 54.0::numeric)$$,
  'time per step from the first prompt to the accepted answer: median and p90');

select results_eq($$select step, sessions_prompted, re_prompts, re_prompts_per_session, rejected_answers
  from public.onboarding_step_reprompts where flow_id = 'pgtap-flow' order by step desc$$,
  $$values ('name', 5::bigint, 0::bigint, 0.00::numeric, 0::bigint), ('birth_date', 4::bigint, 1::bigint, 0.25::numeric, 1::bigint)$$,
  're-prompts per step');

select results_eq($$select sessions_started from onboarding_analytics.session_stats('2001-02-03', '2001-02-03')$$,
  $$values (5::bigint)$$, 'the function behind a view takes a date range');

select throws_ok('select * from public.instant_onboarding_sessions', '42501', null, 'direct read of sessions is refused');
select throws_ok('select channel, status from public.instant_onboarding_sessions', '42501', null,
  'direct read of sessions'' non-personal columns is refused too');
select throws_ok('select * from public.instant_onboarding_profiles', '42501', null, 'direct read of profiles is refused');
select throws_ok('select * from public.onboarding_events', '42501', null, 'direct read of the event log is refused');
select throws_ok('select * from public.onboarding_inbox', '42501', null, 'direct read of the inbox is refused');
select throws_ok($$select public.onboarding_load_session('d0000000-0000-4000-8000-000000000001', null)$$, '42501', null,
  'the service''s load function is refused');
select throws_ok($$select public.cleanup_expired_onboarding_sessions()$$, '42501', null, 'the cleanup is refused');
select throws_ok($$update public.instant_onboarding_profiles set viewed_chart = true$$, '42501', null, 'writes are refused');

-- The views are for analysts only.
reset role;
set local role anon;
select throws_ok('select * from public.onboarding_step_dropoff', '42501', null, 'anon cannot read the step views');
select throws_ok('select * from onboarding_analytics.step_activity()', '42501', null, 'anon cannot call the analytics functions');
reset role;
set local role authenticated;
select throws_ok('select * from public.onboarding_step_timing', '42501', null, 'authenticated cannot read the step views');

select * from finish();
rollback;
