-- Practitioner onboarding: the import's upsert, the sign-in (first login once), one-time codes (consume
-- first, tries counted), the send limits, the typed writes of the five groups and the completion flag (never
-- without the five rows); a practitioner (authenticated, linked by user_id) reaches their own rows only; anon and
-- the analyst reach nothing; the functions are service_role's.
begin;
create extension if not exists pgtap with schema extensions;
select plan(54);

-- The import
select is(public.practitioner_import('[
  {"phone_number":"+14155550101","name":"John Smith","email":"john@yogastudio.com","practice_type":"yoga","location":"Austin, TX","is_contacted":true,"contact_status":"interested"},
  {"phone_number":"+14155550102","name":"Ada Moss","email":null,"practice_type":"coaching","location":null,"is_contacted":false,"contact_status":null}
]'::jsonb), '[{"outcome":"created","phone_number":"+14155550101"},{"outcome":"created","phone_number":"+14155550102"}]'::jsonb,
  'the import creates the records');
select is(public.practitioner_import('[
  {"phone_number":"+14155550101","name":"John Smith","email":"john@yogastudio.com","practice_type":"yoga","location":"Austin, TX","is_contacted":true,"contact_status":"interested"},
  {"phone_number":"+14155550102","name":"Ada Moss","email":null,"practice_type":"coaching","location":null,"is_contacted":false,"contact_status":null}
]'::jsonb), '[{"outcome":"unchanged","phone_number":"+14155550101"},{"outcome":"unchanged","phone_number":"+14155550102"}]'::jsonb,
  'importing the same rows again changes nothing');
select is(public.practitioner_import('[{"phone_number":"+14155550102","name":null,"email":"ada@moss.coach","practice_type":null,"location":null,"is_contacted":null,"contact_status":"called"}]'::jsonb),
  '[{"outcome":"updated","phone_number":"+14155550102"}]'::jsonb, 'a changed row is updated');
select results_eq($$select name, email, practice_type, is_contacted, contact_status from public.practitioners where phone_number = '+14155550102'$$,
  $$values ('Ada Moss'::text, 'ada@moss.coach'::text, 'coaching'::text, false, 'called'::text)$$, 'an empty field keeps what was known');
select throws_ok($$select public.practitioner_import('[{"phone_number":"555-0101"}]'::jsonb)$$, '23514', null, 'a number that is not E.164 is refused');

-- Sign-in
select is((public.practitioner_sign_in('+14155550101', '2026-12-01T10:00:00Z')->>'is_new')::boolean, false, 'a known phone is not new');
select is((public.practitioner_sign_in('+14155550199', '2026-12-01T10:00:00Z')->>'is_new')::boolean, true, 'an unknown phone creates the practitioner');
select lives_ok($$select public.practitioner_sign_in('+14155550101', '2026-12-03T10:00:00Z')$$, 'a second sign-in');
select results_eq($$select crm_first_login_date from public.practitioners where phone_number = '+14155550101'$$,
  $$values ('2026-12-01T10:00:00Z'::timestamptz)$$, 'the first login date is set once, never moved');

-- One-time codes: 5 tries, consume first, expiry
select is(public.practitioner_otp_send('+14155550101', 'ip-a', repeat('a', 64), '2026-12-01T10:00:00Z', 600, 3600, 5, 20)->>'sent', 'true', 'a code is sent');
select is(public.practitioner_otp_check('+14155550101', repeat('b', 64), '2026-12-01T10:01:00Z', 5), 'invalid', 'a wrong code is invalid');
select results_eq($$select attempts from public.practitioner_otp_codes where phone_number = '+14155550101'$$, $$values (1)$$, 'and counted');
select is(public.practitioner_otp_check('+14155550101', repeat('a', 64), '2026-12-01T10:02:00Z', 5), 'approved', 'the right code is approved');
select is(public.practitioner_otp_check('+14155550101', repeat('a', 64), '2026-12-01T10:02:01Z', 5), 'expired', 'and used up');
select is(public.practitioner_otp_send('+14155550101', 'ip-a', repeat('c', 64), '2026-12-01T10:03:00Z', 600, 3600, 5, 20)->>'sent', 'true', 'another code');
select is(public.practitioner_otp_check('+14155550101', repeat('c', 64), '2026-12-01T10:14:00Z', 5), 'expired', 'a code after its time is expired');
select lives_ok($$select public.practitioner_otp_send('+14155550101', 'ip-a', repeat('d', 64), '2026-12-01T10:15:00Z', 600, 3600, 5, 20)$$, 'a third code');
select lives_ok($$select public.practitioner_otp_check('+14155550101', repeat('e', 64), '2026-12-01T10:16:00Z', 5) from generate_series(1, 5)$$, 'five wrong tries');
select is(public.practitioner_otp_check('+14155550101', repeat('d', 64), '2026-12-01T10:16:30Z', 5), 'expired', 'five wrong tries end the code');
select lives_ok($$select public.practitioner_otp_send('+14155550101', 'ip-a', repeat('f', 64), '2026-12-01T10:20:00Z', 600, 3600, 5, 20)$$, 'a fourth code');
select lives_ok($$select public.practitioner_otp_send('+14155550101', 'ip-a', repeat('f', 64), '2026-12-01T10:21:00Z', 600, 3600, 5, 20)$$, 'a fifth code');
select is(public.practitioner_otp_send('+14155550101', 'ip-a', repeat('f', 64), '2026-12-01T10:22:00Z', 600, 3600, 5, 20),
  '{"sent":false,"retry_after":2280}'::jsonb, 'the sixth send in the hour is limited per phone, with the seconds to wait');
