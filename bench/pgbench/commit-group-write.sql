-- The transaction of a practitioner's turn that completes a step group (the practitioner path: basic_info's
-- last answer, over SMS): one call of onboarding_commit_turn with the payload the running service sent for that
-- turn (read from the statement log, bench/lib/commit-capture.ts): the session, the inbox row, the events, the
-- practitioner_onboarding row and the group's facilitator_basic_info row, both found by the session's phone. The
-- template practitioner's number in the payload (the answer to the phone question) becomes the session's own.
-- pgbench -M prepared -D payload=<json> -D template_phone=<e164> -D first=<n> -D last=<n> -f bench/pgbench/commit-group-write.sql
\set n random(:first, :last)
select public.onboarding_commit_turn(
  replace(:payload::text, :template_phone::text, s.phone_number)::jsonb || jsonb_build_object(
    'session_id', s.id,
    'expected_version', s.version,
    'message_key', 'pgbench/' || s.id || '/' || s.version))
from public.instant_onboarding_sessions s
where s.id = md5('s' || :n::int)::uuid;
