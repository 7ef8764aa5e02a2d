-- The practitioner views: the analyst reads the aggregates (counts match a small fixture), never the tables.
begin;
create extension if not exists pgtap with schema extensions;
select plan(12);

-- Five practitioners: two called and not onboarded (one signed in), one onboarded with an active offering,
-- one onboarded without, one new who signed in and stopped at group 2.
insert into public.practitioners (id, phone_number, is_contacted, crm_first_login_date) values
  ('a0000000-0000-4000-8000-000000000001', '+14155559001', true, null),
  ('a0000000-0000-4000-8000-000000000002', '+14155559002', true, now() - interval '2 days'),
  ('a0000000-0000-4000-8000-000000000003', '+14155559003', true, now() - interval '3 days'),
  ('a0000000-0000-4000-8000-000000000004', '+14155559004', false, now() - interval '4 days'),
  ('a0000000-0000-4000-8000-000000000005', '+14155559005', false, now() - interval '1 day');
insert into public.facilitator_basic_info (practitioner_id, first_name, last_name, email, location, phone_number)
  select id, 'A', 'B', 'a@b.co', 'X', phone_number from public.practitioners where phone_number in ('+14155559003', '+14155559004');
insert into public.facilitator_visual_profile (practitioner_id, photo_path)
  select id, 'p.png' from public.practitioners where phone_number in ('+14155559003', '+14155559004');
insert into public.facilitator_professional_details (practitioner_id, practice_type, modalities, years_of_experience, languages, session_format, price_range)
  select id, 'yoga', '{hatha}', 3, '{en}', 'online', 'under_50' from public.practitioners where phone_number in ('+14155559003', '+14155559004');
insert into public.facilitator_bio_about (practitioner_id, headline, bio, first_session)
  select id, 'H', 'B', 'F' from public.practitioners where phone_number in ('+14155559003', '+14155559004');
insert into public.facilitator_experience_certifications (practitioner_id)
  select id from public.practitioners where phone_number in ('+14155559003', '+14155559004');
update public.practitioners set crm_onboarding_completed = true, crm_onboarding_completed_date = now()
  where phone_number in ('+14155559003', '+14155559004');
insert into public.offerings (practitioner_id, title, is_active) values
  ('a0000000-0000-4000-8000-000000000003', 'Flow', true), ('a0000000-0000-4000-8000-000000000004', 'Old', false);
insert into public.instant_onboarding_sessions (id, session_key, phone_number, channel, language, status, flow_id) values
  ('b0000000-0000-4000-8000-000000000002', 'k2', '+14155559002', 'whatsapp', 'en', 'collecting_data', 'practitioner-onboarding'),
  ('b0000000-0000-4000-8000-000000000003', 'k3', '+14155559003', 'whatsapp', 'en', 'completed', 'practitioner-onboarding'),
  ('b0000000-0000-4000-8000-000000000005', 'k5', '+14155559005', 'whatsapp', 'en', 'collecting_data', 'practitioner-onboarding');
insert into public.practitioner_onboarding (practitioner_id, flow_id, session_id, status, current_step, total_steps, completed_steps, started_at, completed_at) values
  ('a0000000-0000-4000-8000-000000000002', 'practitioner-onboarding', 'b0000000-0000-4000-8000-000000000002', 'in_progress', 0, 5, '{}', now() - interval '2 days', null),
  ('a0000000-0000-4000-8000-000000000003', 'practitioner-onboarding', 'b0000000-0000-4000-8000-000000000003', 'completed', 5, 5,
    '{basic_info,visual_profile,professional_details,bio_about,experience_certifications}', now() - interval '3 days', now() - interval '3 days' + interval '2 hours'),
  ('a0000000-0000-4000-8000-000000000005', 'practitioner-onboarding', 'b0000000-0000-4000-8000-000000000005', 'in_progress', 1, 5, '{basic_info}', now() - interval '1 day', null);

-- pgTAP's functions live in extensions; the analyst needs to reach them for the test (rolled back).
grant usage on schema extensions to analyst;
grant analyst to current_user;
set local role analyst;
select results_eq($$select total_practitioners, completed_onboarding, called_not_onboarded, completion_rate
  from public.practitioner_onboarding_metrics where total_practitioners = 5$$,
  $$values (5::bigint, 2::bigint, 2::bigint, 0.4000::numeric)$$, 'totals, completed, called but not onboarded, and the rate');
select results_eq($$select stage, practitioners from public.practitioner_onboarding_funnel order by stage_number$$,
  $$values ('total', 5::bigint), ('called_by_agent', 3::bigint), ('started_crm_onboarding', 4::bigint),
           ('completed_onboarding', 2::bigint), ('has_active_offering', 1::bigint)$$, 'the funnel in order');
select results_eq($$select share_of_previous from public.practitioner_onboarding_funnel where stage = 'has_active_offering'$$,
  $$values (0.5000::numeric)$$, 'each stage''s share of the one before');
select results_eq($$select group_number, practitioners_reached, practitioners_left from public.practitioner_onboarding_group_dropoff
  where channel = 'whatsapp' and language = 'en' order by group_number$$,
  $$values (1, 3::bigint, 1::bigint), (2, 2::bigint, 1::bigint), (3, 1::bigint, 0::bigint), (4, 1::bigint, 0::bigint), (5, 1::bigint, 0::bigint)$$,
  'per group: reached, and stopped there');
select results_eq($$select median_hours_since_start from public.practitioner_onboarding_group_timing where groups_completed = 5$$,
  $$values (2.00::numeric)$$, 'the median hours to completion');
select throws_ok('select * from public.practitioners', '42501', null, 'the analyst cannot read practitioners');
select throws_ok('select * from public.facilitator_basic_info', '42501', null, 'nor the group tables');
select throws_ok('select * from public.offerings', '42501', null, 'nor offerings');
select throws_ok('select * from public.practitioner_onboarding', '42501', null, 'nor the onboarding rows');
reset role;
set local role anon;
select throws_ok('select * from public.practitioner_onboarding_funnel', '42501', null, 'anon cannot read the funnel');
reset role;
set local role authenticated;
select throws_ok('select * from public.practitioner_onboarding_metrics', '42501', null, 'authenticated cannot read the metrics');
reset role;
select ok(not has_function_privilege('authenticated', 'onboarding_analytics.practitioner_funnel()', 'execute'), 'authenticated cannot call the funnel function');

select * from finish();
rollback;
