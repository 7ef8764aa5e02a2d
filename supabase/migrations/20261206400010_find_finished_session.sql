-- The latest onboarding a number finished on a channel since a moment (a message after it is answered, not a new
-- start: issue 19). One function, so the supabase driver asks what the SQL drivers ask. service_role only.
create function public.onboarding_find_finished_session(p_phone_number text, p_channel public.onboarding_channel, p_since timestamptz)
returns uuid
language sql stable
security invoker
set search_path = ''
as $$
  select s.id from public.instant_onboarding_sessions s
  where s.phone_number = p_phone_number and s.channel = p_channel and s.status = 'completed' and s.completed_at > p_since
  order by s.completed_at desc
  limit 1
$$;
revoke execute on function public.onboarding_find_finished_session(text, public.onboarding_channel, timestamptz) from public, anon, authenticated;
grant execute on function public.onboarding_find_finished_session(text, public.onboarding_channel, timestamptz) to service_role;
