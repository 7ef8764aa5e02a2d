-- Signed-in users' onboarding (flows with audience `user`, e.g. flows/user-profile.yaml):
-- 1. user_onboarding: one status row per user and flow, kept in step with the session by every turn.
-- 2. The product's own tables, written as each step group completes: user_profiles, user_skills,
--    user_interests, user_experience, user_preferences. A signed-in user reads and writes their own rows;
--    the service writes as the owner or service_role.
-- 3. onboarding_apply_writes: the typed writes of a turn (src/outcomes/outcome-writes.ts), one fixed statement
--    per kind, called by onboarding_commit_turn in the turn's transaction. No SQL comes from flow files.
-- 4. Read functions for the status API, service_role only.
-- onboarding_commit_turn calls onboarding_apply_writes from 20261205000040 on.

create table public.user_onboarding (
  user_id uuid not null,
  flow_id text not null check (char_length(flow_id) between 1 and 100),
  session_id uuid references public.instant_onboarding_sessions (id) on delete set null,
  status text not null check (status in ('not_started', 'in_progress', 'completed', 'skipped')),
  current_step integer not null default 0 check (current_step >= 0),
  total_steps integer not null check (total_steps >= 0),
  completed_steps text[] not null default '{}',
  profile_completed boolean generated always as ('profile' = any (completed_steps)) stored,
  skills_added boolean generated always as ('skills' = any (completed_steps)) stored,
  interests_selected boolean generated always as ('interests' = any (completed_steps)) stored,
  experience_added boolean generated always as ('experience' = any (completed_steps)) stored,
  preferences_set boolean generated always as ('preferences' = any (completed_steps)) stored,
  onboarding_data jsonb not null default '{}'::jsonb,
  started_at timestamptz,
  completed_at timestamptz,
  skipped_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (user_id, flow_id)
);
comment on table public.user_onboarding is
  'A signed-in user''s onboarding of one flow: status, the step to answer next (0-based), the steps done and the answers. Written by the service in the same transaction as each turn.';
create index user_onboarding_session_idx on public.user_onboarding (session_id);
create index user_onboarding_status_idx on public.user_onboarding (flow_id, status);
create trigger user_onboarding_updated_at before update on public.user_onboarding
  for each row execute function public.set_updated_at();

