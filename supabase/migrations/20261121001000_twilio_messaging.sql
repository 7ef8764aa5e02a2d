-- The Twilio messaging channel (SMS and WhatsApp): the number a session texts, opt-outs, and the outbox of
-- messages sent outside a webhook's answer (a profile that took longer than the reply waits).
-- Every table here is for the service alone: RLS on, no policy, no grant to any API role but service_role.
-- The SQL and supabase drivers call the same functions below, so both behave the same.

-- The bot's own number the person wrote to (E.164): outbound messages of the session come from it.
alter table public.instant_onboarding_sessions add column bot_number text;
comment on column public.instant_onboarding_sessions.bot_number is
  'SMS / WhatsApp: the number the person texted (E.164, no whatsapp: prefix); later messages are sent from it.';

-- Who said STOP. Keyed by number and channel: a STOP on SMS does not silence WhatsApp, and the reverse.
create table public.onboarding_messaging_opt_outs (
  phone_number text not null,
  channel public.onboarding_channel not null check (channel in ('sms', 'whatsapp')),
  opted_out boolean not null,
  keyword text,
  updated_at timestamptz not null default now(),
  primary key (phone_number, channel)
);
comment on table public.onboarding_messaging_opt_outs is
  'A number that sent STOP (or the like) gets no outbound message of any kind until it sends START.';

create table public.onboarding_outbox (
  id bigint generated always as identity primary key,
  session_id uuid references public.instant_onboarding_sessions (id) on delete cascade,
  channel public.onboarding_channel not null check (channel in ('sms', 'whatsapp')),
  to_address text not null,
  from_address text,
  kind text not null,
  body text not null,
  variables jsonb not null default '{}'::jsonb,
  status text not null default 'pending' check (status in (
    'pending', 'claimed', 'accepted', 'scheduled', 'queued', 'sending', 'sent', 'delivered', 'read',
    'undelivered', 'failed', 'canceled', 'partially_delivered', 'dead', 'skipped', 'suppressed'
  )),
  attempts integer not null default 0,
  -- null: due at once. The worker passes its own clock to every function, so retries follow the app's time.
  next_attempt_at timestamptz,
  locked_until timestamptz,
  provider_sid text unique,
  error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.onboarding_outbox is
  'Messages to send after the turn that wrote them committed. pending -> claimed -> Twilio''s statuses '
  '(queued, sent, delivered, read / failed, undelivered), or dead (retries used up), skipped (WhatsApp 24-hour '
  'window closed and no template), suppressed (the number opted out).';
create index onboarding_outbox_due_idx on public.onboarding_outbox (id) where status in ('pending', 'claimed');
create index onboarding_outbox_session_idx on public.onboarding_outbox (session_id);

alter table public.onboarding_messaging_opt_outs enable row level security;
alter table public.onboarding_outbox enable row level security;
revoke all on public.onboarding_messaging_opt_outs, public.onboarding_outbox from public, anon, authenticated;
revoke all on sequence public.onboarding_outbox_id_seq from public, anon, authenticated;
grant select, insert, update, delete on public.onboarding_messaging_opt_outs, public.onboarding_outbox to service_role;

-- Status order for delivery callbacks: a callback may only move a message forward. Twilio can deliver
-- callbacks out of order (sent after delivered); the later rank wins and an earlier one is ignored.
-- Final Twilio states share one rank, so delivered never turns into undelivered and the reverse.
create function onboarding_private.outbox_status_rank(p_status text) returns integer
language sql immutable
set search_path = ''
as $$
  select case p_status
    when 'pending' then 0
    when 'claimed' then 1
    when 'accepted' then 2
    when 'scheduled' then 2
    when 'queued' then 3
    when 'sending' then 4
    when 'sent' then 5
    when 'delivered' then 6
    when 'undelivered' then 6
    when 'failed' then 6
    when 'canceled' then 6
    when 'partially_delivered' then 6
    when 'read' then 7
    when 'dead' then 8
    when 'skipped' then 8
    when 'suppressed' then 8
  end
$$;
revoke all on function onboarding_private.outbox_status_rank(text) from public;
grant execute on function onboarding_private.outbox_status_rank(text) to service_role;

-- The open session of a phone number on a channel (collecting answers, paused, or generating the profile), or null.
-- Compared as text: 'paused' is added to the enum earlier in the same migration run, and a new enum value cannot
-- be used as a literal in the transaction that added it.
create function public.onboarding_find_open_session(p_phone_number text, p_channel public.onboarding_channel) returns uuid
language sql stable
security invoker
set search_path = ''
as $$
  select s.id from public.instant_onboarding_sessions s
  where s.phone_number = p_phone_number and s.channel = p_channel
    and s.status::text in ('collecting_data', 'paused', 'generating_chart')
  order by s.updated_at desc
  limit 1
$$;

-- Records STOP (p_opted_out true) or START (false) for a number on a channel; returns the new state.
create function public.onboarding_set_opt_out(
  p_phone_number text, p_channel public.onboarding_channel, p_opted_out boolean, p_keyword text default null
) returns boolean
language sql
security invoker
set search_path = ''
as $$
  insert into public.onboarding_messaging_opt_outs (phone_number, channel, opted_out, keyword)
  values (p_phone_number, p_channel, p_opted_out, p_keyword)
  on conflict (phone_number, channel) do update
    set opted_out = excluded.opted_out, keyword = excluded.keyword, updated_at = now()
  returning opted_out
$$;

create function public.onboarding_is_opted_out(p_phone_number text, p_channel public.onboarding_channel) returns boolean
language sql stable
security invoker
set search_path = ''
as $$
  select coalesce((select o.opted_out from public.onboarding_messaging_opt_outs o
                   where o.phone_number = p_phone_number and o.channel = p_channel), false)
$$;

-- Claims up to p_limit due messages for one worker pass: pending ones whose retry time has come, and claimed
-- ones whose lease ran out (a worker that died mid-send). Each claim counts an attempt; the attempt number is
-- the fencing token settle() checks, so a worker whose lease expired cannot overwrite the next one's result.
-- Returns a JSON array with what the worker decides on: the session's last inbound time and the opt-out.
create function public.onboarding_outbox_claim(p_now timestamptz, p_limit integer, p_lease_seconds integer) returns jsonb
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
    returning o.id, o.session_id, o.channel, o.to_address, o.from_address, o.kind, o.body, o.variables, o.attempts
  )
  select coalesce(jsonb_agg(jsonb_build_object(
      'id', t.id, 'session_id', t.session_id, 'channel', t.channel, 'to_address', t.to_address,
      'from_address', t.from_address, 'kind', t.kind, 'body', t.body, 'variables', t.variables,
      'attempts', t.attempts, 'last_inbound_at', s.last_inbound_at, 'opted_out', coalesce(x.opted_out, false)
    ) order by t.id), '[]'::jsonb)
  into claimed
  from taken t
  left join public.instant_onboarding_sessions s on s.id = t.session_id
  left join public.onboarding_messaging_opt_outs x on x.phone_number = t.to_address and x.channel = t.channel;
  return claimed;
