-- Demo data for the analytics views: 400 instant-birth-chart sessions over the last 28 days, across the four
-- channels, both languages and every status a finished or abandoned conversation has, with the events the
-- service writes (prompts, rejected and accepted answers) and profiles with engagement flags.
-- Deterministic: every value comes from a hash of the row number, so each `supabase db reset` draws the same
-- picture (dates move with today). Visitors' keys are 'demo-key-<n>' (send `x-session-key: demo-key-1` as anon).
-- Demo sessions carry no snapshot, so the service cannot continue them; they are for the dashboards.
-- Incomplete anonymous ones older than 7 days are what the cleanup job removes. At the end: 200 signed-in users'
-- onboarding of the user-profile flow.

create temporary table demo_sessions as
with draws as (
  select i,
    abs(hashtext('channel:' || i)) % 100 as r_channel,
    abs(hashtext('language:' || i)) % 100 as r_language,
    abs(hashtext('status:' || i)) % 100 as r_status,
    abs(hashtext('reach:' || i)) % 4 + 1 as r_reach,
    abs(hashtext('clock:' || i)) % 72000 as r_clock,
    abs(hashtext('viewed:' || i)) % 100 as r_viewed,
    abs(hashtext('shared:' || i)) % 100 as r_shared,
    abs(hashtext('converted:' || i)) % 100 as r_converted
  from generate_series(1, 400) as i
)
select i,
  md5('demo-session:' || i)::uuid as id,
  (case when r_channel < 45 then 'web' when r_channel < 75 then 'whatsapp' when r_channel < 90 then 'sms' else 'voice' end)::public.onboarding_channel as channel,
  case when r_language < 65 then 'en' else 'es' end as language,
  (case when r_status < 55 then 'completed' when r_status < 80 then 'collecting_data' when r_status < 92 then 'started' else 'failed' end)::public.session_status as status,
  -- Steps asked: all four when the conversation reached the end, else where the visitor stopped.
  case when r_status < 55 or r_status >= 92 then 4 when r_status < 80 then r_reach else 1 end as reached,
  date_trunc('day', now()) - (i % 28) * interval '1 day' + r_clock * interval '1 second' as created_at,
  r_viewed < 80 as viewed,
  r_viewed < 80 and r_shared < 30 as shared,
  r_viewed < 80 and r_converted < 15 as converted
from draws;

-- Today's sessions must not start in the future.
update demo_sessions set created_at = now() - interval '2 hours' where created_at > now() - interval '2 hours';

create temporary table demo_steps as
select d.i, d.id, st.k, st.step,
  st.k < d.reached or d.status in ('completed', 'failed') as answered,
  abs(hashtext('reject:' || d.i || st.step)) % 100 < st.reject_percent as rejected,
  (st.base_seconds + abs(hashtext('seconds:' || d.i || st.step)) % st.spread_seconds) * interval '1 second' as took
from demo_sessions d
join (values (1, 'name', 3, 4, 15), (2, 'birth_date', 15, 8, 30), (3, 'birth_time', 25, 10, 50), (4, 'birth_place', 20, 8, 40))
  as st (k, step, reject_percent, base_seconds, spread_seconds) on st.k <= d.reached;

-- Each step is prompted when the previous one is accepted (the same turn).
alter table demo_steps add column prompted_at timestamptz;
update demo_steps t set prompted_at = d.created_at + coalesce(
  (select sum(p.took) from demo_steps p where p.i = t.i and p.k < t.k), interval '0')
from demo_sessions d where d.i = t.i;

