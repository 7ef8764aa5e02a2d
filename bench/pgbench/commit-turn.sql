-- The transaction of one turn, as the service runs it: one call of onboarding_commit_turn (inbox insert,
-- session update with version check, event inserts), with the payload the service sent for a real answer
-- (-D payload=..., built by bench/lib/session-templates.ts). The web and SMS paths give it a mid-flow answer's
-- payload; the last-turn path the last answer's, which also completes the session and upserts its profile (the
-- birth chart), on its table where every session waits at the last step. The version is read in the same
-- statement, so the check passes as it does for the service (which read it in its load query).
-- pgbench -M prepared -D payload=<json> -D first=<n> -D last=<n> -f bench/pgbench/commit-turn.sql
\set n random(:first, :last)
select public.onboarding_commit_turn(
  :payload::jsonb || jsonb_build_object(
    'session_id', s.id,
    'expected_version', s.version,
    'message_key', 'pgbench/' || s.id || '/' || s.version))
from public.instant_onboarding_sessions s
where s.id = md5('s' || :n::int)::uuid;
