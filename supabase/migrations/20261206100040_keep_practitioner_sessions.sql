-- A practitioner's onboarding session is not anonymous: it belongs to the verified phone, and the practitioner
-- resumes it from any channel, days later. The cleanup (re-created whole, as in 20261205000070, with one more
-- condition) no longer removes a session that is a practitioner's onboarding (practitioner_onboarding.session_id);
-- its message text still leaves the event log after max_age like every session's.
-- 'abandoned' is in the list for the reminders work (20261206000010/20 on main, which add that status and
-- re-create this function too): this migration runs after theirs and must keep it. Statuses are compared as
-- text, so the list is valid whether or not that enum value exists yet.
create or replace function public.cleanup_expired_onboarding_sessions(max_age interval default interval '7 days') returns integer
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
      and s.status::text in ('started', 'collecting_data', 'paused', 'skipped', 'failed', 'abandoned')
      and s.updated_at < now() - max_age
      and not exists (select from public.practitioner_onboarding o where o.session_id = s.id)
    returning 1
  )
  select count(*) into removed from gone;
  update public.onboarding_events e
  set payload = (e.payload - 'text') || '{"text_removed": true}'::jsonb
  where e.kind in ('inbound', 'outbound') and e.payload ? 'text' and e.occurred_at < now() - max_age;
  return removed;
end $$;

comment on function public.cleanup_expired_onboarding_sessions(interval) is
  'Removes incomplete anonymous sessions (started, collecting, paused, skipped, failed) untouched for max_age, but for practitioners'' onboarding sessions, and the message text of events older than max_age; returns how many sessions.';