insert into public.instant_onboarding_sessions (
  id, session_key, user_id, phone_number, channel, language, collected_data, status, chart_generated,
  flow_id, flow_version, current_step, created_at, updated_at, completed_at, last_inbound_at
)
select d.id,
  encode(sha256(convert_to('demo-key-' || d.i, 'UTF8')), 'hex'),
  case when d.status = 'completed' and d.converted then md5('demo-user:' || d.i)::uuid end,
  case when d.channel in ('whatsapp', 'sms') then '+3460000' || lpad(d.i::text, 4, '0') end,
  d.channel, d.language,
  jsonb_strip_nulls(jsonb_build_object(
    'name', case when a.answered >= 1 then (array['Maria', 'Pedro', 'Ana', 'Luis', 'Sofia', 'Diego', 'Emma', 'Noah', 'Lucia', 'Omar'])[d.i % 10 + 1] end,
    'birth_date', case when a.answered >= 2 then to_char(date '1970-01-01' + (d.i * 37 % 12000), 'YYYY-MM-DD') end,
    'birth_time', case when a.answered >= 3 then lpad((d.i % 24)::text, 2, '0') || ':' || lpad((d.i * 7 % 60)::text, 2, '0') end,
    'birth_place', case when a.answered >= 4 then (array['Madrid', 'Mexico City', 'London', 'Buenos Aires', 'New York', 'Lima'])[d.i % 6 + 1] end)),
  d.status, d.status = 'completed', 'instant-birth-chart', 1,
  case when d.status in ('started', 'collecting_data') then (select s.step from demo_steps s where s.i = d.i and s.k = d.reached) end,
  d.created_at,
  coalesce(a.last_at, d.created_at), -- never answered: last touched when it started
  case when d.status = 'completed' then a.last_at end,
  case when a.answered > 0 then a.last_at end
from demo_sessions d
join lateral (
  select count(*) filter (where s.answered) as answered,
    -- completion: 4 s after the last answer, the time the chart took
    max(s.prompted_at + s.took) filter (where s.answered) + case when d.status = 'completed' then interval '4 seconds' else interval '0' end as last_at
  from demo_steps s where s.i = d.i
) a on true;

insert into public.onboarding_events (session_id, occurred_at, kind, step, channel, payload)
select e.session_id, e.occurred_at, e.kind, e.step, e.channel, e.payload
from (
  select d.id as session_id, d.created_at as occurred_at, 'session_started' as kind, null as step, d.channel,
         jsonb_build_object('flow', 'instant-birth-chart', 'flow_version', 1) as payload, 0 as k, 0 as seq
  from demo_sessions d
  union all
  select s.id, s.prompted_at, 'step_prompted', s.step, d.channel, '{}'::jsonb, s.k, 1
  from demo_steps s join demo_sessions d using (i)
  union all
  select s.id, s.prompted_at + s.took * 0.4, 'answer_rejected', s.step, d.channel, '{"reason":"demo"}'::jsonb, s.k, 2
  from demo_steps s join demo_sessions d using (i) where s.rejected
  union all
  select s.id, s.prompted_at + s.took * 0.4, 'step_prompted', s.step, d.channel, '{}'::jsonb, s.k, 3
  from demo_steps s join demo_sessions d using (i) where s.rejected
  union all
  select s.id, s.prompted_at + s.took, 'answer_accepted', s.step, d.channel, '{"skipped":false}'::jsonb, s.k, 4
  from demo_steps s join demo_sessions d using (i) where s.answered
) e
order by e.session_id, e.k, e.seq;

insert into public.instant_onboarding_profiles (session_id, user_id, kind, profile_data, viewed_chart, shared_chart, converted_to_full_user, created_at)
select s.id, s.user_id, 'birth-chart',
  jsonb_build_object('kind', 'birth-chart', 'sun', (array['Aries', 'Taurus', 'Gemini', 'Cancer', 'Leo', 'Virgo', 'Libra', 'Scorpio', 'Sagittarius', 'Capricorn', 'Aquarius', 'Pisces'])[d.i % 12 + 1]),
  d.viewed, d.shared, d.converted, s.completed_at
from demo_sessions d join public.instant_onboarding_sessions s on s.id = d.id
where d.status = 'completed';

drop table demo_steps;
drop table demo_sessions;

