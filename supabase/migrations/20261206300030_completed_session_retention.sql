-- Completed-session retention (issue 15): COMPLETED_SESSION_RETENTION_DAYS. The cleanup is re-created whole from
-- its body in 20261205000070, once for this milestone's three changes, as a two-argument function:
--   * 'abandoned' sessions (issue 16) are removed like paused ones (statuses compared as text: the enum value is
--     added in the same migration run);
--   * a practitioner's onboarding session (practitioner_onboarding, issue 17) is never removed: it belongs to the
--     verified phone, which resumes it from any channel days later;
--   * retention of completed sessions:
--   cleanup_expired_onboarding_sessions(max_age, completed_max_age)
-- where completed_max_age (null: keep forever) also removes completed anonymous sessions finished that long ago,
-- with all their rows. It also deletes expired idempotency keys (20261206300010). The one-argument function
-- (pg_cron's job calls it with no argument) is re-created to call it with null: unchanged behaviour. Distinct
-- arity and no default on the new one, so a one-argument call never becomes ambiguous.

create or replace function public.cleanup_expired_onboarding_sessions(max_age interval, completed_max_age interval) returns integer
language plpgsql
security invoker
set search_path = ''
as $$
declare
  removed integer;
  finished integer := 0;
begin
  if max_age is null or max_age < interval '1 hour' then
    raise exception using errcode = '22023', message = 'max_age must be at least 1 hour';
  end if;
  if completed_max_age is not null and completed_max_age < interval '1 hour' then
    raise exception using errcode = '22023', message = 'completed_max_age must be at least 1 hour';
  end if;
  with gone as (
    delete from public.instant_onboarding_sessions s
    where s.user_id is null
      and s.status::text in ('started', 'collecting_data', 'paused', 'skipped', 'failed', 'abandoned')
      and s.updated_at < now() - max_age
      -- A practitioner's onboarding session belongs to the verified phone: never removed here.
      and not exists (select from public.practitioner_onboarding o where o.session_id = s.id)
    returning 1
  )
  select count(*) into removed from gone;
  if completed_max_age is not null then
    with gone as (
      delete from public.instant_onboarding_sessions s
      where s.user_id is null
        and s.status::text = 'completed'
        and coalesce(s.completed_at, s.updated_at) < now() - completed_max_age
        and not exists (select from public.practitioner_onboarding o where o.session_id = s.id)
      returning 1
    )
    select count(*) into finished from gone;
  end if;
  update public.onboarding_events e
  set payload = (e.payload - 'text') || '{"text_removed": true}'::jsonb
  where e.kind in ('inbound', 'outbound') and e.payload ? 'text' and e.occurred_at < now() - max_age;
  delete from public.onboarding_idempotency_keys where expires_at <= now();
  return removed + finished;
end $$;

create or replace function public.cleanup_expired_onboarding_sessions(max_age interval default interval '7 days') returns integer
language plpgsql
security invoker
set search_path = ''
as $$
begin
  return public.cleanup_expired_onboarding_sessions(max_age, null::interval);
end $$;

comment on function public.cleanup_expired_onboarding_sessions(interval, interval) is
  'Removes incomplete anonymous sessions untouched for max_age and, unless completed_max_age is null, completed anonymous sessions finished that long ago; strips message text older than max_age; deletes expired idempotency keys. Returns the sessions removed.';
comment on function public.cleanup_expired_onboarding_sessions(interval) is
  'cleanup_expired_onboarding_sessions(max_age, null): completed sessions are kept.';

revoke execute on function public.cleanup_expired_onboarding_sessions(interval, interval) from public, anon, authenticated;
grant execute on function public.cleanup_expired_onboarding_sessions(interval, interval) to service_role;
revoke execute on function public.cleanup_expired_onboarding_sessions(interval) from public, anon, authenticated;
grant execute on function public.cleanup_expired_onboarding_sessions(interval) to service_role;
