-- Practitioner onboarding (issue 17, flows/practitioner-onboarding.yaml). The product's reporting SQL reads
-- these tables and columns by name: keep them.
-- 1. practitioners: one row per phone number (E.164), the calling team's record (imported) and the onboarding
--    flags (crm_*). user_id links a Supabase user when there is one.
-- 2. One table per step group, one row per practitioner, written as the group completes (in the turn's
--    transaction, through onboarding_apply_writes): facilitator_basic_info, facilitator_visual_profile,
--    facilitator_professional_details, facilitator_bio_about, facilitator_experience_certifications.
-- 3. offerings: created by the product later; here for the funnel ("has an active offering") and its RLS.
-- 4. practitioner_onboarding: which session is a practitioner's onboarding (one per practitioner) and where it
--    stands; the service's, like user_onboarding.
-- A practitioner (authenticated, linked by practitioners.user_id) reads and writes their own rows; the import
-- and the service run as service_role; analysts read the aggregate views only (20261206100030).

create table public.practitioners (
  id uuid primary key default gen_random_uuid(),
  phone_number text not null unique check (phone_number ~ '^\+[1-9][0-9]{6,14}$'),
  name text check (char_length(name) <= 200),
  email text check (char_length(email) <= 320),
  practice_type text check (char_length(practice_type) <= 100),
  location text check (char_length(location) <= 200),
  is_contacted boolean not null default false,
  contact_status text check (char_length(contact_status) <= 100),
  user_id uuid unique,
  crm_onboarding_completed boolean not null default false,
  crm_first_login_date timestamptz,
  crm_onboarding_completed_date timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (not crm_onboarding_completed or crm_onboarding_completed_date is not null)
);
comment on table public.practitioners is
  'A practitioner, keyed by phone number (E.164): the calling team''s record (name, email, practice_type, location, is_contacted, contact_status; imported) and the onboarding flags.';
comment on column public.practitioners.crm_first_login_date is 'The first successful verification of the phone; set once, never moved.';
create index idx_practitioners_crm_onboarding on public.practitioners (crm_onboarding_completed);
create index idx_practitioners_crm_first_login on public.practitioners (crm_first_login_date);
create trigger practitioners_updated_at before update on public.practitioners
  for each row execute function public.set_updated_at();

