-- Analytics for analysts: the two views the analysts already query, and drop-off, time and re-prompts per
-- step for every flow. See the README's "For analysts" for what each column means.
--
-- How the `analyst` role gets numbers without personal data:
-- Every view here is `security_invoker` (a view that runs as its owner would hand its owner's rights to whoever
-- may select it). An invoker view runs its query as the analyst, so the analyst must be able to run whatever the
-- view reads. Two ways were possible:
--   (a) let the analyst select the base tables (an analyst policy plus column grants on non-personal columns);
--   (b) let the views read SECURITY DEFINER functions that aggregate inside the function and return only
--       counts, rates and durations per day / channel / flow / step.
-- (a) would make every non-personal column of every row readable directly, and the event log's payloads and
-- the sessions' answers sit one grant away from it. We chose (b): the analyst has no privilege on any table, only
-- USAGE on schema onboarding_analytics (not exposed over HTTP) and EXECUTE on its functions, which cannot return
-- a row-level value. The price: a filter on a view is applied after the function has aggregated everything, so
-- each function takes an optional date range (p_from, p_to, by the session's or profile's UTC creation day) for
-- analysts who query long histories directly.

-- `analyst` reads the analytics views in public and nothing else; people get a login role that is a member
-- (create role alice login password '...' in role analyst). No comment on the role: roles are per server and
-- commenting one needs rights on it that a Supabase project's postgres may not hold for a role made elsewhere.
do $$
begin
  if not exists (select from pg_roles where rolname = 'analyst') then
    begin
      create role analyst nologin;
    exception
      when duplicate_object or unique_violation then
        null; -- roles are per server: another database on it (parallel test runs) created it first
      when insufficient_privilege then
        raise exception using errcode = '42501', message = 'creating role analyst needs CREATEROLE',
          hint = 'have an administrator run: create role analyst nologin; then start again';
    end;
  end if;
end $$;

create schema if not exists onboarding_analytics;
comment on schema onboarding_analytics is
  'Aggregating SECURITY DEFINER functions behind the analytics views; only aggregates leave them.';
revoke all on schema onboarding_analytics from public;
grant usage on schema onboarding_analytics to analyst;

-- Sessions per UTC day and channel.
create function onboarding_analytics.session_stats(p_from date default null, p_to date default null)
returns table (
  day date, channel public.onboarding_channel, sessions_started bigint, sessions_completed bigint,
  sessions_failed bigint, completion_rate numeric, median_seconds_to_complete numeric
)
language sql stable
security definer
set search_path = ''
as $$
  select d.day, d.channel,
    count(*),
    count(*) filter (where d.status = 'completed'),
    count(*) filter (where d.status = 'failed'),
    round(count(*) filter (where d.status = 'completed')::numeric / count(*), 4),
    round(percentile_cont(0.5) within group (order by d.seconds_to_complete)::numeric, 1)
  from (
    select (s.created_at at time zone 'UTC')::date as day, s.channel, s.status,
           extract(epoch from s.completed_at - s.created_at)::float8 as seconds_to_complete
    from public.instant_onboarding_sessions s
  ) d
  where (p_from is null or d.day >= p_from) and (p_to is null or d.day <= p_to)
  group by d.day, d.channel
$$;

-- Profiles (charts) per UTC day of generation, with what their owners did with them.
create function onboarding_analytics.conversion_metrics(p_from date default null, p_to date default null)
returns table (
  day date, charts_generated bigint, charts_viewed bigint, charts_shared bigint, conversions bigint,
  view_rate numeric, share_rate numeric, conversion_rate numeric
)
language sql stable
security definer
set search_path = ''
as $$
  select d.day,
    count(*),
    count(*) filter (where d.viewed_chart),
    count(*) filter (where d.shared_chart),
    count(*) filter (where d.converted_to_full_user),
    round(count(*) filter (where d.viewed_chart)::numeric / count(*), 4),
    round(count(*) filter (where d.shared_chart)::numeric / count(*), 4),
    round(count(*) filter (where d.converted_to_full_user)::numeric / count(*), 4)
  from (
    select (p.created_at at time zone 'UTC')::date as day, p.viewed_chart, p.shared_chart, p.converted_to_full_user
    from public.instant_onboarding_profiles p
  ) d
  where (p_from is null or d.day >= p_from) and (p_to is null or d.day <= p_to)
  group by d.day
$$;

-- Per step: sessions that were asked it, and sessions that stopped there (still not past it, not finished).
create function onboarding_analytics.step_dropoff(p_from date default null, p_to date default null)
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
    count(*) filter (where s.current_step = r.step and s.status in ('started', 'collecting_data')),
    round(count(*) filter (where s.current_step = r.step and s.status in ('started', 'collecting_data'))::numeric / count(*), 4)
  from (
    select distinct e.session_id, e.step from public.onboarding_events e
    where e.kind = 'step_prompted' and e.step is not null
  ) r
  join public.instant_onboarding_sessions s on s.id = r.session_id
  where (p_from is null or (s.created_at at time zone 'UTC')::date >= p_from)
    and (p_to is null or (s.created_at at time zone 'UTC')::date <= p_to)
  group by s.flow_id, s.flow_version, s.channel, s.language, r.step
$$;

