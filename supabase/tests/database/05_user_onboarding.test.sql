-- A signed-in user's onboarding: the status row (user_onboarding) is theirs to read, not to write; the product's
-- tables (user_profiles, user_skills, user_interests, user_experience, user_preferences) are theirs to read and
-- write; nobody else's rows; anon and the analyst reach nothing. onboarding_apply_writes is service_role only
-- and applies each kind of write as one fixed statement.
begin;
create extension if not exists pgtap with schema extensions;
select plan(39);

-- Two users with a session each, written as the service writes them.
insert into public.instant_onboarding_sessions (id, session_key, user_id, channel, language, status, flow_id)
values ('d1000000-0000-4000-8000-000000000001', 'hash-up-1', '11111111-1111-4111-8111-111111111111', 'api', 'en', 'collecting_data', 'user-profile'),
       ('d2000000-0000-4000-8000-000000000001', 'hash-up-2', '22222222-2222-4222-8222-222222222222', 'web', 'es', 'collecting_data', 'user-profile');

select lives_ok($$select public.onboarding_apply_writes('d1000000-0000-4000-8000-000000000001', '[
  {"kind":"user_onboarding","user_id":"11111111-1111-4111-8111-111111111111","flow_id":"user-profile","status":"in_progress",
   "current_step":2,"total_steps":5,"completed_steps":["profile","skills"],"onboarding_data":{"full_name":"Ana"},
   "started_at":"2026-12-01T10:00:00Z","completed_at":null,"skipped_at":null},
  {"kind":"user_profile","user_id":"11111111-1111-4111-8111-111111111111","full_name":"Ana Lima","bio":null,"avatar_path":null},
  {"kind":"user_skills","user_id":"11111111-1111-4111-8111-111111111111","skills":["Go","SQL","go"," sql "]},
  {"kind":"user_interests","user_id":"11111111-1111-4111-8111-111111111111","interests":["music","travel","music"]},
  {"kind":"user_experience","user_id":"11111111-1111-4111-8111-111111111111","entries":[
    {"kind":"work","title":"Engineer","organisation":"Acme","start_year":2015,"end_year":null},
    {"kind":"education","title":"BSc","organisation":"Uni","start_year":2010,"end_year":2014}]},
  {"kind":"user_preferences","user_id":"11111111-1111-4111-8111-111111111111","notification_channel":"email","profile_visibility":"members"}
]'::jsonb)$$, 'the service applies every kind of write');
select lives_ok($$select public.onboarding_apply_writes('d2000000-0000-4000-8000-000000000001', '[
  {"kind":"user_onboarding","user_id":"22222222-2222-4222-8222-222222222222","flow_id":"user-profile","status":"in_progress",
   "current_step":1,"total_steps":5,"completed_steps":["profile"],"onboarding_data":{},"started_at":"2026-12-02T10:00:00Z",
   "completed_at":null,"skipped_at":null},
  {"kind":"user_profile","user_id":"22222222-2222-4222-8222-222222222222","full_name":"Bob","bio":"hi","avatar_path":null},
  {"kind":"user_skills","user_id":"22222222-2222-4222-8222-222222222222","skills":["Rust"]}
]'::jsonb)$$, 'and for a second user');

-- What the writes made
select results_eq($$select name, position from public.user_skills where user_id = '11111111-1111-4111-8111-111111111111' order by position$$,
  $$values ('Go', 0), ('SQL', 1)$$, 'skills are de-duplicated case-insensitively, first spelling kept, in order');
select results_eq($$select interest from public.user_interests where user_id = '11111111-1111-4111-8111-111111111111' order by interest$$,
  $$values ('music'), ('travel')$$, 'interests are a set');
select results_eq($$select kind, start_year, end_year from public.user_experience where user_id = '11111111-1111-4111-8111-111111111111' order by position$$,
  $$values ('work', 2015, null::integer), ('education', 2010, 2014)$$, 'experience entries keep their order; null end is "now"');
select results_eq($$select profile_completed, skills_added, interests_selected from public.user_onboarding where user_id = '11111111-1111-4111-8111-111111111111'$$,
  $$values (true, true, false)$$, 'the step flags follow completed_steps');
select lives_ok($$select public.onboarding_apply_writes('d1000000-0000-4000-8000-000000000001',
  '[{"kind":"user_skills","user_id":"11111111-1111-4111-8111-111111111111","skills":["Go","SQL","go"," sql "]}]'::jsonb)$$, 'applying the same skills again');
select results_eq($$select count(*)::int from public.user_skills where user_id = '11111111-1111-4111-8111-111111111111'$$,
  $$values (2)$$, 'twice is the same rows');
select throws_ok($$select public.onboarding_apply_writes('d1000000-0000-4000-8000-000000000001',
  '[{"kind":"user_pets","user_id":"11111111-1111-4111-8111-111111111111"}]'::jsonb)$$, '22023', null, 'an unknown kind raises');
select throws_ok($$select public.onboarding_apply_writes('d1000000-0000-4000-8000-000000000001', '[{"kind":"user_onboarding",
  "user_id":"22222222-2222-4222-8222-222222222222","flow_id":"user-profile","status":"in_progress","current_step":0,"total_steps":5,
  "completed_steps":[],"onboarding_data":{},"started_at":null,"completed_at":null,"skipped_at":null}]'::jsonb)$$, '23505', null,
  'another session cannot take over a user''s onboarding');
select throws_ok($$select public.onboarding_apply_writes('d1000000-0000-4000-8000-000000000001',
  '[{"kind":"user_experience","user_id":"11111111-1111-4111-8111-111111111111","entries":[{"kind":"work","title":"X","organisation":"Y","start_year":2015,"end_year":2010}]}]'::jsonb)$$,
  '23514', null, 'an entry that ends before it starts is refused');

-- Functions: service_role only
select ok(has_function_privilege('service_role', 'public.onboarding_apply_writes(uuid, jsonb)', 'execute'), 'service_role applies writes');
select ok(not has_function_privilege('authenticated', 'public.onboarding_apply_writes(uuid, jsonb)', 'execute'), 'authenticated cannot apply writes');
select ok(not has_function_privilege('anon', 'public.onboarding_apply_writes(uuid, jsonb)', 'execute'), 'anon cannot apply writes');
select ok(not has_function_privilege('authenticated', 'public.onboarding_user_status(uuid, text)', 'execute'), 'authenticated cannot call the status reader');
select ok(has_function_privilege('service_role', 'public.onboarding_user_records(uuid)', 'execute'), 'service_role reads a user''s records');

-- User 1
set local role authenticated;
select set_config('request.headers', '{}', true);
select set_config('request.jwt.claims', '{"role":"authenticated","sub":"11111111-1111-4111-8111-111111111111"}', true);
select results_eq('select user_id::text, status from public.user_onboarding',
  $$values ('11111111-1111-4111-8111-111111111111', 'in_progress')$$, 'user 1 reads their own onboarding, only');
select results_eq('select full_name from public.user_profiles', $$values ('Ana Lima')$$, 'user 1 reads their own profile, only');
select results_eq('select name from public.user_skills order by position', $$values ('Go'), ('SQL')$$, 'user 1 reads their own skills, only');
select throws_ok($$update public.user_onboarding set status = 'completed'$$, '42501', null, 'user 1 cannot set their onboarding status');
select throws_ok($$insert into public.user_onboarding (user_id, flow_id, status, total_steps)
  values ('11111111-1111-4111-8111-111111111111', 'other', 'completed', 5)$$, '42501', null, 'user 1 cannot insert a status row');
select lives_ok($$update public.user_profiles set bio = 'Designer'$$, 'user 1 edits their profile');
select lives_ok($$insert into public.user_skills (user_id, name, position) values ('11111111-1111-4111-8111-111111111111', 'Figma', 2)$$, 'user 1 adds a skill');
select lives_ok($$delete from public.user_interests where interest = 'travel'$$, 'user 1 removes an interest');
select lives_ok($$update public.user_preferences set profile_visibility = 'private'$$, 'user 1 changes a preference');
select throws_ok($$insert into public.user_skills (user_id, name) values ('22222222-2222-4222-8222-222222222222', 'Planted')$$,
  '42501', null, 'user 1 cannot add a skill to user 2');
select throws_ok($$insert into public.user_profiles (user_id, full_name) values ('22222222-2222-4222-8222-222222222222', 'Hijack')$$,
  '42501', null, 'user 1 cannot write user 2''s profile');
select lives_ok($$update public.user_profiles set full_name = 'Hijack' where user_id = '22222222-2222-4222-8222-222222222222'$$,
  'user 1 updating user 2''s profile matches no row');
select throws_ok($$update public.user_skills set user_id = '22222222-2222-4222-8222-222222222222'$$, '42501', null,
  'user 1 cannot give their rows to user 2');
select throws_ok($$update public.user_profiles set created_at = now() - interval '1 year'$$, '42501', null,
  'user 1 cannot set timestamps');
select throws_ok($$insert into public.user_skills (id, user_id, name) overriding system value values (999, '11111111-1111-4111-8111-111111111111', 'Id')$$,
  '42501', null, 'user 1 cannot choose ids');

-- User 2, and a token without sub
select set_config('request.jwt.claims', '{"role":"authenticated","sub":"22222222-2222-4222-8222-222222222222"}', true);
select results_eq('select name from public.user_skills', $$values ('Rust')$$, 'user 2 sees only their skills');
select is_empty('select 1 from public.user_experience', 'user 2 sees none of user 1''s experience');
select set_config('request.jwt.claims', '{"role":"authenticated"}', true);
select is_empty('select 1 from public.user_profiles', 'a token without sub sees no profile');

-- anon and the analyst reach nothing
reset role;
set local role anon;
select throws_ok('select * from public.user_onboarding', '42501', null, 'anon cannot read onboarding status');
select throws_ok('select * from public.user_profiles', '42501', null, 'anon cannot read profiles');
reset role;
select table_privs_are('public', 'user_skills', 'analyst', array[]::text[], 'the analyst has no privilege on user_skills');
select table_privs_are('public', 'user_onboarding', 'anon', array[]::text[], 'anon has no privilege on user_onboarding');

reset role;
select results_eq($$select full_name from public.user_profiles
  where user_id in ('11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222') order by full_name$$,
  $$values ('Ana Lima'), ('Bob')$$,
  'user 2''s profile was not changed');

select * from finish();
rollback;
