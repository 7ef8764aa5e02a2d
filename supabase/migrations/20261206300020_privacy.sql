-- Erasing and exporting one person's data (issue 15). One function per operation, shared by the SQL drivers and
-- the supabase driver (rpc), service_role only. A subject is one of:
--   {"session_id": uuid}   that session and its rows (profile, events, inbox, outbox, nudges, idempotency keys)
--   {"user_id": uuid}      every session of the user and their rows, the user's onboarding rows and the
--                          product's rows (user_profiles, user_skills, user_interests, user_experience,
--                          user_preferences)
--   {"phone": text}        every session of the number (any channel) and their rows, and outbox messages to it
-- Erasing runs in the caller's one statement, so all of it or nothing. Opt-outs (STOP) are exported but kept:
-- they are the record that the number may not be texted, which erasing would undo.

create or replace function onboarding_private.subject_sessions(p_subject jsonb) returns uuid[]
language sql
stable
security invoker
set search_path = ''
as $$
  select coalesce(array_agg(s.id), '{}')
  from public.instant_onboarding_sessions s
  where (p_subject ? 'session_id' and s.id = (p_subject->>'session_id')::uuid)
     or (p_subject ? 'user_id' and s.user_id = (p_subject->>'user_id')::uuid)
     or (p_subject ? 'phone' and s.phone_number = p_subject->>'phone')
$$;

create or replace function onboarding_private.check_subject(p_subject jsonb) returns void
language plpgsql
immutable
set search_path = ''
as $$
begin
  if p_subject is null or jsonb_typeof(p_subject) <> 'object'
     or (select count(*) from jsonb_object_keys(p_subject) k where k in ('session_id', 'user_id', 'phone')) <> 1
     or (select count(*) from jsonb_object_keys(p_subject)) <> 1
     or coalesce(p_subject->>'session_id', p_subject->>'user_id', p_subject->>'phone', '') = '' then
    raise exception 'a privacy subject is exactly one of session_id, user_id, phone' using errcode = '22023';
  end if;
end $$;

create or replace function public.onboarding_privacy_export(p_subject jsonb) returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  v_ids uuid[];
  v_user uuid := (p_subject->>'user_id')::uuid;
  v_phone text := p_subject->>'phone';
begin
  perform onboarding_private.check_subject(p_subject);
  v_ids := onboarding_private.subject_sessions(p_subject);
  return jsonb_build_object(
    'subject', p_subject,
    'exported_at', now(),
    -- The key hash and the resume code are credentials, not data about the person.
    'sessions', coalesce((select jsonb_agg(to_jsonb(s) - 'session_key' - 'resume_code' order by s.created_at)
      from public.instant_onboarding_sessions s where s.id = any (v_ids)), '[]'),
    'profiles', coalesce((select jsonb_agg(to_jsonb(p) order by p.created_at)
      from public.instant_onboarding_profiles p where p.session_id = any (v_ids)), '[]'),
    'events', coalesce((select jsonb_agg(to_jsonb(e) order by e.id)
      from public.onboarding_events e where e.session_id = any (v_ids)), '[]'),
    'inbox', coalesce((select jsonb_agg(to_jsonb(i) order by i.received_at)
      from public.onboarding_inbox i where i.session_id = any (v_ids)), '[]'),
    'outbox', coalesce((select jsonb_agg(to_jsonb(o) order by o.id)
      from public.onboarding_outbox o where o.session_id = any (v_ids) or (v_phone is not null and o.to_address = v_phone)), '[]'),
    'nudges', coalesce((select jsonb_agg(to_jsonb(n) order by n.id)
      from public.onboarding_nudges n where n.session_id = any (v_ids)), '[]'),
    'opt_outs', coalesce((select jsonb_agg(to_jsonb(x)) from public.onboarding_messaging_opt_outs x
      where v_phone is not null and x.phone_number = v_phone), '[]'),
    'user_onboarding', coalesce((select jsonb_agg(to_jsonb(u)) from public.user_onboarding u where u.user_id = v_user), '[]'),
    'user_profiles', coalesce((select jsonb_agg(to_jsonb(u)) from public.user_profiles u where u.user_id = v_user), '[]'),
    'user_skills', coalesce((select jsonb_agg(to_jsonb(u) order by u.position) from public.user_skills u where u.user_id = v_user), '[]'),
    'user_interests', coalesce((select jsonb_agg(to_jsonb(u)) from public.user_interests u where u.user_id = v_user), '[]'),
    'user_experience', coalesce((select jsonb_agg(to_jsonb(u) order by u.position) from public.user_experience u where u.user_id = v_user), '[]'),
    'user_preferences', coalesce((select jsonb_agg(to_jsonb(u)) from public.user_preferences u where u.user_id = v_user), '[]'),
    'practitioners', coalesce((select jsonb_agg(to_jsonb(p) || jsonb_build_object(
        'basic_info', (select to_jsonb(x) from public.facilitator_basic_info x where x.practitioner_id = p.id),
        'visual_profile', (select to_jsonb(x) from public.facilitator_visual_profile x where x.practitioner_id = p.id),
        'professional_details', (select to_jsonb(x) from public.facilitator_professional_details x where x.practitioner_id = p.id),
        'bio_about', (select to_jsonb(x) from public.facilitator_bio_about x where x.practitioner_id = p.id),
        'experience_certifications', (select to_jsonb(x) from public.facilitator_experience_certifications x where x.practitioner_id = p.id),
        'offerings', coalesce((select jsonb_agg(to_jsonb(x)) from public.offerings x where x.practitioner_id = p.id), '[]')))
      from public.practitioners p where (v_phone is not null and p.phone_number = v_phone) or (v_user is not null and p.user_id = v_user)), '[]'),
    'memberships', coalesce((select jsonb_agg(to_jsonb(m) || jsonb_build_object('organization', to_jsonb(o)))
      from public.memberships m join public.organizations o on o.id = m.organization_id where m.user_id = v_user), '[]')
  );
