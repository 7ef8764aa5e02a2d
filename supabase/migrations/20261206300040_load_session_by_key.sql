-- An unknown session id and a wrong key must cost the same (issue 15): the service's load of a session for a
-- caller holding a key asks for the row with that key's hash, so the database answers both with no row after
-- the same index lookup, and the service never receives (or parses) the row of a session whose key it was not
-- given. The supabase driver's form of onboarding_load_session; the SQL drivers add the same condition to their
-- query. A name of its own: an overload of onboarding_load_session(uuid, text default null) would make its
-- two-argument calls ambiguous.

create or replace function public.onboarding_load_session_by_key(p_session_id uuid, p_key_hash text, p_message_key text default null) returns jsonb
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
  left join public.onboarding_inbox i on i.channel = s.channel and i.sender = coalesce(s.phone_number, '')
    and i.message_key = p_message_key and i.session_id = s.id
  where s.id = p_session_id and s.session_key = p_key_hash
$$;

revoke execute on function public.onboarding_load_session_by_key(uuid, text, text) from public, anon, authenticated;
grant execute on function public.onboarding_load_session_by_key(uuid, text, text) to service_role;
