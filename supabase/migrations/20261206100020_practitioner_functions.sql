-- Practitioner onboarding, the service's functions (service_role only; the SQL drivers and the supabase driver
-- call the same ones):
-- 1. practitioner_import: upserts the calling team's records by phone number; a row equal to the stored one
--    changes nothing (updated_at included), so importing a file twice is a no-op.
-- 2. practitioner_sign_in: a verified phone (an SMS code, or the provider's sender / caller id): creates the
--    practitioner when nobody knows the number, sets crm_first_login_date once, answers the record and its
--    onboarding session.
-- 3. One-time codes for the console mode (no Twilio Verify): practitioner_otp_codes holds a keyed hash per
--    phone; practitioner_otp_sends counts sends per phone and per client address for the rate limits (both
--    modes). practitioner_otp_send and practitioner_otp_check (consume first, so two checks cannot both pass).
-- 4. practitioner_session_rekey: a new secret key for the practitioner's onboarding session (a sign-in on
--    another device); the version moves so every process's remembered row is re-read.
-- 5. onboarding_apply_writes wraps the one before it (renamed onboarding_apply_writes_base, not copied, so the
--    kinds any earlier migration added, e.g. the workspace trial's on main, keep working whatever the merge
--    order): the practitioner kinds go to onboarding_apply_practitioner_write, which finds the practitioner from
--    the session's phone number, so a turn can only write its own practitioner's rows. onboarding_commit_turn is
--    not changed.

