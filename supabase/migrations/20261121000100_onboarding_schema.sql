-- Onboarding sessions, their event log, the inbox that makes deliveries idempotent, and profiles.
-- Table and column names of instant_onboarding_* are kept for the analytics SQL that already reads them;
-- the tables hold the sessions of every flow, not only the instant one.

create type public.onboarding_channel as enum ('whatsapp', 'web', 'voice', 'sms');
create type public.session_status as enum ('started', 'collecting_data', 'generating_chart', 'completed', 'failed');

create table public.instant_onboarding_sessions (
  id uuid primary key default gen_random_uuid(),
  session_key text not null unique,
  user_id uuid,
  phone_number text,
  channel public.onboarding_channel not null,
  language text not null default 'en',
  collected_data jsonb not null default '{}'::jsonb,
  status public.session_status not null default 'started',
  chart_generated boolean not null default false,
  flow_id text not null default 'instant-birth-chart',
  flow_version integer,
  flow_hash text,
  current_step text,
  snapshot jsonb,
  version integer not null default 0,
  last_inbound_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  completed_at timestamptz
);
comment on table public.instant_onboarding_sessions is
  'One onboarding conversation of any flow. session_key holds the SHA-256 (hex) of the secret key the client holds, never the key.';
comment on column public.instant_onboarding_sessions.snapshot is
  'The persisted XState snapshot, pinned to flow_id, flow_version and flow_hash; null for rows inserted by other tools.';
comment on column public.instant_onboarding_sessions.version is
  'Optimistic concurrency: every turn writes with version = version + 1 where version is the one it read.';

create index instant_onboarding_sessions_created_at_idx on public.instant_onboarding_sessions (created_at);
create index instant_onboarding_sessions_user_id_idx on public.instant_onboarding_sessions (user_id) where user_id is not null;
create index instant_onboarding_sessions_phone_idx on public.instant_onboarding_sessions (phone_number, channel) where phone_number is not null;
create index instant_onboarding_sessions_generating_idx on public.instant_onboarding_sessions (updated_at) where status = 'generating_chart';

create function public.set_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end $$;

create trigger instant_onboarding_sessions_updated_at
  before update on public.instant_onboarding_sessions
  for each row execute function public.set_updated_at();

create table public.instant_onboarding_profiles (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null unique references public.instant_onboarding_sessions (id) on delete cascade,
  user_id uuid,
  kind text not null default 'birth-chart',
  profile_data jsonb not null,
  viewed_chart boolean not null default false,
  shared_chart boolean not null default false,
  converted_to_full_user boolean not null default false,
  created_at timestamptz not null default now()
);
comment on table public.instant_onboarding_profiles is 'The profile generated when a session completes; one per session.';

create table public.onboarding_events (
  id bigint generated always as identity primary key,
  session_id uuid not null references public.instant_onboarding_sessions (id) on delete cascade,
  occurred_at timestamptz not null default now(),
  kind text not null check (kind in (
    'session_started', 'inbound', 'outbound', 'step_prompted', 'answer_accepted', 'answer_rejected', 'status_changed'
  )),
  step text,
  channel public.onboarding_channel,
  payload jsonb not null default '{}'::jsonb
);
comment on table public.onboarding_events is
  'Append-only log of every inbound and outbound message and step transition, for per-step timing and drop-off.';
create index onboarding_events_session_idx on public.onboarding_events (session_id, id);
create index onboarding_events_kind_idx on public.onboarding_events (kind, occurred_at);

create table public.onboarding_inbox (
  message_key text primary key,
  session_id uuid not null references public.instant_onboarding_sessions (id) on delete cascade,
  reply jsonb not null,
  received_at timestamptz not null default now()
);
comment on table public.onboarding_inbox is
  'One row per inbound provider message id (web message_id, Twilio MessageSid, ...): a second delivery is answered from here and changes nothing.';

-- Row-level security: on for every table; the service connects as the owner or service_role.
-- Policies for anon and authenticated readers come in their own migration.
alter table public.instant_onboarding_sessions enable row level security;
alter table public.instant_onboarding_profiles enable row level security;
alter table public.onboarding_events enable row level security;
alter table public.onboarding_inbox enable row level security;

revoke all on public.instant_onboarding_sessions, public.instant_onboarding_profiles,
  public.onboarding_events, public.onboarding_inbox from anon, authenticated;
grant select, insert, update, delete on public.instant_onboarding_sessions, public.instant_onboarding_profiles,
  public.onboarding_events, public.onboarding_inbox to service_role;