select is(public.practitioner_otp_send('+14155550102', 'ip-a', repeat('f', 64), '2026-12-01T10:22:00Z', 600, 3600, 5, 5)->>'sent', 'false',
  'and per address');

-- The typed writes of a turn, for the practitioner whose phone the session has
insert into public.instant_onboarding_sessions (id, session_key, phone_number, channel, language, status, flow_id)
values ('e1000000-0000-4000-8000-000000000001', 'hash-pr-1', '+14155550101', 'web', 'en', 'collecting_data', 'practitioner-onboarding'),
       ('e2000000-0000-4000-8000-000000000001', 'hash-pr-2', '+14155550102', 'whatsapp', 'en', 'collecting_data', 'practitioner-onboarding'),
       ('e3000000-0000-4000-8000-000000000001', 'hash-pr-3', '+14155550000', 'web', 'en', 'collecting_data', 'practitioner-onboarding');
select lives_ok($$select public.onboarding_apply_writes('e1000000-0000-4000-8000-000000000001', '[
  {"kind":"practitioner_onboarding","flow_id":"practitioner-onboarding","status":"in_progress","current_step":2,"total_steps":5,
   "completed_steps":["basic_info","visual_profile"],"started_at":"2026-12-01T10:00:00Z","completed_at":null},
  {"kind":"facilitator_basic_info","first_name":"John","last_name":"Smith","email":"john@yogastudio.com","location":"Austin",
   "country":"US","latitude":30.27,"longitude":-97.74,"time_zone":"America/Chicago","phone_number":"+14155550101"},
  {"kind":"facilitator_visual_profile","photo_path":"practitioner-onboarding/x/photo.png","photo_content_type":"image/png","brand_color":null}
]'::jsonb)$$, 'groups 1 and 2 are written');
select results_eq($$select o.current_step, o.completed_steps from public.practitioner_onboarding o
  join public.practitioners p on p.id = o.practitioner_id where p.phone_number = '+14155550101'$$,
  $$values (2, array['basic_info', 'visual_profile'])$$, 'the onboarding row says where it stands');
select throws_ok($$select public.onboarding_apply_writes('e1000000-0000-4000-8000-000000000001',
  '[{"kind":"practitioner_completed","completed_at":"2026-12-01T11:00:00Z"}]'::jsonb); set constraints all immediate$$,
  '23514', null, 'the completed flag is refused without the five rows');
select lives_ok($$select public.onboarding_apply_writes('e1000000-0000-4000-8000-000000000001', '[
  {"kind":"facilitator_professional_details","practice_type":"yoga","modalities":["hatha","vinyasa"],"years_of_experience":8,
   "languages":["en","es"],"session_format":"both","price_range":"50_100"},
  {"kind":"facilitator_bio_about","headline":"Calm strength","bio":"I teach.","first_session":"We talk, then move."},
  {"kind":"facilitator_experience_certifications","certifications":[{"name":"RYT 200","issuer":"Yoga Alliance","year":2016}],"experience":[]},
  {"kind":"practitioner_completed","completed_at":"2026-12-01T11:00:00Z"}
]'::jsonb); set constraints all immediate$$, 'groups 3 to 5 and the flag, together');
select results_eq($$select crm_onboarding_completed, crm_onboarding_completed_date from public.practitioners where phone_number = '+14155550101'$$,
  $$values (true, '2026-12-01T11:00:00Z'::timestamptz)$$, 'the practitioner is completed');
select throws_ok($$select public.onboarding_apply_writes('e2000000-0000-4000-8000-000000000001', '[{"kind":"practitioner_onboarding",
  "flow_id":"practitioner-onboarding","status":"in_progress","current_step":0,"total_steps":5,"completed_steps":[],"started_at":null,
  "completed_at":null}]'::jsonb); select public.onboarding_apply_writes('e2000000-0000-4000-8000-000000000001', '[{"kind":"facilitator_professional_details",
  "practice_type":"yoga","modalities":["hatha"],"years_of_experience":100,"languages":["en"],"session_format":"both","price_range":"50_100"}]'::jsonb)$$,
  '23514', null, 'a value out of range is refused');
select throws_ok($$select public.onboarding_apply_writes('e3000000-0000-4000-8000-000000000001',
  '[{"kind":"facilitator_bio_about","headline":"x","bio":"y","first_session":"z"}]'::jsonb)$$, '22023', null,
  'a session whose phone is no practitioner writes nothing');
select throws_ok($$select public.onboarding_apply_writes('e1000000-0000-4000-8000-000000000001',
  '[{"kind":"practitioner_onboarding","flow_id":"practitioner-onboarding","status":"in_progress","current_step":0,"total_steps":5,
    "completed_steps":[],"started_at":null,"completed_at":null}]'::jsonb);
  select public.onboarding_apply_writes('e1000000-0000-4000-8000-000000000001', '[]'::jsonb);
  update public.instant_onboarding_sessions set phone_number = '+14155550101' where id = 'e2000000-0000-4000-8000-000000000001';
  select public.onboarding_apply_writes('e2000000-0000-4000-8000-000000000001', '[{"kind":"practitioner_onboarding","flow_id":"practitioner-onboarding",
    "status":"in_progress","current_step":0,"total_steps":5,"completed_steps":[],"started_at":null,"completed_at":null}]'::jsonb)$$,
  '23505', null, 'a second session cannot take over a practitioner''s onboarding');