create table public.practitioner_otp_codes (
  phone_number text primary key check (phone_number ~ '^\+[1-9][0-9]{6,14}$'),
  code_hash text not null check (char_length(code_hash) between 32 and 128),
  attempts integer not null default 0 check (attempts >= 0),
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
comment on table public.practitioner_otp_codes is
  'Console mode''s one-time codes: a keyed hash (HMAC-SHA-256) of the code per phone, never the code; wrong tries counted; deleted when used, expired or out of tries.';

create table public.practitioner_otp_sends (
  id bigint generated always as identity primary key,
  scope text not null check (scope in ('phone', 'ip')),
  key text not null check (char_length(key) between 1 and 128),
  sent_at timestamptz not null
);
comment on table public.practitioner_otp_sends is
  'One row per code sent, per phone and per client address (the address as a keyed hash), for the send limits; rows older than the window are deleted as new ones come.';
create index practitioner_otp_sends_key_idx on public.practitioner_otp_sends (scope, key, sent_at);

alter table public.practitioner_otp_codes enable row level security;
alter table public.practitioner_otp_sends enable row level security;
revoke all on public.practitioner_otp_codes, public.practitioner_otp_sends from public, anon, authenticated;
revoke all on sequence public.practitioner_otp_sends_id_seq from public, anon, authenticated;
grant select, insert, update, delete on public.practitioner_otp_codes, public.practitioner_otp_sends to service_role;
grant usage on sequence public.practitioner_otp_sends_id_seq to service_role;

create function public.practitioner_import(p_rows jsonb) returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  r jsonb;
  v_outcome text;
  v_result jsonb := '[]'::jsonb;
  v_inserted boolean;
begin
  for r in select value from jsonb_array_elements(coalesce(p_rows, '[]'::jsonb)) loop
    v_outcome := 'unchanged';
    insert into public.practitioners as p (phone_number, name, email, practice_type, location, is_contacted, contact_status)
    values (r->>'phone_number', r->>'name', r->>'email', r->>'practice_type', r->>'location',
      coalesce((r->>'is_contacted')::boolean, false), r->>'contact_status')
    on conflict (phone_number) do update set
      -- An empty field in the calling system's export is "not known", never an erasure.
      name = coalesce(excluded.name, p.name),
      email = coalesce(excluded.email, p.email),
      practice_type = coalesce(excluded.practice_type, p.practice_type),
      location = coalesce(excluded.location, p.location),
      is_contacted = case when r ? 'is_contacted' and r->>'is_contacted' is not null then excluded.is_contacted else p.is_contacted end,
      contact_status = coalesce(excluded.contact_status, p.contact_status)
    where (coalesce(excluded.name, p.name), coalesce(excluded.email, p.email), coalesce(excluded.practice_type, p.practice_type),
        coalesce(excluded.location, p.location),
        case when r ? 'is_contacted' and r->>'is_contacted' is not null then excluded.is_contacted else p.is_contacted end,
        coalesce(excluded.contact_status, p.contact_status))
      is distinct from (p.name, p.email, p.practice_type, p.location, p.is_contacted, p.contact_status)
    returning (xmax = 0) into v_inserted;
    if found then
      v_outcome := case when v_inserted then 'created' else 'updated' end;
    end if;
    v_result := v_result || jsonb_build_object('phone_number', r->>'phone_number', 'outcome', v_outcome);
  end loop;
  return v_result;
end $$;
comment on function public.practitioner_import(jsonb) is
  'Upserts normalised calling-team records by phone_number; answers [{phone_number, outcome: created|updated|unchanged}] in order.';

create function public.practitioner_sign_in(p_phone_number text, p_now timestamptz) returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_new boolean;
  v_result jsonb;
begin
  insert into public.practitioners (phone_number, crm_first_login_date) values (p_phone_number, p_now)
  on conflict (phone_number) do nothing;
  v_new := found;
  if not v_new then
    update public.practitioners set crm_first_login_date = p_now
    where phone_number = p_phone_number and crm_first_login_date is null;
  end if;
  select jsonb_build_object(
    'practitioner', to_jsonb(p),
    'is_new', v_new,
    'session_id', o.session_id,
    'onboarding_status', o.status
  ) into v_result
  from public.practitioners p
  left join public.practitioner_onboarding o on o.practitioner_id = p.id
  where p.phone_number = p_phone_number;
  return v_result;
end $$;
comment on function public.practitioner_sign_in(text, timestamptz) is
  'A verified phone: the practitioner (created when unknown: is_new), crm_first_login_date set once, and their onboarding session if any.';

create function public.practitioner_otp_send(
  p_phone_number text, p_ip_key text, p_code_hash text, p_now timestamptz, p_ttl_seconds integer,
  p_window_seconds integer, p_phone_limit integer, p_ip_limit integer
) returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_since timestamptz := p_now - make_interval(secs => p_window_seconds);
  v_count integer;
  v_oldest timestamptz;
  v_retry integer := 0;
begin
  -- Two sends for one phone at once must not both fit under the limit.
  perform pg_advisory_xact_lock(hashtext('practitioner_otp:' || p_phone_number));
  delete from public.practitioner_otp_sends where key in (p_phone_number, p_ip_key) and sent_at <= v_since;
  select count(*), min(sent_at) into v_count, v_oldest from public.practitioner_otp_sends
  where scope = 'phone' and key = p_phone_number and sent_at > v_since;
  if v_count >= p_phone_limit then
    v_retry := greatest(v_retry, ceil(extract(epoch from (v_oldest + make_interval(secs => p_window_seconds) - p_now)))::integer);
  end if;
  if p_ip_key is not null then
    select count(*), min(sent_at) into v_count, v_oldest from public.practitioner_otp_sends
    where scope = 'ip' and key = p_ip_key and sent_at > v_since;
    if v_count >= p_ip_limit then
      v_retry := greatest(v_retry, ceil(extract(epoch from (v_oldest + make_interval(secs => p_window_seconds) - p_now)))::integer);
    end if;
  end if;
  if v_retry > 0 then
    return jsonb_build_object('sent', false, 'retry_after', greatest(v_retry, 1));
  end if;
  insert into public.practitioner_otp_sends (scope, key, sent_at) values ('phone', p_phone_number, p_now);
  if p_ip_key is not null then
    insert into public.practitioner_otp_sends (scope, key, sent_at) values ('ip', p_ip_key, p_now);
  end if;
  -- A new code replaces the old one (console mode; with Twilio Verify there is no code here).
  if p_code_hash is not null then
    insert into public.practitioner_otp_codes as c (phone_number, code_hash, attempts, expires_at)
    values (p_phone_number, p_code_hash, 0, p_now + make_interval(secs => p_ttl_seconds))
    on conflict (phone_number) do update set code_hash = excluded.code_hash, attempts = 0, expires_at = excluded.expires_at,
      created_at = now();
  end if;
  return jsonb_build_object('sent', true, 'retry_after', 0);
end $$;
comment on function public.practitioner_otp_send(text, text, text, timestamptz, integer, integer, integer, integer) is
  'Counts a send against the per-phone and per-address limits (sent: false with retry_after seconds when over) and stores the code''s hash.';

create function public.practitioner_otp_check(p_phone_number text, p_code_hash text, p_now timestamptz, p_max_attempts integer)
returns text
language plpgsql
security invoker
set search_path = ''
as $$
declare
  r public.practitioner_otp_codes;
begin
  -- Consume first: of two concurrent checks only one gets the row.
  delete from public.practitioner_otp_codes where phone_number = p_phone_number returning * into r;
  if not found or r.expires_at <= p_now then
    return 'expired';
  end if;
  if r.code_hash = p_code_hash then
    return 'approved';
  end if;
  if r.attempts + 1 < p_max_attempts then
    insert into public.practitioner_otp_codes (phone_number, code_hash, attempts, expires_at, created_at)
    values (r.phone_number, r.code_hash, r.attempts + 1, r.expires_at, r.created_at);
  end if;
  return 'invalid';
end $$;
comment on function public.practitioner_otp_check(text, text, timestamptz, integer) is
  'approved (the code is used up), invalid (a wrong try, counted; the code ends at the last try) or expired (none, used or out of time).';

create function public.practitioner_session_rekey(p_session_id uuid, p_key_hash text) returns boolean
language plpgsql
security invoker
set search_path = ''
as $$
begin
  update public.instant_onboarding_sessions set session_key = p_key_hash, version = version + 1 where id = p_session_id;
  return found;
end $$;
comment on function public.practitioner_session_rekey(uuid, text) is
  'A new secret key (its SHA-256) for a practitioner''s onboarding session after a sign-in; the old key stops working.';

create function public.onboarding_apply_practitioner_write(p_session_id uuid, w jsonb) returns void
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_id uuid;
begin
  select p.id into v_id
  from public.instant_onboarding_sessions s
  join public.practitioners p on p.phone_number = s.phone_number
  where s.id = p_session_id;
  if v_id is null then
    raise exception using errcode = '22023', message = 'practitioner write on a session of no known practitioner: ' || coalesce(w->>'kind', '?');
  end if;
  case w->>'kind'
  when 'practitioner_onboarding' then
    insert into public.practitioner_onboarding as o (practitioner_id, flow_id, session_id, status, current_step, total_steps,
      completed_steps, started_at, completed_at)
    values (v_id, w->>'flow_id', p_session_id, w->>'status', (w->>'current_step')::integer, (w->>'total_steps')::integer,
      coalesce(array(select jsonb_array_elements_text(w->'completed_steps')), '{}'),
      coalesce((w->>'started_at')::timestamptz, now()), (w->>'completed_at')::timestamptz)
    on conflict (practitioner_id) do update set
      flow_id = excluded.flow_id,
      session_id = excluded.session_id,
      status = excluded.status,
      current_step = excluded.current_step,
      total_steps = excluded.total_steps,
      completed_steps = excluded.completed_steps,
      completed_at = case when excluded.status = 'completed' then coalesce(o.completed_at, excluded.completed_at) end
    -- One onboarding session per practitioner: a second one (two starts at once) loses and rolls back.
    where o.session_id is null or o.session_id = excluded.session_id;
    if not found then
      raise exception using errcode = '23505', message = 'this practitioner''s onboarding belongs to another session';
    end if;
  when 'facilitator_basic_info' then
    insert into public.facilitator_basic_info as t (practitioner_id, first_name, last_name, email, location, country, latitude,
      longitude, time_zone, phone_number)
    values (v_id, w->>'first_name', w->>'last_name', w->>'email', w->>'location', w->>'country', (w->>'latitude')::double precision,
      (w->>'longitude')::double precision, w->>'time_zone', w->>'phone_number')
    on conflict (practitioner_id) do update set first_name = excluded.first_name, last_name = excluded.last_name,
      email = excluded.email, location = excluded.location, country = excluded.country, latitude = excluded.latitude,
      longitude = excluded.longitude, time_zone = excluded.time_zone, phone_number = excluded.phone_number;
  when 'facilitator_visual_profile' then
    insert into public.facilitator_visual_profile as t (practitioner_id, photo_path, photo_content_type, brand_color)
    values (v_id, w->>'photo_path', w->>'photo_content_type', w->>'brand_color')
    on conflict (practitioner_id) do update set photo_path = excluded.photo_path,
      photo_content_type = excluded.photo_content_type, brand_color = excluded.brand_color;
  when 'facilitator_professional_details' then
    insert into public.facilitator_professional_details as t (practitioner_id, practice_type, modalities, years_of_experience,
      languages, session_format, price_range)
    values (v_id, w->>'practice_type', array(select jsonb_array_elements_text(coalesce(w->'modalities', '[]'::jsonb))),
      (w->>'years_of_experience')::integer, array(select jsonb_array_elements_text(coalesce(w->'languages', '[]'::jsonb))),
      w->>'session_format', w->>'price_range')
    on conflict (practitioner_id) do update set practice_type = excluded.practice_type, modalities = excluded.modalities,
      years_of_experience = excluded.years_of_experience, languages = excluded.languages,
      session_format = excluded.session_format, price_range = excluded.price_range;
  when 'facilitator_bio_about' then
    insert into public.facilitator_bio_about as t (practitioner_id, headline, bio, first_session)
    values (v_id, w->>'headline', w->>'bio', w->>'first_session')
    on conflict (practitioner_id) do update set headline = excluded.headline, bio = excluded.bio,
      first_session = excluded.first_session;
  when 'facilitator_experience_certifications' then
    insert into public.facilitator_experience_certifications as t (practitioner_id, certifications, experience)
    values (v_id, coalesce(w->'certifications', '[]'::jsonb), coalesce(w->'experience', '[]'::jsonb))
    on conflict (practitioner_id) do update set certifications = excluded.certifications, experience = excluded.experience;
  when 'practitioner_completed' then
    update public.practitioners set crm_onboarding_completed = true,
      crm_onboarding_completed_date = coalesce(crm_onboarding_completed_date, (w->>'completed_at')::timestamptz, now())
    where id = v_id;
  else
    raise exception using errcode = '22023', message = 'unknown practitioner write kind: ' || coalesce(w->>'kind', 'null');
  end case;
end $$;
comment on function public.onboarding_apply_practitioner_write(uuid, jsonb) is
  'One practitioner write of a turn (src/outcomes/outcome-writes.ts), for the practitioner whose phone the session has.';

-- The turn's writes: practitioner kinds here, every other kind to the function as it was before this migration
-- (renamed onboarding_apply_writes_base, whatever kinds it knows: the signed-in users', and those of any
-- migration that re-created it before this one), one write at a time so their order holds.
alter function public.onboarding_apply_writes(uuid, jsonb) rename to onboarding_apply_writes_base;
comment on function public.onboarding_apply_writes_base(uuid, jsonb) is
  'onboarding_apply_writes as it was before 20261206100020 (every kind but the practitioner ones); called by onboarding_apply_writes.';

create function public.onboarding_apply_writes(p_session_id uuid, p_writes jsonb) returns void
language plpgsql
security invoker
set search_path = ''
as $$
declare
  w jsonb;
begin
  for w in select value from jsonb_array_elements(coalesce(p_writes, '[]'::jsonb)) loop
    if w->>'kind' in ('practitioner_onboarding', 'practitioner_completed', 'facilitator_basic_info', 'facilitator_visual_profile',
        'facilitator_professional_details', 'facilitator_bio_about', 'facilitator_experience_certifications') then
      perform public.onboarding_apply_practitioner_write(p_session_id, w);
    else
      perform public.onboarding_apply_writes_base(p_session_id, jsonb_build_array(w));
    end if;
  end loop;
end $$;
comment on function public.onboarding_apply_writes(uuid, jsonb) is
  'Applies a turn''s typed writes (src/outcomes/outcome-writes.ts) in the caller''s transaction, in order: practitioner kinds through onboarding_apply_practitioner_write, the others through onboarding_apply_writes_base; an unknown kind raises and nothing is applied.';

revoke execute on function public.practitioner_import(jsonb), public.practitioner_sign_in(text, timestamptz),
  public.practitioner_otp_send(text, text, text, timestamptz, integer, integer, integer, integer),
  public.practitioner_otp_check(text, text, timestamptz, integer), public.practitioner_session_rekey(uuid, text),
  public.onboarding_apply_practitioner_write(uuid, jsonb), public.onboarding_apply_writes(uuid, jsonb) from public, anon, authenticated;
grant execute on function public.practitioner_import(jsonb), public.practitioner_sign_in(text, timestamptz),
  public.practitioner_otp_send(text, text, text, timestamptz, integer, integer, integer, integer),
  public.practitioner_otp_check(text, text, timestamptz, integer), public.practitioner_session_rekey(uuid, text),
  public.onboarding_apply_practitioner_write(uuid, jsonb), public.onboarding_apply_writes(uuid, jsonb) to service_role;