end $$;

-- The worker's result for a claimed message: Twilio's status and sid, pending again with a retry time, or a
-- final local state (dead, skipped, suppressed). Only the attempt that claimed it may settle it.
create function public.onboarding_outbox_settle(
  p_id bigint, p_attempt integer, p_status text, p_provider_sid text default null, p_error text default null,
  p_next_attempt_at timestamptz default null
) returns boolean
language sql
security invoker
set search_path = ''
as $$
  with settled as (
    update public.onboarding_outbox o
    set status = p_status, provider_sid = coalesce(p_provider_sid, o.provider_sid), error = p_error,
        next_attempt_at = p_next_attempt_at, locked_until = null, updated_at = now()
    where o.id = p_id and o.status = 'claimed' and o.attempts = p_attempt
    returning 1
  )
  select exists (select from settled)
$$;

-- A delivery status callback: applied only when it moves the message forward (see outbox_status_rank).
create function public.onboarding_outbox_record_status(p_provider_sid text, p_status text, p_error_code text default null)
returns boolean
language sql
security invoker
set search_path = ''
as $$
  with changed as (
    update public.onboarding_outbox o
    set status = p_status, error = coalesce(p_error_code, o.error), updated_at = now()
    where o.provider_sid = p_provider_sid
      and onboarding_private.outbox_status_rank(p_status) between 2 and 7
      and onboarding_private.outbox_status_rank(p_status) > onboarding_private.outbox_status_rank(o.status)
    returning 1
  )
  select exists (select from changed)
$$;

revoke execute on function public.onboarding_find_open_session(text, public.onboarding_channel),
  public.onboarding_set_opt_out(text, public.onboarding_channel, boolean, text),
  public.onboarding_is_opted_out(text, public.onboarding_channel),
  public.onboarding_outbox_claim(timestamptz, integer, integer),
  public.onboarding_outbox_settle(bigint, integer, text, text, text, timestamptz),
  public.onboarding_outbox_record_status(text, text, text)
  from public, anon, authenticated;
grant execute on function public.onboarding_find_open_session(text, public.onboarding_channel),
  public.onboarding_set_opt_out(text, public.onboarding_channel, boolean, text),
  public.onboarding_is_opted_out(text, public.onboarding_channel),
  public.onboarding_outbox_claim(timestamptz, integer, integer),
  public.onboarding_outbox_settle(bigint, integer, text, text, text, timestamptz),
  public.onboarding_outbox_record_status(text, text, text)
  to service_role;
