-- onboarding_commit_turn as the service calls it (service_role): a session created, updated under its version,
-- a stale version refused as a conflict, a message delivered twice answered as a duplicate, outbox rows written
-- with the turn (from the session's own row), and the paused status set and left.
begin;
create extension if not exists pgtap with schema extensions;
select plan(27);

set local role service_role;
select set_config('request.jwt.claims', '{"role":"service_role"}', true);

-- Create: an SMS session from its first message.
select is(public.onboarding_commit_turn(jsonb_build_object(
    'session_id', 'c7000000-0000-4000-8000-000000000001', 'create', true, 'key_hash', 'hash-c71',
    'message_key', 'twilio:SMc71', 'reply', jsonb_build_object('turn', 1),
    'session', jsonb_build_object('channel', 'sms', 'language', 'en', 'flow_id', 'instant-birth-chart', 'status', 'collecting_data',
      'current_step', 'name', 'phone_number', '+15550007001', 'bot_number', '+15550009999'),
    'events', jsonb_build_array(jsonb_build_object('kind', 'session_started', 'channel', 'sms')))),
  '{"outcome":"committed","version":0}'::jsonb, 'create: committed at version 0');
select is((select count(*)::int from public.onboarding_inbox where message_key = 'twilio:SMc71' and sender = '+15550007001' and channel = 'sms'),
  1, 'create: the first message is in the inbox under its sender');

-- Update under the right version.
select is(public.onboarding_commit_turn(jsonb_build_object(
    'session_id', 'c7000000-0000-4000-8000-000000000001', 'expected_version', 0,
    'message_key', 'twilio:SMc72', 'reply', jsonb_build_object('turn', 2),
    'session', jsonb_build_object('status', 'collecting_data', 'current_step', 'birth_date', 'collected_data', '{"name":"Ana"}'::jsonb),
    'events', jsonb_build_array(jsonb_build_object('kind', 'answer_accepted', 'step', 'name', 'channel', 'sms')))),
  '{"outcome":"committed","version":1}'::jsonb, 'update: committed, version 0 -> 1');
select results_eq($$select current_step, collected_data ->> 'name', last_inbound_at is not null from public.instant_onboarding_sessions
    where id = 'c7000000-0000-4000-8000-000000000001'$$,
  $$values ('birth_date', 'Ana', true)$$, 'update: the row has the new step, the answers and the inbound time');
select is((select count(*)::int from public.onboarding_events where session_id = 'c7000000-0000-4000-8000-000000000001'), 2,
  'update: its event is logged');

-- Conflict: a turn made on version 0 after another turn made version 1.
select is(public.onboarding_commit_turn(jsonb_build_object(
    'session_id', 'c7000000-0000-4000-8000-000000000001', 'expected_version', 0,
    'message_key', 'twilio:SMc73', 'reply', jsonb_build_object('turn', 'stale'),
    'session', jsonb_build_object('status', 'collecting_data', 'current_step', 'place'),
    'events', jsonb_build_array(jsonb_build_object('kind', 'answer_accepted', 'step', 'birth_date')))),
  '{"outcome":"conflict"}'::jsonb, 'conflict: a stale version is refused');
select is((select current_step from public.instant_onboarding_sessions where id = 'c7000000-0000-4000-8000-000000000001'),
  'birth_date', 'conflict: the row is unchanged');
select is((select count(*)::int from public.onboarding_inbox where message_key = 'twilio:SMc73'), 0, 'conflict: the message is not in the inbox');
select is((select count(*)::int from public.onboarding_events where session_id = 'c7000000-0000-4000-8000-000000000001'), 2,
  'conflict: no event is logged');

-- Duplicate: the second message delivered again.
select is(public.onboarding_commit_turn(jsonb_build_object(
    'session_id', 'c7000000-0000-4000-8000-000000000001', 'expected_version', 1,
    'message_key', 'twilio:SMc72', 'reply', jsonb_build_object('turn', 'again'),
    'session', jsonb_build_object('status', 'collecting_data', 'current_step', 'place'),
    'events', jsonb_build_array(jsonb_build_object('kind', 'answer_accepted', 'step', 'birth_date')))),
  '{"outcome":"duplicate","reply":{"turn":2}}'::jsonb, 'duplicate: answered with the reply stored the first time');
select results_eq($$select version, current_step from public.instant_onboarding_sessions where id = 'c7000000-0000-4000-8000-000000000001'$$,
  $$values (1, 'birth_date')$$, 'duplicate: the session is unchanged (version and step)');
select is((select count(*)::int from public.onboarding_events where session_id = 'c7000000-0000-4000-8000-000000000001'), 2,
  'duplicate: no event is logged');

-- Outbox: a turn's messages, addressed from the session's row.
select is(public.onboarding_commit_turn(jsonb_build_object(
    'session_id', 'c7000000-0000-4000-8000-000000000001', 'expected_version', 1,
    'session', jsonb_build_object('status', 'completed', 'current_step', null),
    'profile', jsonb_build_object('kind', 'birth-chart', 'data', '{"sun":"Aries"}'::jsonb),
    'outbox', jsonb_build_array(jsonb_build_object('kind', 'profile_ready', 'body', 'Your chart is ready', 'variables', '{"1":"Ana"}'::jsonb)))) ->> 'outcome',
  'committed', 'outbox: the turn commits');
select results_eq($$select channel::text, to_address, from_address, kind, body, variables ->> '1', status, attempts from public.onboarding_outbox
    where session_id = 'c7000000-0000-4000-8000-000000000001'$$,
  $$values ('sms', '+15550007001', '+15550009999', 'profile_ready', 'Your chart is ready', 'Ana', 'pending', 0)$$,
  'outbox: one pending row to the session''s number, from its bot number');
select is((select completed_at is not null and chart_generated from public.instant_onboarding_sessions where id = 'c7000000-0000-4000-8000-000000000001'),
  true, 'outbox: the same turn completed the session with its profile');

select is(public.onboarding_commit_turn(jsonb_build_object(
    'session_id', 'c7000000-0000-4000-8000-000000000002', 'create', true, 'key_hash', 'hash-c72',
    'session', jsonb_build_object('channel', 'voice', 'language', 'en', 'flow_id', 'instant-birth-chart', 'status', 'collecting_data',
      'phone_number', '+15550007002', 'bot_number', '+15550009998'),
    'outbox', jsonb_build_array(jsonb_build_object('kind', 'voice_summary', 'body', 'Reply here to continue')))) ->> 'outcome',
  'committed', 'outbox: a phone call''s turn commits');
select is((select channel::text || ' ' || to_address from public.onboarding_outbox where session_id = 'c7000000-0000-4000-8000-000000000002'),
  'sms +15550007002', 'outbox: a phone call''s message goes out as SMS to the caller');

select is(public.onboarding_commit_turn(jsonb_build_object(
    'session_id', 'c7000000-0000-4000-8000-000000000003', 'create', true, 'key_hash', 'hash-c73',
    'session', jsonb_build_object('channel', 'web', 'language', 'en', 'flow_id', 'instant-birth-chart', 'status', 'collecting_data'),
    'outbox', jsonb_build_array(jsonb_build_object('kind', 'profile_ready', 'body', 'x')))) ->> 'outcome',
  'committed', 'outbox: a web session''s turn commits');
select is((select count(*)::int from public.onboarding_outbox where session_id = 'c7000000-0000-4000-8000-000000000003'), 0,
  'outbox: a web session gets no outbox row (its client fetches)');

-- Paused: "stop" pauses, the next message resumes.
select has_enum('public', 'session_status', 'the session status type exists');
select ok('paused' = any (enum_range(null::public.session_status)::text[]), 'paused is a session status');
select is(public.onboarding_commit_turn(jsonb_build_object(
    'session_id', 'c7000000-0000-4000-8000-000000000003', 'expected_version', 0, 'message_key', 'web:c73:stop',
    'session', jsonb_build_object('status', 'paused', 'current_step', 'name'),
    'events', jsonb_build_array(jsonb_build_object('kind', 'status_changed', 'payload', '{"from":"collecting_data","to":"paused"}'::jsonb)))),
  '{"outcome":"committed","version":1}'::jsonb, 'paused: a stop commits');
select is((select status::text from public.instant_onboarding_sessions where id = 'c7000000-0000-4000-8000-000000000003'), 'paused',
  'paused: the session is paused');
select is(public.onboarding_commit_turn(jsonb_build_object(
    'session_id', 'c7000000-0000-4000-8000-000000000003', 'expected_version', 1, 'message_key', 'web:c73:resume',
    'session', jsonb_build_object('status', 'collecting_data', 'current_step', 'name'))) ->> 'outcome',
  'committed', 'paused: the next message resumes it');
select is((select status::text from public.instant_onboarding_sessions where id = 'c7000000-0000-4000-8000-000000000003'), 'collecting_data',
  'paused: collecting again');

-- An abandoned paused anonymous session is removed by the cleanup like any incomplete one.
reset role;
insert into public.instant_onboarding_sessions (id, session_key, channel, status, created_at, updated_at)
values ('c7000000-0000-4000-8000-000000000004', 'hash-c74', 'web', 'paused', now() - interval '400 days', now() - interval '400 days');
set local role service_role;
select cmp_ok(public.cleanup_expired_onboarding_sessions(interval '365 days'), '>=', 1, 'paused: the cleanup removes an old paused session');
select is((select count(*)::int from public.instant_onboarding_sessions where id = 'c7000000-0000-4000-8000-000000000004'), 0,
  'paused: that session is gone');

select * from finish();
rollback;
