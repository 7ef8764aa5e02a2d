-- Row-level security for direct clients of the Supabase API.
--
-- The service itself connects as the table owner (embedded, DATABASE_URL) or as service_role (BYPASSRLS), so
-- none of this is on its path. These policies are for:
--   anon           a visitor's browser holding a session key, sent as the `x-session-key` header; PostgREST
--                  exposes request headers as the `request.headers` setting (JSON, lower-case names).
--   authenticated  a signed-in user (JWT `sub` = auth.uid()), who also may hold session keys.
-- The event log and the inbox stay service_role only: no grant, and RLS on with no policy.
-- Analysts never read these tables (see the analytics migration).

create schema if not exists onboarding_private;
comment on schema onboarding_private is
  'Helpers for policies and triggers. Not in the API''s exposed schemas, so nothing here is callable over HTTP.';
revoke all on schema onboarding_private from public;
grant usage on schema onboarding_private to anon, authenticated, service_role;

-- The SHA-256 (hex) of the request's x-session-key header, as the sessions table stores it; null without one.
-- nullif before the cast: outside PostgREST (psql, pg_cron) the setting is unset or ''.
create function onboarding_private.request_session_key_hash() returns text
language sql stable
set search_path = ''
as $$
  select encode(sha256(convert_to(
    nullif(nullif(current_setting('request.headers', true), '')::json ->> 'x-session-key', ''), 'UTF8')), 'hex')
$$;
revoke all on function onboarding_private.request_session_key_hash() from public;
grant execute on function onboarding_private.request_session_key_hash() to anon, authenticated, service_role;

-- Sessions: read-only for clients. `(select ...)` makes Postgres evaluate the hash once per statement
-- (an init plan) instead of once per row, so the unique index on session_key is used.
grant select on public.instant_onboarding_sessions to anon, authenticated;

create policy "visitors read the session their key opens"
  on public.instant_onboarding_sessions for select to anon, authenticated
  using (session_key = (select onboarding_private.request_session_key_hash()));

create policy "users read the sessions linked to them"
  on public.instant_onboarding_sessions for select to authenticated
  using (user_id = (select auth.uid()));

-- Profiles: visible exactly when their session is. The subquery runs under the caller's own session
-- policies above, so the two tables cannot disagree about who owns what.
grant select on public.instant_onboarding_profiles to anon, authenticated;
grant update (viewed_chart, shared_chart) on public.instant_onboarding_profiles to anon, authenticated;

create policy "profiles are visible with their session"
  on public.instant_onboarding_profiles for select to anon, authenticated
  using (session_id in (select s.id from public.instant_onboarding_sessions s));

create policy "visitors set engagement flags on their own profile"
  on public.instant_onboarding_profiles for update to anon, authenticated
  using (session_id in (select s.id from public.instant_onboarding_sessions s))
  with check (session_id in (select s.id from public.instant_onboarding_sessions s));

-- The column grant above already refuses other columns; this trigger holds the line if a later grant is
-- broader than meant, and keeps the flags one-way (an "un-view" would rewrite the conversion metrics).
create function onboarding_private.guard_client_profile_update() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if current_user not in ('anon', 'authenticated') then
    return new;
  end if;
  if (to_jsonb(new) - array['viewed_chart', 'shared_chart']) is distinct from
     (to_jsonb(old) - array['viewed_chart', 'shared_chart']) then
    raise exception using errcode = '42501', message = 'clients may change only viewed_chart and shared_chart';
  end if;
  if (old.viewed_chart and not new.viewed_chart) or (old.shared_chart and not new.shared_chart) then
    raise exception using errcode = '42501', message = 'engagement flags can be set, not cleared';
  end if;
  return new;
end $$;
revoke all on function onboarding_private.guard_client_profile_update() from public;

create trigger instant_onboarding_profiles_client_guard
  before update on public.instant_onboarding_profiles
  for each row execute function onboarding_private.guard_client_profile_update();

-- Supabase's default privileges hand new sequences and functions in public to anon and authenticated;
-- take back what clients have no use for.
revoke all on sequence public.onboarding_events_id_seq from anon, authenticated;
revoke execute on function public.set_updated_at() from public, anon, authenticated;
