-- The service's reads as functions, so a driver that reaches the database only through PostgREST (the
-- supabase-js driver) makes one rpc() per read, as it does for the write (onboarding_commit_turn).
-- security invoker: they run as the caller; only service_role (and the owner) may call them.

-- The session, its profile, and whether p_message_key was already processed (with the reply given then).
-- Returns null when there is no such session.
create function public.onboarding_load_session(p_session_id uuid, p_message_key text default null) returns jsonb
language sql stable
security invoker
set search_path = ''
as $$
  select jsonb_build_object(
    'session', to_jsonb(s),
    'profile', case when p.session_id is not null
                 then jsonb_build_object('kind', p.kind, 'data', p.profile_data, 'created_at', p.created_at) end,
    'duplicate', i.message_key is not null,
    'duplicate_reply', i.reply)
  from public.instant_onboarding_sessions s
  left join public.instant_onboarding_profiles p on p.session_id = s.id
  left join public.onboarding_inbox i on i.message_key = p_message_key and i.session_id = s.id
  where s.id = p_session_id
$$;
comment on function public.onboarding_load_session(uuid, text) is
  'One round trip per turn read: {session, profile, duplicate, duplicate_reply}, or null.';

-- Ids of sessions left in generating_chart (a crash between the answer and the profile), oldest first.
create function public.onboarding_list_generating(p_limit integer) returns jsonb
language sql stable
security invoker
set search_path = ''
as $$
  select coalesce(jsonb_agg(g.id order by g.updated_at), '[]'::jsonb)
  from (
    select s.id, s.updated_at from public.instant_onboarding_sessions s
    where s.status = 'generating_chart'
    order by s.updated_at
    limit greatest(p_limit, 0)
  ) g
$$;
comment on function public.onboarding_list_generating(integer) is
  'A JSON array of session ids in generating_chart, oldest first, at most p_limit.';

revoke execute on function public.onboarding_load_session(uuid, text) from public, anon, authenticated;
revoke execute on function public.onboarding_list_generating(integer) from public, anon, authenticated;
grant execute on function public.onboarding_load_session(uuid, text) to service_role;
grant execute on function public.onboarding_list_generating(integer) to service_role;