create table public.facilitator_basic_info (
  id uuid primary key default gen_random_uuid(),
  practitioner_id uuid not null unique references public.practitioners (id) on delete cascade,
  first_name text not null check (char_length(first_name) between 1 and 100),
  last_name text not null check (char_length(last_name) between 1 and 100),
  email text not null check (char_length(email) between 3 and 320),
  location text not null check (char_length(location) between 1 and 200),
  country text check (char_length(country) <= 2),
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  time_zone text check (char_length(time_zone) <= 64),
  phone_number text not null check (phone_number ~ '^\+[1-9][0-9]{6,14}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.facilitator_basic_info is 'Step group 1 of the practitioner onboarding: name, email, where they practise (coordinates, time zone), phone.';

create table public.facilitator_visual_profile (
  id uuid primary key default gen_random_uuid(),
  practitioner_id uuid not null unique references public.practitioners (id) on delete cascade,
  photo_path text not null check (char_length(photo_path) between 1 and 500),
  photo_content_type text check (photo_content_type in ('image/jpeg', 'image/png', 'image/webp')),
  brand_color text check (brand_color ~ '^#[0-9a-f]{6}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.facilitator_visual_profile is 'Step group 2: the photo (a path in the image store, never the bytes) and an optional brand colour (#rrggbb).';

create table public.facilitator_professional_details (
  id uuid primary key default gen_random_uuid(),
  practitioner_id uuid not null unique references public.practitioners (id) on delete cascade,
  practice_type text not null check (char_length(practice_type) between 1 and 100),
  modalities text[] not null check (cardinality(modalities) between 1 and 20),
  years_of_experience integer not null check (years_of_experience between 0 and 80),
  languages text[] not null check (cardinality(languages) between 1 and 20),
  session_format text not null check (session_format in ('in_person', 'online', 'both')),
  price_range text not null check (price_range in ('under_50', '50_100', '100_150', 'over_150')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.facilitator_professional_details is 'Step group 3: practice type, modalities (multi-select), years of experience, languages, session format, price range (per session, in the marketplace currency).';

create table public.facilitator_bio_about (
  id uuid primary key default gen_random_uuid(),
  practitioner_id uuid not null unique references public.practitioners (id) on delete cascade,
  headline text not null check (char_length(headline) between 1 and 120),
  bio text not null check (char_length(bio) between 1 and 2000),
  first_session text not null check (char_length(first_session) between 1 and 1000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.facilitator_bio_about is 'Step group 4: headline, bio, what a first session looks like.';

create table public.facilitator_experience_certifications (
  id uuid primary key default gen_random_uuid(),
  practitioner_id uuid not null unique references public.practitioners (id) on delete cascade,
  certifications jsonb not null default '[]'::jsonb check (jsonb_typeof(certifications) = 'array'),
  experience jsonb not null default '[]'::jsonb check (jsonb_typeof(experience) = 'array'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.facilitator_experience_certifications is
  'Step group 5 (completing it completes the onboarding): certifications [{name, issuer, year}] and experience [{title, organisation, start_year, end_year|null}], in the order given.';

create trigger facilitator_basic_info_updated_at before update on public.facilitator_basic_info
  for each row execute function public.set_updated_at();
create trigger facilitator_visual_profile_updated_at before update on public.facilitator_visual_profile
  for each row execute function public.set_updated_at();
create trigger facilitator_professional_details_updated_at before update on public.facilitator_professional_details
  for each row execute function public.set_updated_at();
create trigger facilitator_bio_about_updated_at before update on public.facilitator_bio_about
  for each row execute function public.set_updated_at();
create trigger facilitator_experience_certifications_updated_at before update on public.facilitator_experience_certifications
  for each row execute function public.set_updated_at();

create table public.offerings (
  id uuid primary key default gen_random_uuid(),
  practitioner_id uuid not null references public.practitioners (id) on delete cascade,
  title text not null check (char_length(title) between 1 and 200),
  is_active boolean not null default true,
  created_at timestamptz not null default now()
);
comment on table public.offerings is 'What a practitioner offers (created by the product after onboarding); the funnel counts practitioners with an active one.';
create index offerings_practitioner_idx on public.offerings (practitioner_id) where is_active;

create table public.practitioner_onboarding (
  practitioner_id uuid primary key references public.practitioners (id) on delete cascade,
  flow_id text not null check (char_length(flow_id) between 1 and 100),
  session_id uuid references public.instant_onboarding_sessions (id) on delete set null,
  status text not null check (status in ('in_progress', 'completed')),
  current_step integer not null default 0 check (current_step >= 0),
  total_steps integer not null check (total_steps >= 0),
  completed_steps text[] not null default '{}',
  started_at timestamptz not null default now(),
  completed_at timestamptz,
  updated_at timestamptz not null default now()
);
comment on table public.practitioner_onboarding is
  'The session that is a practitioner''s onboarding (one per practitioner, from any channel) and where it stands; written by every turn of that session.';
create index practitioner_onboarding_session_idx on public.practitioner_onboarding (session_id);
create trigger practitioner_onboarding_updated_at before update on public.practitioner_onboarding
  for each row execute function public.set_updated_at();

-- Never a completed flag without the five rows: checked at commit, so the flag and group 5 may be written in
-- either order within the turn's transaction.
create function onboarding_private.practitioner_completion_check() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.crm_onboarding_completed and not (
    exists (select from public.facilitator_basic_info t where t.practitioner_id = new.id)
    and exists (select from public.facilitator_visual_profile t where t.practitioner_id = new.id)
    and exists (select from public.facilitator_professional_details t where t.practitioner_id = new.id)
    and exists (select from public.facilitator_bio_about t where t.practitioner_id = new.id)
    and exists (select from public.facilitator_experience_certifications t where t.practitioner_id = new.id)
  ) then
    raise exception using errcode = '23514', message = 'a practitioner''s onboarding is completed only with its five step groups stored';
  end if;
  return null;
end $$;
revoke execute on function onboarding_private.practitioner_completion_check() from public, anon, authenticated;
create constraint trigger practitioners_completed_with_groups after insert or update of crm_onboarding_completed
  on public.practitioners deferrable initially deferred
  for each row when (new.crm_onboarding_completed) execute function onboarding_private.practitioner_completion_check();

-- Row-level security.
alter table public.practitioners enable row level security;
alter table public.facilitator_basic_info enable row level security;
alter table public.facilitator_visual_profile enable row level security;
alter table public.facilitator_professional_details enable row level security;
alter table public.facilitator_bio_about enable row level security;
alter table public.facilitator_experience_certifications enable row level security;
alter table public.offerings enable row level security;
alter table public.practitioner_onboarding enable row level security;

revoke all on public.practitioners, public.facilitator_basic_info, public.facilitator_visual_profile,
  public.facilitator_professional_details, public.facilitator_bio_about, public.facilitator_experience_certifications,
  public.offerings, public.practitioner_onboarding from public, anon, authenticated;
grant select, insert, update, delete on public.practitioners, public.facilitator_basic_info, public.facilitator_visual_profile,
  public.facilitator_professional_details, public.facilitator_bio_about, public.facilitator_experience_certifications,
  public.offerings, public.practitioner_onboarding to service_role;

-- The practitioner ids a signed-in user is (0 or 1). SECURITY DEFINER so that the policies of the group tables
-- do not depend on the caller's grants on practitioners; it reads nothing but the caller's own link.
create function onboarding_private.my_practitioner_ids() returns setof uuid
language sql stable
security definer
set search_path = ''
as $$
  select p.id from public.practitioners p where p.user_id = (select auth.uid())
$$;
revoke execute on function onboarding_private.my_practitioner_ids() from public, anon;
grant execute on function onboarding_private.my_practitioner_ids() to authenticated;

-- Their own record: readable; the contact fields and flags are the calling team's and the service's, so a
-- practitioner may change only what they would correct themselves.
grant select on public.practitioners to authenticated;
grant update (name, email, location) on public.practitioners to authenticated;
create policy "practitioners read their own record" on public.practitioners
  for select to authenticated using (user_id = (select auth.uid()));
create policy "practitioners correct their own record" on public.practitioners
  for update to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

grant select on public.practitioner_onboarding to authenticated;
create policy "practitioners read their own onboarding" on public.practitioner_onboarding
  for select to authenticated using (practitioner_id in (select onboarding_private.my_practitioner_ids()));

-- The five group tables and offerings: read and write their own rows (no ids or timestamps: column grants).
grant select, delete on public.facilitator_basic_info, public.facilitator_visual_profile, public.facilitator_professional_details,
  public.facilitator_bio_about, public.facilitator_experience_certifications, public.offerings to authenticated;
grant insert (practitioner_id, first_name, last_name, email, location, country, latitude, longitude, time_zone, phone_number),
  update (first_name, last_name, email, location, country, latitude, longitude, time_zone, phone_number)
  on public.facilitator_basic_info to authenticated;
grant insert (practitioner_id, photo_path, photo_content_type, brand_color), update (photo_path, photo_content_type, brand_color)
  on public.facilitator_visual_profile to authenticated;
grant insert (practitioner_id, practice_type, modalities, years_of_experience, languages, session_format, price_range),
  update (practice_type, modalities, years_of_experience, languages, session_format, price_range)
  on public.facilitator_professional_details to authenticated;
grant insert (practitioner_id, headline, bio, first_session), update (headline, bio, first_session)
  on public.facilitator_bio_about to authenticated;
grant insert (practitioner_id, certifications, experience), update (certifications, experience)
  on public.facilitator_experience_certifications to authenticated;
grant insert (practitioner_id, title, is_active), update (title, is_active) on public.offerings to authenticated;
create policy "practitioners manage their basic info" on public.facilitator_basic_info for all to authenticated
  using (practitioner_id in (select onboarding_private.my_practitioner_ids()))
  with check (practitioner_id in (select onboarding_private.my_practitioner_ids()));
create policy "practitioners manage their visual profile" on public.facilitator_visual_profile for all to authenticated
  using (practitioner_id in (select onboarding_private.my_practitioner_ids()))
  with check (practitioner_id in (select onboarding_private.my_practitioner_ids()));
create policy "practitioners manage their professional details" on public.facilitator_professional_details for all to authenticated
  using (practitioner_id in (select onboarding_private.my_practitioner_ids()))
  with check (practitioner_id in (select onboarding_private.my_practitioner_ids()));
create policy "practitioners manage their bio" on public.facilitator_bio_about for all to authenticated
  using (practitioner_id in (select onboarding_private.my_practitioner_ids()))
  with check (practitioner_id in (select onboarding_private.my_practitioner_ids()));
create policy "practitioners manage their experience and certifications" on public.facilitator_experience_certifications
  for all to authenticated
  using (practitioner_id in (select onboarding_private.my_practitioner_ids()))
  with check (practitioner_id in (select onboarding_private.my_practitioner_ids()));
create policy "practitioners manage their offerings" on public.offerings for all to authenticated
  using (practitioner_id in (select onboarding_private.my_practitioner_ids()))
  with check (practitioner_id in (select onboarding_private.my_practitioner_ids()));