-- Signed-in users' onboarding (flows/user-profile.yaml): 200 users, 60% completed, 20% in progress at every
-- step, 10% not started (a status row the product made at sign-up, no session), 10% skipped part-way; over the
-- API (a product's form), the widget, WhatsApp and SMS, in three languages, with the events the service writes
-- (so the funnel and the time per step show) and the product's rows of every completed step. User ids are
-- md5('demo-user:<n>'); sign in as one with `npm run token -- <that uuid>`.
create temporary table demo_users as
with draws as (
  select i,
    abs(hashtext('u-status:' || i)) % 100 as r_status,
    abs(hashtext('u-reach:' || i)) % 4 as r_reach,
    abs(hashtext('u-channel:' || i)) % 100 as r_channel,
    abs(hashtext('u-language:' || i)) % 100 as r_language,
    abs(hashtext('u-clock:' || i)) % 72000 as r_clock
  from generate_series(1, 200) as i
)
select i,
  md5('demo-user:' || i)::uuid as user_id,
  md5('demo-user-session:' || i)::uuid as session_id,
  case when r_status < 60 then 'completed' when r_status < 80 then 'in_progress' when r_status < 90 then 'not_started' else 'skipped' end as status,
  -- Groups done: all five, or where the person stopped (in progress: 1 to 4; skipped: 0 to 3).
  case when r_status < 60 then 5 when r_status < 80 then r_reach + 1 when r_status < 90 then 0 else r_reach end as groups_done,
  (case when r_channel < 40 then 'api' when r_channel < 85 then 'web' when r_channel < 95 then 'whatsapp' else 'sms' end)::public.onboarding_channel as channel,
  case when r_language < 60 then 'en' when r_language < 85 then 'es' else 'fr' end as language,
  date_trunc('day', now()) - (i % 28) * interval '1 day' + r_clock * interval '1 second' as created_at
from draws;
update demo_users set created_at = now() - interval '3 hours' where created_at > now() - interval '3 hours';

-- The flow's seven questions in their five groups, with how long each takes (base + spread, seconds).
create temporary table demo_user_steps as
select u.i, u.session_id, st.k, st.step, st.grp,
  st.grp < u.groups_done as answered,
  (st.base_seconds + abs(hashtext('u-seconds:' || u.i || st.step)) % st.spread_seconds) * interval '1 second' as took
from demo_users u
join (values (1, 'full_name', 0, 5, 15), (2, 'bio', 0, 10, 40), (3, 'skills', 1, 15, 45), (4, 'interests', 2, 8, 20),
             (5, 'experience', 3, 40, 120), (6, 'notification_channel', 4, 4, 10), (7, 'profile_visibility', 4, 4, 10))
  as st (k, step, grp, base_seconds, spread_seconds)
  on st.grp <= u.groups_done and st.grp < 5
where u.status <> 'not_started';
alter table demo_user_steps add column prompted_at timestamptz;
update demo_user_steps t set prompted_at = u.created_at + coalesce(
  (select sum(p.took) from demo_user_steps p where p.i = t.i and p.k < t.k), interval '0')
from demo_users u where u.i = t.i;

insert into public.instant_onboarding_sessions (
  id, session_key, user_id, channel, language, collected_data, status, flow_id, flow_version, current_step,
  created_at, updated_at, completed_at, last_inbound_at
)
select u.session_id,
  encode(sha256(convert_to('demo-user-key-' || u.i, 'UTF8')), 'hex'),
  u.user_id, u.channel, u.language,
  jsonb_strip_nulls(jsonb_build_object(
    'full_name', case when u.groups_done >= 1 then (array['Maria Lopez', 'Ana Lima', 'Sam Doe', 'Lucía Gómez', 'Camille Martin'])[u.i % 5 + 1] end,
    'skills', case when u.groups_done >= 2 then '["Python", "SQL"]'::jsonb end,
    'interests', case when u.groups_done >= 3 then '["technology", "travel"]'::jsonb end,
    'notification_channel', case when u.groups_done >= 5 then 'email' end,
    'profile_visibility', case when u.groups_done >= 5 then 'members' end)),
  (case u.status when 'completed' then 'completed' when 'skipped' then 'skipped' else 'collecting_data' end)::public.session_status,
  'user-profile', 1,
  case when u.status = 'in_progress' then (select s.step from demo_user_steps s where s.i = u.i and not s.answered order by s.k limit 1) end,
  u.created_at, a.last_at,
  case when u.status = 'completed' then a.last_at end,
  a.last_at
from demo_users u
join lateral (
  select coalesce(max(s.prompted_at + s.took) filter (where s.answered), u.created_at) + case when u.status = 'skipped' then interval '20 seconds' else interval '0' end as last_at
  from demo_user_steps s where s.i = u.i
) a on true
where u.status <> 'not_started';

insert into public.onboarding_events (session_id, occurred_at, kind, step, channel, payload)
select e.session_id, e.occurred_at, e.kind, e.step, e.channel, e.payload
from (
  select u.session_id, u.created_at as occurred_at, 'session_started' as kind, null as step, u.channel,
         jsonb_build_object('flow', 'user-profile', 'flow_version', 1) as payload, 0 as k, 0 as seq
  from demo_users u where u.status <> 'not_started'
  union all
  select s.session_id, s.prompted_at, 'step_prompted', s.step, u.channel, '{}'::jsonb, s.k, 1
  from demo_user_steps s join demo_users u using (i)
  union all
  select s.session_id, s.prompted_at + s.took, 'answer_accepted', s.step, u.channel,
         jsonb_build_object('skipped', s.step = 'bio' and s.i % 3 = 0), s.k, 2
  from demo_user_steps s join demo_users u using (i) where s.answered
  union all
  select u.session_id, s.session_last, 'status_changed', null, u.channel,
         jsonb_build_object('from', 'collecting_data', 'to', case u.status when 'completed' then 'completed' else 'skipped' end), 9, 9
  from demo_users u
  join lateral (select max(x.prompted_at + x.took) + interval '1 second' as session_last from demo_user_steps x where x.i = u.i) s on true
  where u.status in ('completed', 'skipped')
) e
order by e.session_id, e.k, e.seq;

insert into public.user_onboarding (
  user_id, flow_id, session_id, status, current_step, total_steps, completed_steps, onboarding_data,
  started_at, completed_at, skipped_at, created_at
)
select u.user_id, 'user-profile', case when u.status <> 'not_started' then u.session_id end, u.status,
  u.groups_done, 5,
  (array['profile', 'skills', 'interests', 'experience', 'preferences'])[1:u.groups_done],
  coalesce(s.collected_data, '{}'::jsonb),
  case when u.status <> 'not_started' then u.created_at end,
  s.completed_at,
  case when u.status = 'skipped' then s.updated_at end,
  u.created_at - interval '1 minute'
from demo_users u left join public.instant_onboarding_sessions s on s.id = u.session_id;

insert into public.user_profiles (user_id, full_name, bio, created_at)
select u.user_id, (array['Maria Lopez', 'Ana Lima', 'Sam Doe', 'Lucía Gómez', 'Camille Martin'])[u.i % 5 + 1],
  case when u.i % 3 <> 0 then 'Demo bio ' || u.i end, u.created_at
from demo_users u where u.groups_done >= 1;
insert into public.user_skills (user_id, name, position)
select u.user_id, sk.name, sk.position from demo_users u cross join (values ('Python', 0), ('SQL', 1)) as sk (name, position)
where u.groups_done >= 2;
insert into public.user_interests (user_id, interest)
select u.user_id, it.interest from demo_users u cross join (values ('technology'), ('travel')) as it (interest)
where u.groups_done >= 3;
insert into public.user_experience (user_id, position, kind, title, organisation, start_year, end_year)
select u.user_id, 0, 'work', 'Engineer', 'Demo Inc', 2010 + u.i % 10, null from demo_users u where u.groups_done >= 4;
insert into public.user_preferences (user_id, notification_channel, profile_visibility)
select u.user_id, 'email', 'members' from demo_users u where u.groups_done >= 5;

drop table demo_user_steps;
drop table demo_users;
