-- Everything a turn asks of the database: the service's load query (session, profile, "seen this message?"),
-- then the commit of commit-turn.sql: two round trips, as in the service. For reference next to commit-turn.
-- pgbench -M prepared -D payload=<json> -D first=<n> -D last=<n> -f bench/pgbench/load-and-commit.sql
\set n random(:first, :last)
select s.id, s.session_key, s.flow_id, s.flow_version, s.flow_hash, s.channel, s.language, s.status,
       s.current_step, s.collected_data, s.snapshot, s.version, s.phone_number, s.call_sid, s.user_id,
       s.created_at, s.updated_at, s.completed_at,
       p.kind as profile_kind, p.profile_data, p.created_at as profile_created_at,
       i.reply as duplicate_reply, i.message_key is not null as has_duplicate
from public.instant_onboarding_sessions s
left join public.instant_onboarding_profiles p on p.session_id = s.id
left join public.onboarding_inbox i on i.channel = s.channel and i.sender = coalesce(s.phone_number, '')
  and i.message_key = 'web-pgbench-x' and i.session_id = s.id
where s.id = md5('s' || :n::int)::uuid;
select public.onboarding_commit_turn(
  :payload::jsonb || jsonb_build_object(
    'session_id', s.id,
    'expected_version', s.version,
    'message_key', 'pgbench/' || s.id || '/' || s.version))
from public.instant_onboarding_sessions s
where s.id = md5('s' || :n::int)::uuid;
