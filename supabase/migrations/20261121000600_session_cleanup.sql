-- Removing abandoned anonymous sessions: incomplete (started, collecting_data or failed), no user_id, and not
-- touched for max_age. Their profile, events and inbox rows go with them (on delete cascade).
-- generating_chart is left alone: the service finishes those (profile recovery at boot).
-- Scheduled daily with pg_cron where the extension exists; elsewhere the service runs it on a timer
-- (src/store/cleanup-scheduler.ts), asking onboarding_cleanup_schedule() first so the two never both run.
-- Removed sessions no longer count in the analytics views: days older than max_age show only the sessions
-- that completed or belong to a user (see the README's "For analysts").

create function public.cleanup_expired_onboarding_sessions(max_age interval default interval '7 days') returns integer
language plpgsql
security invoker
set search_path = ''
as $$
declare
  removed integer;
begin
  -- A mistyped age ('0', '7 minutes') would delete conversations people are in the middle of.
  if max_age is null or max_age < interval '1 hour' then
    raise exception using errcode = '22023', message = 'max_age must be at least 1 hour';
  end if;
  with gone as (
    delete from public.instant_onboarding_sessions s
    where s.user_id is null
      and s.status in ('started', 'collecting_data', 'failed')
      and s.updated_at < now() - max_age
    returning 1
  )
  select count(*) into removed from gone;
  return removed;
end $$;
comment on function public.cleanup_expired_onboarding_sessions(interval) is
  'Deletes incomplete anonymous sessions not updated for max_age (default 7 days); returns how many.';

revoke execute on function public.cleanup_expired_onboarding_sessions(interval) from public, anon, authenticated;
grant execute on function public.cleanup_expired_onboarding_sessions(interval) to service_role;

-- The pg_cron schedule of the cleanup job, or null when pg_cron does not run it (the service then does).
-- security definer: cron.job shows each role only its own jobs, and the job belongs to the migration's role.
create function public.onboarding_cleanup_schedule() returns text
language plpgsql stable
security definer
set search_path = ''
as $$
declare
  found_schedule text;
begin
  if to_regclass('cron.job') is null then
    return null;
  end if;
  execute 'select schedule from cron.job where jobname = $1 and active' into found_schedule
    using 'cleanup-expired-onboarding-sessions';
  return found_schedule;
end $$;
revoke execute on function public.onboarding_cleanup_schedule() from public, anon, authenticated;
grant execute on function public.onboarding_cleanup_schedule() to service_role;

-- Daily at 03:17 UTC. To change the age: select cron.schedule('cleanup-expired-onboarding-sessions',
-- '17 3 * * *', $c$select public.cleanup_expired_onboarding_sessions(interval '30 days')$c$);
do $$
begin
  if exists (select from pg_extension where extname = 'pg_cron') then
    perform cron.schedule('cleanup-expired-onboarding-sessions', '17 3 * * *',
      'select public.cleanup_expired_onboarding_sessions()');
  end if;
end $$;
