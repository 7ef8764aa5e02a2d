-- The measured median time of each step of a flow over the last 90 days, for the status API's estimate of the
-- time an onboarding still needs (progress.estimated_seconds_remaining). Built on the analytics' own step timing
-- (onboarding_analytics.step_activity), weighted by how many answers each channel and language timed. Runs as
-- its owner, like the analytics views, and only service_role may call it.
create function public.onboarding_step_medians(p_flow_id text) returns jsonb
language sql stable
security definer
set search_path = ''
as $$
  select coalesce(jsonb_object_agg(m.step, m.seconds), '{}'::jsonb)
  from (
    select a.step, round(sum(a.median_seconds * a.timed_answers) / sum(a.timed_answers), 1) as seconds
    from onboarding_analytics.step_activity((now() - interval '90 days')::date, null) a
    where a.flow_id = p_flow_id and a.timed_answers > 0 and a.median_seconds is not null
    group by a.step
  ) m
$$;
comment on function public.onboarding_step_medians(text) is
  'Median seconds from prompt to accepted answer per step of a flow, last 90 days: {"<step>": seconds}.';
revoke execute on function public.onboarding_step_medians(text) from public, anon, authenticated;
grant execute on function public.onboarding_step_medians(text) to service_role;
