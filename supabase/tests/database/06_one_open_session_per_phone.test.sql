-- One open conversation per phone number and channel; finished ones and other channels do not count.
begin;
create extension if not exists pgtap with schema extensions;
select plan(4);

insert into public.instant_onboarding_sessions (session_key, channel, phone_number, status)
values ('hash-open-1', 'sms', '+34600999001', 'collecting_data'),
       ('hash-done-1', 'sms', '+34600999001', 'completed');
select throws_ok($$insert into public.instant_onboarding_sessions (session_key, channel, phone_number, status)
  values ('hash-open-2', 'sms', '+34600999001', 'started')$$, '23505', null, 'a second open SMS session for one number is refused');
select lives_ok($$insert into public.instant_onboarding_sessions (session_key, channel, phone_number, status)
  values ('hash-open-3', 'whatsapp', '+34600999001', 'collecting_data')$$, 'the same number may be open on another channel');
select lives_ok($$insert into public.instant_onboarding_sessions (session_key, channel, phone_number, status)
  values ('hash-done-2', 'sms', '+34600999001', 'failed')$$, 'finished sessions do not count');
select lives_ok($$update public.instant_onboarding_sessions set status = 'completed' where session_key = 'hash-open-1';
  insert into public.instant_onboarding_sessions (session_key, channel, phone_number, status)
  values ('hash-open-4', 'sms', '+34600999001', 'collecting_data')$$, 'once the open one is finished, a new one may start');

select * from finish();
rollback;
