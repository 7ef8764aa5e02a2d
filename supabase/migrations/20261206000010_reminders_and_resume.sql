-- Bringing people back (issue 16): nudges after a silence, resume codes to continue on another channel or device,
-- email as an outbox channel, and sessions marked `abandoned` after SESSION_ABANDON_AFTER_DAYS.
--
-- Migrations run in one transaction: the enum values added here are never written as literals in this file
-- (statuses and channels are compared as text, or by enum order where an index needs an immutable predicate).

alter type public.session_status add value if not exists 'abandoned' after 'failed';
alter type public.onboarding_channel add value if not exists 'email';

-- One open session per number and channel, as in 20261205000030, but an abandoned session no longer holds the
-- number: `status < 'completed'` is every status before completed in the enum's order (started ... generating),
-- which leaves out completed, failed and abandoned; enum order comparisons are immutable, casts to text are not.
drop index if exists public.instant_onboarding_sessions_one_open_per_phone;
create unique index instant_onboarding_sessions_one_open_per_phone on public.instant_onboarding_sessions (phone_number, channel)
  where phone_number is not null and channel in ('sms', 'whatsapp', 'voice') and status < 'completed';

-- A resume code: 7 characters from an alphabet without look-alikes (no 0/O, 1/I/L), from gen_random_uuid's
-- random bytes (the version and variant bytes 6 and 8 are skipped). 31^7 is about 27 billion codes; a code is
-- only looked up among open sessions, and guesses are rate-limited by the service. Given by a BEFORE INSERT
-- trigger (a trigger function needs no EXECUTE grant to fire), so no API role may call anything new and RLS alone
-- decides whether an insert is allowed.
create function public.onboarding_set_resume_code() returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if new.resume_code is null then
    select string_agg(substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789', 1 + get_byte(r.b, i) % 31, 1), '' order by i)
    into new.resume_code
    from (select uuid_send(gen_random_uuid()) as b) r, unnest(array[0, 1, 2, 3, 4, 5, 9]) as i;
  end if;
  return new;
end $$;
revoke execute on function public.onboarding_set_resume_code() from public, anon, authenticated;

alter table public.instant_onboarding_sessions add column resume_code text;
create trigger instant_onboarding_sessions_resume_code
  before insert on public.instant_onboarding_sessions
  for each row execute function public.onboarding_set_resume_code();
-- Sessions from before this migration get theirs now (an update fires no insert trigger: the same expression).
update public.instant_onboarding_sessions s set resume_code = (
  select string_agg(substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789', 1 + get_byte(r.b, i) % 31, 1), '' order by i)
  from (select uuid_send(gen_random_uuid()) as b, s.id) r, unnest(array[0, 1, 2, 3, 4, 5, 9]) as i);
alter table public.instant_onboarding_sessions alter column resume_code set not null;
comment on column public.instant_onboarding_sessions.resume_code is
  'The short code that continues this session on another channel while it is open (texted to the bot, or typed in the widget).';
create index instant_onboarding_sessions_resume_code_idx on public.instant_onboarding_sessions (resume_code) where status < 'completed';
-- The nudge sweep reads open sessions by how long they have been silent.
create index instant_onboarding_sessions_silence_idx on public.instant_onboarding_sessions (updated_at) where status < 'completed';

-- Email joins the outbox's channels (reminders of web sessions, welcome messages), with a subject.
alter table public.onboarding_outbox drop constraint onboarding_outbox_channel_check;
alter table public.onboarding_outbox add constraint onboarding_outbox_channel_check check (channel::text in ('sms', 'whatsapp', 'email'));
alter table public.onboarding_outbox add column subject text;

-- Every nudge sent. A silence is the session's updated_at when the nudge was decided: any turn (a reply on any
-- channel) moves it, which is how a reply cancels the nudges still to come of the silence before it.
create table public.onboarding_nudges (
  id bigint generated always as identity primary key,
  session_id uuid not null references public.instant_onboarding_sessions (id) on delete cascade,
  silence_started_at timestamptz not null,
  sequence integer not null check (sequence >= 0),
  flow_id text not null,
  step text,
  channel public.onboarding_channel not null,
  language text not null,
  outbox_id bigint references public.onboarding_outbox (id) on delete set null,
  -- skipped: due, but there was nothing to send it by (a web session with no email...); it still takes its place
  -- in the schedule, so the sweep does not find it again every minute.
  status text not null default 'sent' check (status in ('sent', 'skipped')),
  skip_reason text,
  sent_at timestamptz not null default now(),
  unique (session_id, silence_started_at, sequence)
);
comment on table public.onboarding_nudges is
  'Reminders sent to people who stopped answering: one row per nudge (the message itself is in the outbox). '
  'Unique per session, silence and place in the flow''s schedule, so a sweep that runs twice sends nothing twice.';
create index onboarding_nudges_sent_at_idx on public.onboarding_nudges (sent_at);
alter table public.onboarding_nudges enable row level security;
revoke all on public.onboarding_nudges from public, anon, authenticated;
grant select, insert, update, delete on public.onboarding_nudges to service_role;

-- Open sessions due a nudge now. p_plans: {"<flow id>": {"after": [seconds, ...], "max": n, "session_channels":
-- ["sms", ...]}}, only sessions on those channels; a session is due
-- its k-th nudge of the current silence (k = nudges already sent in it) when it has been silent for after[k] and
-- it was sent fewer than max in all. Oldest silence first, from p_after (keyset paging by updated_at, id).
create function public.onboarding_nudge_candidates(p_now timestamptz, p_plans jsonb, p_limit integer, p_after jsonb default null)
returns jsonb
language sql stable
security invoker
set search_path = ''
as $$
  select coalesce(jsonb_agg(row_to_json(c) order by c.silence_order, c.id), '[]'::jsonb)
  from (
    select s.id, s.flow_id, s.channel, s.phone_number, s.bot_number, s.user_id, s.language, s.current_step,
      s.collected_data, s.last_inbound_at, s.updated_at::text as silence_key, s.updated_at as silence_order,
      n.in_silence as sequence
    from public.instant_onboarding_sessions s
    join lateral jsonb_each(p_plans) p(flow_id, plan) on p.flow_id = s.flow_id
      and (p.plan -> 'session_channels') ? s.channel::text
    cross join lateral (
      select count(*) filter (where x.silence_started_at = s.updated_at)::integer as in_silence,
        count(*) filter (where x.status = 'sent')::integer as total
      from public.onboarding_nudges x where x.session_id = s.id
    ) n
    where s.status < 'completed'
      and s.status::text in ('collecting_data', 'paused')
      and s.updated_at <= p_now
      and n.in_silence < jsonb_array_length(p.plan -> 'after')
      and n.total < (p.plan ->> 'max')::integer
      and s.updated_at + make_interval(secs => (p.plan -> 'after' ->> n.in_silence)::double precision) <= p_now
      and (p_after is null or (s.updated_at, s.id) > ((p_after ->> 'updated_at')::timestamptz, (p_after ->> 'id')::uuid))
    order by s.updated_at, s.id
    limit p_limit
  ) c
$$;
revoke execute on function public.onboarding_nudge_candidates(timestamptz, jsonb, integer, jsonb) from public, anon, authenticated;
grant execute on function public.onboarding_nudge_candidates(timestamptz, jsonb, integer, jsonb) to service_role;

-- Records one nudge and its outbox message in one transaction, if the session is still silent since the same
-- moment and still open: 'cancelled' when a turn came in between (or it finished), 'duplicate' when this nudge
-- was recorded before, else 'recorded' with the outbox id (none for a skipped nudge). p: session_id, silence_key,
-- sequence, step, channel, language, to, from, kind, body, subject, variables; or skip_reason instead of a message.
create function public.onboarding_record_nudge(p jsonb) returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_session public.instant_onboarding_sessions%rowtype;
  v_nudge bigint;
  v_outbox bigint;
begin
  select * into v_session from public.instant_onboarding_sessions where id = (p ->> 'session_id')::uuid for update;
  if not found or v_session.updated_at <> (p ->> 'silence_key')::timestamptz
     or v_session.status::text not in ('collecting_data', 'paused') then
    return jsonb_build_object('outcome', 'cancelled');
  end if;
  insert into public.onboarding_nudges (session_id, silence_started_at, sequence, flow_id, step, channel, language, status, skip_reason)
  values (v_session.id, v_session.updated_at, (p ->> 'sequence')::integer, v_session.flow_id, p ->> 'step',
    coalesce(p ->> 'channel', v_session.channel::text)::public.onboarding_channel, p ->> 'language',
    case when p ? 'skip_reason' then 'skipped' else 'sent' end, p ->> 'skip_reason')
  on conflict (session_id, silence_started_at, sequence) do nothing
  returning id into v_nudge;
  if v_nudge is null then
    return jsonb_build_object('outcome', 'duplicate');
  end if;
  if p ? 'skip_reason' then
    return jsonb_build_object('outcome', 'skipped');
  end if;
  insert into public.onboarding_outbox (session_id, channel, to_address, from_address, kind, body, subject, variables)
  values (v_session.id, (p ->> 'channel')::public.onboarding_channel, p ->> 'to', p ->> 'from', p ->> 'kind', p ->> 'body',
    p ->> 'subject', coalesce(p -> 'variables', '{}'::jsonb))
  returning id into v_outbox;
  update public.onboarding_nudges set outbox_id = v_outbox where id = v_nudge;
  return jsonb_build_object('outcome', 'recorded', 'outbox_id', v_outbox);
end $$;
revoke execute on function public.onboarding_record_nudge(jsonb) from public, anon, authenticated;
grant execute on function public.onboarding_record_nudge(jsonb) to service_role;

-- Marks open sessions untouched since p_before as abandoned (paused ones included), with a status_changed event
-- for each, so the analytics count them as having left at their step. The version moves, so a process holding
-- the row in memory reloads it. Returns how many.
create function public.onboarding_mark_abandoned(p_before timestamptz) returns integer
language plpgsql
security invoker
set search_path = ''
as $$
declare
  marked integer;
begin
  with gone as (
    update public.instant_onboarding_sessions s
    set status = 'abandoned', version = s.version + 1
    where s.status < 'completed' and s.status::text in ('started', 'collecting_data', 'paused') and s.updated_at < p_before
    returning s.id, s.current_step, s.channel
  ), logged as (
    insert into public.onboarding_events (session_id, kind, step, channel, payload)
    select g.id, 'status_changed', g.current_step, g.channel, '{"status": "abandoned"}'::jsonb from gone g
    returning 1
  )
  select count(*) into marked from logged;
  return marked;
end $$;
revoke execute on function public.onboarding_mark_abandoned(timestamptz) from public, anon, authenticated;
grant execute on function public.onboarding_mark_abandoned(timestamptz) to service_role;

-- The open session holding a resume code (the code as stored: upper case, no spaces); null when none or when
-- (improbably) two open sessions hold it.
create function public.onboarding_find_by_resume_code(p_code text) returns jsonb
language sql stable
security invoker
set search_path = ''
as $$
  select case when count(*) = 1 then (jsonb_agg(jsonb_build_object(
      'id', s.id, 'flow_id', s.flow_id, 'channel', s.channel, 'phone_number', s.phone_number, 'user_id', s.user_id,
      'status', s.status)) -> 0) end
  from public.instant_onboarding_sessions s
  where s.resume_code = p_code and s.status < 'completed' and s.status::text <> 'generating_chart'
$$;
revoke execute on function public.onboarding_find_by_resume_code(text) from public, anon, authenticated;
grant execute on function public.onboarding_find_by_resume_code(text) to service_role;

-- Moves an open session to a messaging channel and number (a resume code texted to the bot). Another open
-- session of that number on that channel is marked abandoned first: the person chose to go on with this one.
-- The version moves. Returns false when the session is no longer open.
create function public.onboarding_move_session(p_session_id uuid, p_channel text, p_phone_number text, p_bot_number text) returns boolean
language plpgsql
security invoker
set search_path = ''
as $$
begin
  update public.instant_onboarding_sessions s
  set status = 'abandoned', version = s.version + 1
  where s.phone_number = p_phone_number and s.channel::text = p_channel and s.id <> p_session_id
    and s.status < 'completed';
  update public.instant_onboarding_sessions s
  set channel = p_channel::public.onboarding_channel, phone_number = p_phone_number, bot_number = p_bot_number,
    version = s.version + 1
  where s.id = p_session_id and s.status < 'completed';
  return found;
end $$;
revoke execute on function public.onboarding_move_session(uuid, text, text, text) from public, anon, authenticated;
grant execute on function public.onboarding_move_session(uuid, text, text, text) to service_role;

-- A new secret key for an open session (a magic link opened on another device takes the session over; the key
-- the first device held stops working). The version moves. Returns false when the session is not open.
create function public.onboarding_rotate_session_key(p_session_id uuid, p_key_hash text) returns boolean
language plpgsql
security invoker
set search_path = ''
as $$
begin
  update public.instant_onboarding_sessions s set session_key = p_key_hash, version = s.version + 1
  where s.id = p_session_id and s.status < 'completed';
  return found;
end $$;
revoke execute on function public.onboarding_rotate_session_key(uuid, text) from public, anon, authenticated;
grant execute on function public.onboarding_rotate_session_key(uuid, text) to service_role;

-- The outbox claim, as in 20261121001000, with the subject (email) in what it returns.
create or replace function public.onboarding_outbox_claim(p_now timestamptz, p_limit integer, p_lease_seconds integer) returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  claimed jsonb;
begin
  with due as (
    select o.id from public.onboarding_outbox o
    where (o.status = 'pending' and (o.next_attempt_at is null or o.next_attempt_at <= p_now))
       or (o.status = 'claimed' and o.locked_until < p_now)
    order by o.id
    limit greatest(p_limit, 0)
    for update skip locked
  ), taken as (
    update public.onboarding_outbox o
    set status = 'claimed', attempts = o.attempts + 1, locked_until = p_now + make_interval(secs => p_lease_seconds),
        updated_at = now()
    from due
    where o.id = due.id
    returning o.id, o.session_id, o.channel, o.to_address, o.from_address, o.kind, o.body, o.subject, o.variables, o.attempts
  )
  select coalesce(jsonb_agg(jsonb_build_object(
      'id', t.id, 'session_id', t.session_id, 'channel', t.channel, 'to_address', t.to_address,
      'from_address', t.from_address, 'kind', t.kind, 'body', t.body, 'subject', t.subject, 'variables', t.variables,
      'attempts', t.attempts, 'last_inbound_at', s.last_inbound_at, 'opted_out', coalesce(x.opted_out, false)
    ) order by t.id), '[]'::jsonb)
  into claimed
  from taken t
  left join public.instant_onboarding_sessions s on s.id = t.session_id
  left join public.onboarding_messaging_opt_outs x on x.phone_number = t.to_address and x.channel = t.channel;
  return claimed;
end $$;
