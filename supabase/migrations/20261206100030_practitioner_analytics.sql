-- Practitioner onboarding numbers for analysts (issue 17), the same way as 20261121000500: security_invoker views
-- in public over SECURITY DEFINER functions in onboarding_analytics that return only counts, rates and
-- durations; the analyst holds no privilege on practitioners, offerings or the facilitator_* tables.
-- 1. practitioner_onboarding_metrics: total practitioners, completed onboarding, called but not onboarded, completion rate.
-- 2. practitioner_onboarding_funnel: total -> called by an agent -> started the CRM onboarding (signed in) ->
--    completed -> has an active offering; each stage with its count and its share of the total and of the stage before.
-- 3. practitioner_onboarding_group_dropoff: per channel (where the onboarding session started), language and step
--    group (1 to 5): practitioners who reached the group, who stopped there, and the median hours from the start of
--    the onboarding to the group's completion. Time and re-prompts per single question are in onboarding_step_timing
--    and onboarding_step_reprompts (flow_id = 'practitioner-onboarding').

create function onboarding_analytics.practitioner_metrics()
returns table (total_practitioners bigint, completed_onboarding bigint, called_not_onboarded bigint, completion_rate numeric)
language sql stable
security definer
set search_path = ''
as $$
  select count(*),
    count(*) filter (where p.crm_onboarding_completed),
    count(*) filter (where p.is_contacted and not p.crm_onboarding_completed),
    round(count(*) filter (where p.crm_onboarding_completed)::numeric / nullif(count(*), 0), 4)
  from public.practitioners p
$$;

create function onboarding_analytics.practitioner_funnel()
returns table (stage_number integer, stage text, practitioners bigint, share_of_total numeric, share_of_previous numeric)
language sql stable
security definer
set search_path = ''
as $$
  with counts as (
    select count(*) as total,
      count(*) filter (where p.is_contacted) as called,
      count(*) filter (where p.crm_first_login_date is not null) as started,
      count(*) filter (where p.crm_onboarding_completed) as completed,
      count(*) filter (where p.crm_onboarding_completed
        and exists (select from public.offerings o where o.practitioner_id = p.id and o.is_active)) as offering
    from public.practitioners p
  ), stages as (
    select s.stage_number, s.stage, s.n from counts c,
      lateral (values (1, 'total', c.total), (2, 'called_by_agent', c.called), (3, 'started_crm_onboarding', c.started),
        (4, 'completed_onboarding', c.completed), (5, 'has_active_offering', c.offering)) as s(stage_number, stage, n)
  )
  select s.stage_number, s.stage, s.n,
    round(s.n::numeric / nullif(first_value(s.n) over (order by s.stage_number), 0), 4),
    round(s.n::numeric / nullif(lag(s.n) over (order by s.stage_number), 0), 4)
  from stages s
$$;

create function onboarding_analytics.practitioner_group_dropoff()
returns table (
  channel public.onboarding_channel, language text, group_number integer, practitioners_reached bigint,
  practitioners_left bigint, drop_off_rate numeric
)
language sql stable
security definer
set search_path = ''
as $$
  select s.channel, s.language, g.n,
    count(*),
    count(*) filter (where o.status = 'in_progress' and o.current_step + 1 = g.n),
    round(count(*) filter (where o.status = 'in_progress' and o.current_step + 1 = g.n)::numeric / count(*), 4)
  from public.practitioner_onboarding o
  join public.instant_onboarding_sessions s on s.id = o.session_id
  cross join lateral generate_series(1, o.total_steps) as g(n)
  where o.status = 'completed' or g.n <= o.current_step + 1
  group by s.channel, s.language, g.n
$$;

create function onboarding_analytics.practitioner_group_timing()
returns table (channel public.onboarding_channel, language text, groups_completed integer, practitioners bigint, median_hours_since_start numeric)
language sql stable
security definer
set search_path = ''
as $$
  -- How long practitioners who have completed k groups took from the session's start to the k-th completed
  -- group, from the onboarding row's history as the service last wrote it (its updated_at at that count).
  select s.channel, s.language, cardinality(o.completed_steps), count(*),
    round(percentile_cont(0.5) within group (order by extract(epoch from coalesce(o.completed_at, o.updated_at) - o.started_at) / 3600)::numeric, 2)
  from public.practitioner_onboarding o
  join public.instant_onboarding_sessions s on s.id = o.session_id
  group by s.channel, s.language, cardinality(o.completed_steps)
$$;

revoke all on function onboarding_analytics.practitioner_metrics(), onboarding_analytics.practitioner_funnel(),
  onboarding_analytics.practitioner_group_dropoff(), onboarding_analytics.practitioner_group_timing() from public;
grant execute on function onboarding_analytics.practitioner_metrics(), onboarding_analytics.practitioner_funnel(),
  onboarding_analytics.practitioner_group_dropoff(), onboarding_analytics.practitioner_group_timing() to analyst;

create view public.practitioner_onboarding_metrics with (security_invoker = true) as
  select f.total_practitioners, f.completed_onboarding, f.called_not_onboarded, f.completion_rate
  from onboarding_analytics.practitioner_metrics() f;
comment on view public.practitioner_onboarding_metrics is
  'One row: practitioners in total, with the onboarding completed, called by an agent but not onboarded, and the completion rate.';

create view public.practitioner_onboarding_funnel with (security_invoker = true) as
  select f.stage_number, f.stage, f.practitioners, f.share_of_total, f.share_of_previous
  from onboarding_analytics.practitioner_funnel() f;
comment on view public.practitioner_onboarding_funnel is
  'Five stages in order: total, called_by_agent, started_crm_onboarding (signed in once), completed_onboarding, has_active_offering.';

create view public.practitioner_onboarding_group_dropoff with (security_invoker = true) as
  select f.channel, f.language, f.group_number, f.practitioners_reached, f.practitioners_left, f.drop_off_rate
  from onboarding_analytics.practitioner_group_dropoff() f;
comment on view public.practitioner_onboarding_group_dropoff is
  'Per channel the onboarding started on, language and step group (1 to 5): practitioners who reached it, and who stopped there.';

create view public.practitioner_onboarding_group_timing with (security_invoker = true) as
  select f.channel, f.language, f.groups_completed, f.practitioners, f.median_hours_since_start
  from onboarding_analytics.practitioner_group_timing() f;
comment on view public.practitioner_onboarding_group_timing is
  'Per channel, language and number of groups completed (0 to 5): practitioners there, and the median hours from the start to their last completed group (to completion for 5).';

revoke all on public.practitioner_onboarding_metrics, public.practitioner_onboarding_funnel,
  public.practitioner_onboarding_group_dropoff, public.practitioner_onboarding_group_timing
  from public, anon, authenticated, service_role;
grant select on public.practitioner_onboarding_metrics, public.practitioner_onboarding_funnel,
  public.practitioner_onboarding_group_dropoff, public.practitioner_onboarding_group_timing to analyst;