create table public.user_profiles (
  user_id uuid primary key,
  full_name text not null check (char_length(full_name) between 1 and 200),
  bio text check (char_length(bio) <= 1000),
  avatar_path text check (char_length(avatar_path) <= 500),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create trigger user_profiles_updated_at before update on public.user_profiles
  for each row execute function public.set_updated_at();

create table public.user_skills (
  id bigint generated always as identity primary key,
  user_id uuid not null,
  name text not null check (char_length(name) between 1 and 100),
  position integer not null default 0,
  created_at timestamptz not null default now()
);
create unique index user_skills_user_name_key on public.user_skills (user_id, lower(name));

create table public.user_interests (
  user_id uuid not null,
  interest text not null check (char_length(interest) between 1 and 100),
  created_at timestamptz not null default now(),
  primary key (user_id, interest)
);

create table public.user_experience (
  id bigint generated always as identity primary key,
  user_id uuid not null,
  position integer not null default 0,
  kind text not null check (kind in ('education', 'work')),
  title text not null check (char_length(title) between 1 and 200),
  organisation text not null check (char_length(organisation) between 1 and 200),
  start_year integer not null check (start_year between 1900 and 2200),
  end_year integer check (end_year between 1900 and 2200),
  created_at timestamptz not null default now(),
  check (end_year is null or end_year >= start_year)
);
comment on column public.user_experience.end_year is 'null: still there ("now").';
create index user_experience_user_idx on public.user_experience (user_id, position);

create table public.user_preferences (
  user_id uuid primary key,
  notification_channel text not null check (notification_channel in ('email', 'sms', 'whatsapp', 'none')),
  profile_visibility text not null check (profile_visibility in ('public', 'members', 'private')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create trigger user_preferences_updated_at before update on public.user_preferences
  for each row execute function public.set_updated_at();

-- Row-level security: a signed-in user reaches their own rows; nobody else but the service.
alter table public.user_onboarding enable row level security;
alter table public.user_profiles enable row level security;
alter table public.user_skills enable row level security;
alter table public.user_interests enable row level security;
alter table public.user_experience enable row level security;
alter table public.user_preferences enable row level security;

-- Supabase's default privileges hand new tables and sequences in public to anon and authenticated: revoke
-- everything first, then grant what each role needs. Clients may not set ids or timestamps (column grants).
revoke all on public.user_onboarding, public.user_profiles, public.user_skills, public.user_interests,
  public.user_experience, public.user_preferences from public, anon, authenticated;
revoke all on sequence public.user_skills_id_seq, public.user_experience_id_seq from public, anon, authenticated;
grant select, insert, update, delete on public.user_onboarding, public.user_profiles, public.user_skills,
  public.user_interests, public.user_experience, public.user_preferences to service_role;

-- The status is the service's to set: a user only reads it.
grant select on public.user_onboarding to authenticated;
create policy "users read their own onboarding" on public.user_onboarding
  for select to authenticated using (user_id = (select auth.uid()));

grant select, delete on public.user_profiles, public.user_skills, public.user_interests, public.user_experience,
  public.user_preferences to authenticated;
grant insert (user_id, full_name, bio, avatar_path), update (user_id, full_name, bio, avatar_path)
  on public.user_profiles to authenticated;
grant insert (user_id, name, position), update (user_id, name, position) on public.user_skills to authenticated;
grant insert (user_id, interest), update (user_id, interest) on public.user_interests to authenticated;
grant insert (user_id, position, kind, title, organisation, start_year, end_year),
  update (user_id, position, kind, title, organisation, start_year, end_year) on public.user_experience to authenticated;
grant insert (user_id, notification_channel, profile_visibility), update (user_id, notification_channel, profile_visibility)
  on public.user_preferences to authenticated;
create policy "users manage their own profile" on public.user_profiles
  for all to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "users manage their own skills" on public.user_skills
  for all to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "users manage their own interests" on public.user_interests
  for all to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "users manage their own experience" on public.user_experience
  for all to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy "users manage their own preferences" on public.user_preferences
  for all to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

create function public.onboarding_apply_writes(p_session_id uuid, p_writes jsonb) returns void
language plpgsql
security invoker
set search_path = ''
as $$
declare
  w jsonb;
  v_user uuid;
begin
  for w in select value from jsonb_array_elements(coalesce(p_writes, '[]'::jsonb)) loop
    v_user := (w->>'user_id')::uuid;
    if v_user is null then
      raise exception using errcode = '22023', message = 'onboarding write without user_id: ' || coalesce(w->>'kind', '?');
    end if;
    case w->>'kind'
    when 'user_onboarding' then
      insert into public.user_onboarding as o (
        user_id, flow_id, session_id, status, current_step, total_steps, completed_steps, onboarding_data,
        started_at, completed_at, skipped_at
      ) values (
        v_user, w->>'flow_id', p_session_id, w->>'status', (w->>'current_step')::integer,
        (w->>'total_steps')::integer,
        coalesce(array(select jsonb_array_elements_text(w->'completed_steps')), '{}'),
        coalesce(w->'onboarding_data', '{}'::jsonb),
        (w->>'started_at')::timestamptz, (w->>'completed_at')::timestamptz, (w->>'skipped_at')::timestamptz
      )
      on conflict (user_id, flow_id) do update set
        session_id = excluded.session_id,
        status = excluded.status,
        current_step = excluded.current_step,
        total_steps = excluded.total_steps,
        completed_steps = excluded.completed_steps,
        onboarding_data = excluded.onboarding_data,
        started_at = coalesce(o.started_at, excluded.started_at),
        completed_at = case when excluded.status = 'completed' then coalesce(o.completed_at, excluded.completed_at) end,
        skipped_at = coalesce(excluded.skipped_at, o.skipped_at)
      -- One onboarding per user and flow: a second session (two starts at once) loses and rolls back.
      where o.session_id is null or o.session_id = excluded.session_id;
      if not found then
        raise exception using errcode = '23505', message = 'this user''s onboarding of this flow belongs to another session';
      end if;
    when 'user_profile' then
      insert into public.user_profiles as p (user_id, full_name, bio, avatar_path)
      values (v_user, w->>'full_name', w->>'bio', w->>'avatar_path')
      on conflict (user_id) do update set full_name = excluded.full_name, bio = excluded.bio, avatar_path = excluded.avatar_path;
    when 'user_skills' then
      delete from public.user_skills where user_id = v_user;
      insert into public.user_skills (user_id, name, position)
      select v_user, s.name, (row_number() over (order by s.at) - 1)::integer
      from (
        select distinct on (lower(btrim(e.name))) btrim(e.name) as name, e.at
        from jsonb_array_elements_text(coalesce(w->'skills', '[]'::jsonb)) with ordinality as e(name, at)
        where btrim(e.name) <> ''
        order by lower(btrim(e.name)), e.at
      ) s;
    when 'user_interests' then
      delete from public.user_interests where user_id = v_user;
      insert into public.user_interests (user_id, interest)
      select distinct v_user, e.interest from jsonb_array_elements_text(coalesce(w->'interests', '[]'::jsonb)) as e(interest);
    when 'user_experience' then
      delete from public.user_experience where user_id = v_user;
      insert into public.user_experience (user_id, position, kind, title, organisation, start_year, end_year)
      select v_user, (e.at - 1)::integer, e.entry->>'kind', e.entry->>'title', e.entry->>'organisation',
        (e.entry->>'start_year')::integer, (e.entry->>'end_year')::integer
      from jsonb_array_elements(coalesce(w->'entries', '[]'::jsonb)) with ordinality as e(entry, at);
    when 'user_preferences' then
      insert into public.user_preferences (user_id, notification_channel, profile_visibility)
      values (v_user, w->>'notification_channel', w->>'profile_visibility')
      on conflict (user_id) do update set
        notification_channel = excluded.notification_channel, profile_visibility = excluded.profile_visibility;
    else
      raise exception using errcode = '22023', message = 'unknown onboarding write kind: ' || coalesce(w->>'kind', 'null');
    end case;
  end loop;
end $$;
comment on function public.onboarding_apply_writes(uuid, jsonb) is
  'Applies a turn''s typed writes (src/outcomes/outcome-writes.ts) in the caller''s transaction; an unknown kind raises and nothing is applied.';

create function public.onboarding_user_status(p_user_id uuid, p_flow_id text) returns jsonb
language sql stable
security invoker
set search_path = ''
as $$
  select to_jsonb(o) from public.user_onboarding o where o.user_id = p_user_id and o.flow_id = p_flow_id
$$;

create function public.onboarding_user_records(p_user_id uuid) returns jsonb
language sql stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'profile', (select to_jsonb(p) - 'user_id' from public.user_profiles p where p.user_id = p_user_id),
    'skills', coalesce((select jsonb_agg(s.name order by s.position) from public.user_skills s where s.user_id = p_user_id), '[]'::jsonb),
    'interests', coalesce((select jsonb_agg(i.interest order by i.interest) from public.user_interests i where i.user_id = p_user_id), '[]'::jsonb),
    'experience', coalesce((select jsonb_agg(jsonb_build_object('kind', e.kind, 'title', e.title, 'organisation', e.organisation,
        'start_year', e.start_year, 'end_year', e.end_year) order by e.position)
      from public.user_experience e where e.user_id = p_user_id), '[]'::jsonb),
    'preferences', (select to_jsonb(r) - 'user_id' from public.user_preferences r where r.user_id = p_user_id)
  )
$$;

revoke execute on function public.onboarding_apply_writes(uuid, jsonb), public.onboarding_user_status(uuid, text),
  public.onboarding_user_records(uuid) from public, anon, authenticated;
grant execute on function public.onboarding_apply_writes(uuid, jsonb), public.onboarding_user_status(uuid, text),
  public.onboarding_user_records(uuid) to service_role;