end $$;

create or replace function public.onboarding_privacy_erase(p_subject jsonb) returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_ids uuid[];
  v_user uuid := (p_subject->>'user_id')::uuid;
  v_phone text := p_subject->>'phone';
  v_counts jsonb := '{}';
  v_n integer;
begin
  perform onboarding_private.check_subject(p_subject);
  -- The subject's sessions, locked: a turn committing meanwhile waits, then finds its row gone (a conflict).
  perform 1 from public.instant_onboarding_sessions s where s.id = any (onboarding_private.subject_sessions(p_subject)) for update;
  v_ids := onboarding_private.subject_sessions(p_subject);
  delete from public.onboarding_idempotency_keys where session_id = any (v_ids);
  delete from public.onboarding_nudges where session_id = any (v_ids);
  get diagnostics v_n = row_count; v_counts := v_counts || jsonb_build_object('nudges', v_n);
  delete from public.onboarding_outbox where session_id = any (v_ids) or (v_phone is not null and to_address = v_phone);
  get diagnostics v_n = row_count; v_counts := v_counts || jsonb_build_object('outbox', v_n);
  delete from public.onboarding_inbox where session_id = any (v_ids);
  get diagnostics v_n = row_count; v_counts := v_counts || jsonb_build_object('inbox', v_n);
  delete from public.onboarding_events where session_id = any (v_ids);
  get diagnostics v_n = row_count; v_counts := v_counts || jsonb_build_object('events', v_n);
  delete from public.instant_onboarding_profiles where session_id = any (v_ids) or (v_user is not null and user_id = v_user);
  get diagnostics v_n = row_count; v_counts := v_counts || jsonb_build_object('profiles', v_n);
  delete from public.user_onboarding where user_id = v_user;
  get diagnostics v_n = row_count; v_counts := v_counts || jsonb_build_object('user_onboarding', v_n);
  delete from public.user_profiles where user_id = v_user;
  get diagnostics v_n = row_count; v_counts := v_counts || jsonb_build_object('user_profiles', v_n);
  delete from public.user_skills where user_id = v_user;
  get diagnostics v_n = row_count; v_counts := v_counts || jsonb_build_object('user_skills', v_n);
  delete from public.user_interests where user_id = v_user;
  get diagnostics v_n = row_count; v_counts := v_counts || jsonb_build_object('user_interests', v_n);
  delete from public.user_experience where user_id = v_user;
  get diagnostics v_n = row_count; v_counts := v_counts || jsonb_build_object('user_experience', v_n);
  delete from public.user_preferences where user_id = v_user;
  get diagnostics v_n = row_count; v_counts := v_counts || jsonb_build_object('user_preferences', v_n);
  -- A practitioner (by phone or linked user) goes with the five facilitator_* rows, offerings and onboarding status
  -- (on delete cascade), and their one-time codes.
  delete from public.practitioners p where (v_phone is not null and p.phone_number = v_phone) or (v_user is not null and p.user_id = v_user);
  get diagnostics v_n = row_count; v_counts := v_counts || jsonb_build_object('practitioners', v_n);
  delete from public.practitioner_otp_codes c where v_phone is not null and c.phone_number = v_phone;
  -- Workspaces: an organization the user alone belonged to goes with its projects and checklist; the user's
  -- memberships of others' organizations go, the organizations stay.
  delete from public.organizations o where v_user is not null
    and exists (select from public.memberships m where m.organization_id = o.id and m.user_id = v_user)
    and not exists (select from public.memberships m where m.organization_id = o.id and m.user_id <> v_user);
  get diagnostics v_n = row_count; v_counts := v_counts || jsonb_build_object('organizations', v_n);
  delete from public.memberships where user_id = v_user;
  get diagnostics v_n = row_count; v_counts := v_counts || jsonb_build_object('memberships', v_n);
  delete from public.instant_onboarding_sessions where id = any (v_ids);
  get diagnostics v_n = row_count; v_counts := v_counts || jsonb_build_object('sessions', v_n);
  return jsonb_build_object('session_ids', to_jsonb(v_ids), 'erased', v_counts);
end $$;

revoke all on function onboarding_private.subject_sessions(jsonb), onboarding_private.check_subject(jsonb) from public;
grant execute on function onboarding_private.subject_sessions(jsonb), onboarding_private.check_subject(jsonb) to service_role;
revoke execute on function public.onboarding_privacy_export(jsonb), public.onboarding_privacy_erase(jsonb) from public, anon, authenticated;
grant execute on function public.onboarding_privacy_export(jsonb), public.onboarding_privacy_erase(jsonb) to service_role;
