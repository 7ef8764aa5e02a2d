-- The transaction of the instant flow's last turn, the answer that completes the session: one call of
-- onboarding_commit_turn with the payload the service sent for the last answer (-D payload=..., captured by
-- bench/lib/session-templates.ts): the session set to completed, the inbox row, the events and the profile (the
-- birth chart) upserted. Run on the last-turn path's table, where every session waits at the last step. The
-- version is read in the same statement, so the check passes as it does for the service.
-- pgbench -M prepared -D payload=<json> -D sessions=<n> -f bench/pgbench/commit-last-turn.sql
\set n random(1, :sessions)
select public.onboarding_commit_turn(
  :payload::jsonb || jsonb_build_object(
    'session_id', s.id,
    'expected_version', s.version,
    'message_key', 'pgbench/' || s.id || '/' || s.version))
from public.instant_onboarding_sessions s
where s.id = md5('s' || :n::int)::uuid;