-- Functions: service_role only
select ok(has_function_privilege('service_role', 'public.practitioner_import(jsonb)', 'execute'), 'service_role imports');
select ok(not has_function_privilege('authenticated', 'public.practitioner_import(jsonb)', 'execute'), 'authenticated cannot import');
select ok(not has_function_privilege('anon', 'public.practitioner_sign_in(text, timestamptz)', 'execute'), 'anon cannot sign in by itself');
select ok(not has_function_privilege('anon', 'public.practitioner_otp_check(text, text, timestamptz, integer)', 'execute'), 'anon cannot check codes directly');
select ok(not has_function_privilege('authenticated', 'public.onboarding_apply_practitioner_write(uuid, jsonb)', 'execute'), 'authenticated cannot apply writes');

-- A linked practitioner
update public.practitioners set user_id = '33333333-3333-4333-8333-333333333333' where phone_number = '+14155550101';
update public.practitioners set user_id = '44444444-4444-4444-8444-444444444444' where phone_number = '+14155550102';
insert into public.offerings (practitioner_id, title) select id, 'Morning flow' from public.practitioners where phone_number = '+14155550102';
set local role authenticated;
select set_config('request.headers', '{}', true);
select set_config('request.jwt.claims', '{"role":"authenticated","sub":"33333333-3333-4333-8333-333333333333"}', true);
select results_eq('select phone_number from public.practitioners', $$values ('+14155550101'::text)$$, 'a practitioner reads their own record, only');
select results_eq('select first_name from public.facilitator_basic_info', $$values ('John'::text)$$, 'their basic info');
select results_eq('select status from public.practitioner_onboarding', $$values ('in_progress'::text)$$, 'their onboarding row');
select lives_ok($$update public.facilitator_bio_about set headline = 'Calm and strong'$$, 'they edit their bio');
select throws_ok($$update public.practitioners set crm_onboarding_completed = false$$, '42501', null, 'they cannot set the completion flag');
select throws_ok($$update public.practitioners set contact_status = 'happy'$$, '42501', null, 'nor the calling team''s fields');
select lives_ok($$update public.practitioners set email = 'j@studio.com'$$, 'they correct their own email');
select throws_ok($$update public.practitioner_onboarding set status = 'completed'$$, '42501', null, 'they cannot set their onboarding status');
select lives_ok($$insert into public.offerings (practitioner_id, title) select id, 'Yin' from public.practitioners$$, 'they add an offering');
select is_empty($$select 1 from public.offerings where title = 'Morning flow'$$, 'they see no one else''s offering');
select throws_ok($$insert into public.facilitator_bio_about (practitioner_id, headline, bio, first_session)
  select id, 'x', 'y', 'z' from public.practitioners where false union all
  select '00000000-0000-4000-8000-000000000000'::uuid, 'x', 'y', 'z'$$, '42501', null, 'they cannot write rows of another practitioner');
select throws_ok($$select * from public.practitioner_otp_codes$$, '42501', null, 'they cannot read codes');
select set_config('request.jwt.claims', '{"role":"authenticated","sub":"55555555-5555-4555-8555-555555555555"}', true);
select is_empty('select 1 from public.facilitator_basic_info', 'a user linked to no practitioner sees no group row');

reset role;
set local role anon;
select throws_ok('select * from public.practitioners', '42501', null, 'anon cannot read practitioners');
select throws_ok('select * from public.facilitator_basic_info', '42501', null, 'anon cannot read the group tables');
reset role;
select table_privs_are('public', 'practitioners', 'analyst', array[]::text[], 'the analyst has no privilege on practitioners');
select table_privs_are('public', 'offerings', 'analyst', array[]::text[], 'nor on offerings');
select table_privs_are('public', 'practitioner_otp_sends', 'authenticated', array[]::text[], 'authenticated has no privilege on sends');

select * from finish();
rollback;
