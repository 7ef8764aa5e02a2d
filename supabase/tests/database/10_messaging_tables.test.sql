-- The outbox and the opt-outs are the service's alone: RLS on, no policy, no grant but to service_role. Every
-- API role other than service_role is refused the tables and their functions; service_role uses both, and the
-- outbox functions keep their rules (claims fenced by attempt, statuses only move forward).
begin;
create extension if not exists pgtap with schema extensions;
select plan(40);

select ok((select relrowsecurity from pg_class where oid = 'public.onboarding_outbox'::regclass), 'onboarding_outbox has RLS on');
select ok((select relrowsecurity from pg_class where oid = 'public.onboarding_messaging_opt_outs'::regclass), 'onboarding_messaging_opt_outs has RLS on');
select is((select count(*)::int from pg_policies where tablename in ('onboarding_outbox', 'onboarding_messaging_opt_outs')), 0,
  'no policy opens either table to anyone');

insert into public.onboarding_messaging_opt_outs (phone_number, channel, opted_out, keyword) values ('+15550008001', 'sms', true, 'STOP');
insert into public.onboarding_outbox (channel, to_address, from_address, kind, body) values ('sms', '+15550008002', '+15550009999', 'profile_ready', 'hello');

-- anon, authenticated and analyst: denied, tables and functions alike.
-- pgTAP lives in `extensions`; analyst needs it only for the assertions (as in 03_analyst).
grant usage on schema extensions to analyst;
grant analyst to current_user;
set local role anon;
select throws_ok('select * from public.onboarding_outbox', '42501', null, 'anon cannot read the outbox');
select throws_ok($q$insert into public.onboarding_outbox (channel, to_address, kind, body) values ('sms', '+15550000000', 'x', 'x')$q$,
  '42501', null, 'anon cannot write to the outbox');
select throws_ok('select * from public.onboarding_messaging_opt_outs', '42501', null, 'anon cannot read the opt-outs');
select throws_ok('delete from public.onboarding_messaging_opt_outs', '42501', null, 'anon cannot delete opt-outs');
select throws_ok($q$select public.onboarding_set_opt_out('+15550008001', 'sms', false)$q$, '42501', null, 'anon cannot opt a number back in');
select throws_ok('select public.onboarding_outbox_claim(now(), 10, 60)', '42501', null, 'anon cannot claim outbox messages');
select throws_ok($q$select public.onboarding_outbox_record_status('SM0', 'delivered')$q$, '42501', null, 'anon cannot record a delivery status');
select throws_ok('select public.onboarding_outbox_depth()', '42501', null, 'anon cannot read the outbox depth');
reset role;
set local role authenticated;
select throws_ok('select * from public.onboarding_outbox', '42501', null, 'authenticated cannot read the outbox');
select throws_ok($q$insert into public.onboarding_outbox (channel, to_address, kind, body) values ('sms', '+15550000000', 'x', 'x')$q$,
  '42501', null, 'authenticated cannot write to the outbox');
select throws_ok('select * from public.onboarding_messaging_opt_outs', '42501', null, 'authenticated cannot read the opt-outs');
select throws_ok('delete from public.onboarding_messaging_opt_outs', '42501', null, 'authenticated cannot delete opt-outs');
select throws_ok($q$select public.onboarding_set_opt_out('+15550008001', 'sms', false)$q$, '42501', null, 'authenticated cannot opt a number back in');
select throws_ok('select public.onboarding_outbox_claim(now(), 10, 60)', '42501', null, 'authenticated cannot claim outbox messages');
select throws_ok($q$select public.onboarding_outbox_record_status('SM0', 'delivered')$q$, '42501', null, 'authenticated cannot record a delivery status');
select throws_ok('select public.onboarding_outbox_depth()', '42501', null, 'authenticated cannot read the outbox depth');
reset role;
set local role analyst;
select throws_ok('select * from public.onboarding_outbox', '42501', null, 'analyst cannot read the outbox');
select throws_ok($q$insert into public.onboarding_outbox (channel, to_address, kind, body) values ('sms', '+15550000000', 'x', 'x')$q$,
  '42501', null, 'analyst cannot write to the outbox');
select throws_ok('select * from public.onboarding_messaging_opt_outs', '42501', null, 'analyst cannot read the opt-outs');
select throws_ok('delete from public.onboarding_messaging_opt_outs', '42501', null, 'analyst cannot delete opt-outs');
select throws_ok($q$select public.onboarding_set_opt_out('+15550008001', 'sms', false)$q$, '42501', null, 'analyst cannot opt a number back in');
select throws_ok('select public.onboarding_outbox_claim(now(), 10, 60)', '42501', null, 'analyst cannot claim outbox messages');
select throws_ok($q$select public.onboarding_outbox_record_status('SM0', 'delivered')$q$, '42501', null, 'analyst cannot record a delivery status');
select throws_ok('select public.onboarding_outbox_depth()', '42501', null, 'analyst cannot read the outbox depth');
reset role;

-- service_role: everything, through the functions the service calls.
set local role service_role;
select set_config('request.jwt.claims', '{"role":"service_role"}', true);
select is(public.onboarding_is_opted_out('+15550008001', 'sms'), true, 'service_role reads an opt-out');
select is(public.onboarding_set_opt_out('+15550008001', 'sms', false, 'START'), false, 'service_role opts a number back in (the new state: not opted out)');
select is(public.onboarding_is_opted_out('+15550008001', 'sms'), false, 'and it is no longer opted out');
select is((public.onboarding_outbox_depth() ->> 'pending')::int, 1, 'service_role reads the outbox depth');
select is(jsonb_array_length(public.onboarding_outbox_claim(now(), 10, 60)), 1, 'service_role claims the due message');
select is((select status from public.onboarding_outbox where to_address = '+15550008002'), 'claimed', 'the message is claimed');
select is(public.onboarding_outbox_settle((select id from public.onboarding_outbox where to_address = '+15550008002'), 2, 'sent', 'SMc8'),
  false, 'a settle naming another attempt is ignored');
select ok(public.onboarding_outbox_settle((select id from public.onboarding_outbox where to_address = '+15550008002'), 1, 'sent', 'SMc8'),
  'the claim''s own attempt settles it');
select ok(public.onboarding_outbox_record_status('SMc8', 'delivered'), 'a later status applies');
select is(public.onboarding_outbox_record_status('SMc8', 'sent'), false, 'an earlier status does not move it back');
select is((select status from public.onboarding_outbox where provider_sid = 'SMc8'), 'delivered', 'the message stays delivered');
select ok(jsonb_array_length(public.onboarding_applied_migrations()) > 0, 'service_role reads the applied migrations');
reset role;
set local role anon;
select throws_ok('select public.onboarding_applied_migrations()', '42501', null, 'anon cannot read the applied migrations');

select * from finish();
rollback;
