-- The transaction of a signed-in user's turn (flows/user-profile.yaml): one call of onboarding_commit_turn with a
-- payload the running service sent for a real turn (read from the statement log, bench/lib/commit-capture.ts): the
-- session, the events, the user's user_onboarding row and, on a turn that completes a step group, that group's
-- product rows (user_profiles, user_skills, ...). :group_payload is such a turn's, :payload one's that completes
-- none ('{}' where the path has none); they are drawn in the path's proportion, :group_turns of every :turns. The
-- template user's id in the payload becomes the session's own user. A chat turn has a message key (its inbox
-- row); a form's PATCH has none, and gets none here.
-- pgbench -M prepared -D payload=<json> -D group_payload=<json> -D turns=<k> -D group_turns=<g>
--   -D template_user=<uuid> -D first=<n> -D last=<n> -f bench/pgbench/commit-user-turn.sql
\set n random(:first, :last)
\set t random(1, :turns)
select public.onboarding_commit_turn(
  p.turn || jsonb_build_object('session_id', s.id, 'expected_version', s.version)
    || case when p.turn ? 'message_key'
         then jsonb_build_object('message_key', 'pgbench/' || s.id || '/' || s.version)
         else '{}'::jsonb end)
from public.instant_onboarding_sessions s
cross join lateral (
  select replace(case when :t::int <= :group_turns::int then :group_payload::text else :payload::text end,
    :template_user::text, s.user_id::text)::jsonb as turn) p
where s.id = md5('s' || :n::int)::uuid;
