-- Analytics and cleanup for issue 16 (statuses compared as text: 'abandoned' is added in the same run).
--
-- 1. Drop-off counts abandoned sessions as having left at their step (as in 20261121000500 otherwise).
create or replace function onboarding_analytics.step_dropoff(p_from date default null, p_to date default null)
returns table (
  flow_id text, flow_version integer, channel public.onboarding_channel, language text, step text,
  sessions_reached bigint, sessions_left bigint, drop_off_rate numeric
)
language sql stable
security definer
set search_path = ''
as $$
  select s.flow_id, s.flow_version, s.channel, s.language, r.step,
    count(*),
    count(*) filter (where s.current_step = r.step and s.status::text in ('started', 'collecting_data', 'abandoned')),
    round(count(*) filter (where s.current_step = r.step and s.status::text in ('started', 'collecting_data', 'abandoned'))::numeric / count(*), 4)
  from (
    select distinct e.session_id, e.step from public.onboarding_events e
    where e.kind = 'step_prompted' and e.step is not null
  ) r
  join public.instant_onboarding_sessions s on s.id = r.session_id
  where (p_from is null or (s.created_at at time zone 'UTC')::date >= p_from)
    and (p_to is null or (s.created_at at time zone 'UTC')::date <= p_to)
  group by s.flow_id, s.flow_version, s.channel, s.language, r.step
$$;

-- 2. Nudges sent, and nudge lift: of the nudges sent, how many were followed by a message from the person within
-- 24 hours (an inbound event of the session on any channel). Per flow, the step the person had stopped at, and
-- the channel the nudge went by, on the UTC day it was sent.
create function onboarding_analytics.nudge_stats(p_from date default null, p_to date default null)
returns table (
  day date, flow_id text, step text, channel public.onboarding_channel, nudges_sent bigint, sessions_nudged bigint,
  answered_within_24h bigint, lift_rate numeric
)
language sql stable
security definer
set search_path = ''
as $$
  select (n.sent_at at time zone 'UTC')::date, n.flow_id, n.step, n.channel, count(*), count(distinct n.session_id),
    count(*) filter (where a.answered),
    round(count(*) filter (where a.answered)::numeric / count(*), 4)
  from public.onboarding_nudges n
  cross join lateral (
    select exists (
      select from public.onboarding_events e
      where e.session_id = n.session_id and e.kind = 'inbound'
        and e.occurred_at > n.sent_at and e.occurred_at <= n.sent_at + interval '24 hours'
    ) as answered
  ) a
  where n.status = 'sent'
    and (p_from is null or (n.sent_at at time zone 'UTC')::date >= p_from)
    and (p_to is null or (n.sent_at at time zone 'UTC')::date <= p_to)
  group by 1, n.flow_id, n.step, n.channel
$$;
revoke execute on function onboarding_analytics.nudge_stats(date, date) from public, anon, authenticated, service_role;
grant execute on function onboarding_analytics.nudge_stats(date, date) to analyst;

create view public.onboarding_nudge_stats with (security_invoker = true) as
  select f.day, f.flow_id, f.step, f.channel, f.nudges_sent, f.sessions_nudged, f.answered_within_24h, f.lift_rate
  from onboarding_analytics.nudge_stats() f;
comment on view public.onboarding_nudge_stats is
  'Per UTC day, flow, step and channel: nudges sent, sessions nudged, nudges answered within 24 hours (lift) and the rate.';
revoke all on public.onboarding_nudge_stats from public, anon, authenticated, service_role;
grant select on public.onboarding_nudge_stats to analyst;

-- The cleanup's statuses gain 'abandoned' in 20261206300030, which re-creates it once for this milestone.