-- Per step: prompts, re-prompts, rejections and the time from prompt to accepted answer.
-- A "round" is one pass at a step, ended by its accepted answer ("back" or an edit starts another round).
-- Its time runs from the round's first prompt, so re-prompts after rejected answers count towards it.
create function onboarding_analytics.step_activity(p_from date default null, p_to date default null)
returns table (
  flow_id text, flow_version integer, channel public.onboarding_channel, language text, step text,
  sessions_prompted bigint, re_prompts bigint, re_prompts_per_session numeric, rejected_answers bigint,
  timed_answers bigint, median_seconds numeric, p90_seconds numeric
)
language sql stable
security definer
set search_path = ''
as $$
  with marked as (
    select e.session_id, e.step, e.kind, e.occurred_at,
      count(*) filter (where e.kind = 'answer_accepted') over (
        partition by e.session_id, e.step order by e.id rows between unbounded preceding and 1 preceding
      ) as round
    from public.onboarding_events e
    where e.kind in ('step_prompted', 'answer_accepted', 'answer_rejected') and e.step is not null
  ), rounds as (
    select m.session_id, m.step, m.round,
      min(m.occurred_at) filter (where m.kind = 'step_prompted') as prompted_at,
      min(m.occurred_at) filter (where m.kind = 'answer_accepted') as accepted_at,
      count(*) filter (where m.kind = 'step_prompted') as prompts,
      count(*) filter (where m.kind = 'answer_rejected') as rejections
    from marked m
    group by m.session_id, m.step, m.round
  ), timed as (
    select r.*, extract(epoch from r.accepted_at - r.prompted_at)::float8 as seconds
    from rounds r
  )
  select s.flow_id, s.flow_version, s.channel, s.language, t.step,
    count(distinct t.session_id) filter (where t.prompts > 0),
    sum(greatest(t.prompts - 1, 0))::bigint,
    round(sum(greatest(t.prompts - 1, 0))::numeric / nullif(count(distinct t.session_id) filter (where t.prompts > 0), 0), 2),
    sum(t.rejections)::bigint,
    count(t.seconds),
    round(percentile_cont(0.5) within group (order by t.seconds)::numeric, 1),
    round(percentile_cont(0.9) within group (order by t.seconds)::numeric, 1)
  from timed t
  join public.instant_onboarding_sessions s on s.id = t.session_id
  where (p_from is null or (s.created_at at time zone 'UTC')::date >= p_from)
    and (p_to is null or (s.created_at at time zone 'UTC')::date <= p_to)
  group by s.flow_id, s.flow_version, s.channel, s.language, t.step
$$;

revoke all on all functions in schema onboarding_analytics from public;
grant execute on all functions in schema onboarding_analytics to analyst;

create view public.instant_onboarding_session_stats with (security_invoker = true) as
  select f.day as date, f.channel, f.sessions_started, f.sessions_completed, f.sessions_failed,
         f.completion_rate, f.median_seconds_to_complete
  from onboarding_analytics.session_stats() f;
comment on view public.instant_onboarding_session_stats is
  'One row per UTC day and channel: sessions started that day, how many completed or failed, completion rate, median seconds to complete.';

create view public.instant_onboarding_conversion_metrics with (security_invoker = true) as
  select f.day as date, f.charts_generated, f.charts_viewed, f.charts_shared, f.conversions,
         f.view_rate, f.share_rate, f.conversion_rate
  from onboarding_analytics.conversion_metrics() f;
comment on view public.instant_onboarding_conversion_metrics is
  'One row per UTC day: charts (profiles) generated that day, how many were viewed, shared and converted, and the rates.';

create view public.onboarding_step_dropoff with (security_invoker = true) as
  select f.flow_id, f.flow_version, f.channel, f.language, f.step, f.sessions_reached, f.sessions_left, f.drop_off_rate
  from onboarding_analytics.step_dropoff() f;
comment on view public.onboarding_step_dropoff is
  'Per flow, flow version, channel, language and step: sessions asked the step, and sessions that stopped there.';

create view public.onboarding_step_timing with (security_invoker = true) as
  select f.flow_id, f.flow_version, f.channel, f.language, f.step, f.timed_answers, f.median_seconds, f.p90_seconds
  from onboarding_analytics.step_activity() f;
comment on view public.onboarding_step_timing is
  'Per flow, flow version, channel, language and step: median and p90 seconds from the prompt to the accepted answer.';

create view public.onboarding_step_reprompts with (security_invoker = true) as
  select f.flow_id, f.flow_version, f.channel, f.language, f.step, f.sessions_prompted, f.re_prompts,
         f.re_prompts_per_session, f.rejected_answers
  from onboarding_analytics.step_activity() f;
comment on view public.onboarding_step_reprompts is
  'Per flow, flow version, channel, language and step: how often the step was asked again, and rejected answers.';

-- Supabase's default privileges grant new relations in public to anon, authenticated and service_role.
revoke all on public.instant_onboarding_session_stats, public.instant_onboarding_conversion_metrics,
  public.onboarding_step_dropoff, public.onboarding_step_timing, public.onboarding_step_reprompts
  from public, anon, authenticated, service_role;
grant usage on schema public to analyst;
grant select on public.instant_onboarding_session_stats, public.instant_onboarding_conversion_metrics,
  public.onboarding_step_dropoff, public.onboarding_step_timing, public.onboarding_step_reprompts
  to analyst;
