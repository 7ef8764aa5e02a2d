-- The cleanup (issue 15): as in 20261121000600, but
-- 1. paused and skipped anonymous sessions untouched for max_age are removed too (they were kept forever);
-- 2. what people wrote and were told (the `text` of inbound and outbound events) is removed from the event log
--    after max_age for every session, finished ones and signed-in users' included; the events themselves (their
--    kinds, steps and times, which the analytics read) and the answers stay.
-- Statuses are compared as text: 'paused' and 'skipped' may be added in the same migration run.
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
      and s.status::text in ('started', 'collecting_data', 'paused', 'skipped', 'failed')
      and s.updated_at < now() - max_age
    returning 1
  )
  select count(*) into removed from gone;
  update public.onboarding_events e
  set payload = (e.payload - 'text') || '{"text_removed": true}'::jsonb
  where e.kind in ('inbound', 'outbound') and e.payload ? 'text' and e.occurred_at < now() - max_age;
  return removed;
end $$;

comment on function public.cleanup_expired_onboarding_sessions(interval) is
  'Removes incomplete anonymous sessions (started, collecting, paused, skipped, failed) untouched for max_age, and the message text of events older than max_age; returns how many sessions.';
revoke execute on function public.cleanup_expired_onboarding_sessions(interval) from public, anon, authenticated;
grant execute on function public.cleanup_expired_onboarding_sessions(interval) to service_role;

-- The text cleanup finds old message events by time.
create index if not exists onboarding_events_text_retention_idx on public.onboarding_events (occurred_at)
  where kind in ('inbound', 'outbound');
