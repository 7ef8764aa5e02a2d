-- A new customer's workspace (issue 18): organizations (tenants), their projects, memberships and onboarding
-- checklist, provisioned in one transaction at once for a trial or when Stripe reports the first invoice paid;
-- Stripe events recorded by id with their effect. A user sees only the organizations they belong to (RLS);
-- every write goes through the service (service_role) and the SQL functions below.

create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(btrim(name)) between 1 and 120),
  created_by uuid not null,
  stripe_customer_id text unique,
  stripe_subscription_id text unique,
  stripe_subscription_status text,
  is_on_trial boolean not null default false,
  trial_ends_at timestamptz,
  trial_reminder_sent_at timestamptz,
  provisioned_at timestamptz,
  provisioned_by text check (provisioned_by in ('trial', 'payment')),
  provisioning_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.organizations is
  'A customer''s workspace (tenant). Created by the workspace flow (id = the onboarding session''s id) or POST /organizations/new; provisioned_at is set once, by a trial or the first paid invoice.';

create table public.projects (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null references public.organizations (id) on delete cascade,
  name text not null,
  is_default boolean not null default false,
  created_at timestamptz not null default now()
);
comment on table public.projects is 'Projects of an organization; provisioning creates the default "Getting Started" once.';
create unique index projects_one_default on public.projects (organization_id) where is_default;

create table public.memberships (
  organization_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null,
  role text not null check (role in ('admin', 'member')),
  created_at timestamptz not null default now(),
  primary key (organization_id, user_id)
);
comment on table public.memberships is 'Who belongs to an organization, and as what: membership decides what a signed-in user may read.';
create index memberships_user_idx on public.memberships (user_id);

create table public.onboarding_checklists (
  id uuid primary key default gen_random_uuid(),
  organization_id uuid not null unique references public.organizations (id) on delete cascade,
  invited_team_member boolean not null default false, invited_team_member_at timestamptz,
  created_project boolean not null default false, created_project_at timestamptz,
  created_time_entry boolean not null default false, created_time_entry_at timestamptz,
  set_working_hours boolean not null default false, set_working_hours_at timestamptz,
  created_client boolean not null default false, created_client_at timestamptz,
  customized_settings boolean not null default false, customized_settings_at timestamptz,
  added_billing_info boolean not null default false, added_billing_info_at timestamptz,
  generated_report boolean not null default false, generated_report_at timestamptz,
  completed boolean not null default false, completed_at timestamptz,
  dismissed boolean not null default false, dismissed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.onboarding_checklists is 'The eight-task onboarding checklist of an organization; completed when all eight are done.';

-- Every Stripe event handled, recorded in the transaction of its effect: a redelivery changes nothing.
create table public.stripe_events (
  id text primary key,
  type text not null,
  organization_id uuid references public.organizations (id) on delete set null,
  received_at timestamptz not null default now()
);
comment on table public.stripe_events is 'Stripe events by id, written with their effect; a second delivery of one finds its row and does nothing.';

create trigger organizations_updated_at before update on public.organizations for each row execute function public.set_updated_at();
create trigger onboarding_checklists_updated_at before update on public.onboarding_checklists for each row execute function public.set_updated_at();

-- Membership test for policies: security definer so a policy on memberships can use it without recursion.
create function onboarding_private.is_member_of(p_organization_id uuid) returns boolean
language sql stable
security definer
set search_path = ''
as $$
  select exists (select from public.memberships m where m.organization_id = p_organization_id and m.user_id = auth.uid())
$$;
revoke execute on function onboarding_private.is_member_of(uuid) from public;
grant execute on function onboarding_private.is_member_of(uuid) to authenticated, service_role;

alter table public.organizations enable row level security;
alter table public.projects enable row level security;
alter table public.memberships enable row level security;
alter table public.onboarding_checklists enable row level security;
alter table public.stripe_events enable row level security;
revoke all on public.organizations, public.projects, public.memberships, public.onboarding_checklists, public.stripe_events
  from public, anon, authenticated;
grant select, insert, update, delete on public.organizations, public.projects, public.memberships, public.onboarding_checklists,
  public.stripe_events to service_role;
-- Members read their organizations and what belongs to them; writes go through the service.
grant select on public.organizations, public.projects, public.memberships, public.onboarding_checklists to authenticated;
create policy organizations_member_read on public.organizations for select to authenticated using (onboarding_private.is_member_of(id));
create policy projects_member_read on public.projects for select to authenticated using (onboarding_private.is_member_of(organization_id));
create policy memberships_member_read on public.memberships for select to authenticated using (onboarding_private.is_member_of(organization_id));
create policy checklists_member_read on public.onboarding_checklists for select to authenticated using (onboarding_private.is_member_of(organization_id));

-- Provisions an organization: the default project, the admin's membership, the checklist, and the trial or the
-- payment that triggered it. Idempotent: a second call (a second invoice.paid, a retried turn) creates nothing
-- and leaves provisioned_at as it was. p: organization_id, name, user_id, trigger (trial | payment),
-- trial_ends_at (trial only). Creates the organization row when missing. Returns whether it provisioned now.
create function public.workspace_provision(p jsonb) returns boolean
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_org uuid := (p ->> 'organization_id')::uuid;
  v_user uuid := (p ->> 'user_id')::uuid;
  v_trigger text := p ->> 'trigger';
  v_done timestamptz;
begin
  if v_trigger not in ('trial', 'payment') then
    raise exception using errcode = '22023', message = 'provisioning trigger must be trial or payment';
  end if;
  if p ? 'name' then
    insert into public.organizations (id, name, created_by) values (v_org, p ->> 'name', v_user) on conflict (id) do nothing;
  end if;
  select provisioned_at into v_done from public.organizations where id = v_org for update;
  if not found then
    raise exception using errcode = '22023', message = 'no such organization to provision';
  end if;
  insert into public.memberships (organization_id, user_id, role)
  select v_org, o.created_by, 'admin' from public.organizations o where o.id = v_org
  on conflict (organization_id, user_id) do nothing;
  if v_done is not null then
    return false;
  end if;
  insert into public.projects (organization_id, name, is_default) values (v_org, 'Getting Started', true)
  on conflict (organization_id) where is_default do nothing;
  insert into public.onboarding_checklists (organization_id) values (v_org) on conflict (organization_id) do nothing;
  update public.organizations set
    provisioned_at = now(), provisioned_by = v_trigger,
    is_on_trial = (v_trigger = 'trial'),
    trial_ends_at = case when v_trigger = 'trial' then (p ->> 'trial_ends_at')::timestamptz else trial_ends_at end
  where id = v_org;
  return true;
end $$;
revoke execute on function public.workspace_provision(jsonb) from public, anon, authenticated;
grant execute on function public.workspace_provision(jsonb) to service_role;

-- Creates an organization waiting for its first payment (no project yet), with its admin. Idempotent by id.
create function public.workspace_create_pending(p jsonb) returns void
language sql
security invoker
set search_path = ''
as $$
  insert into public.organizations (id, name, created_by) values ((p ->> 'organization_id')::uuid, p ->> 'name', (p ->> 'user_id')::uuid)
  on conflict (id) do nothing;
  insert into public.memberships (organization_id, user_id, role)
  values ((p ->> 'organization_id')::uuid, (p ->> 'user_id')::uuid, 'admin') on conflict do nothing;
$$;
revoke execute on function public.workspace_create_pending(jsonb) from public, anon, authenticated;
grant execute on function public.workspace_create_pending(jsonb) to service_role;

-- Applies one Stripe event, once: records its id and its effect in this transaction. p: id, type,
-- organization_id, customer_id, subscription_id, status (the subscription's status as read from Stripe).
-- invoice.paid -> active, provisioned by payment if not provisioned yet; invoice.payment_failed -> past_due;
-- customer.subscription.updated / deleted -> the status read; trial_will_end -> nothing here (the service sends
-- the reminder). Returns 'duplicate', 'unknown_organization' or 'applied' (with 'provisioned' when it did).
create function public.billing_apply_stripe_event(p jsonb) returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_org uuid;
  v_provisioned boolean := false;
begin
  select o.id into v_org from public.organizations o
  where o.id = (p ->> 'organization_id')::uuid or (p ->> 'customer_id' is not null and o.stripe_customer_id = p ->> 'customer_id')
  limit 1;
  insert into public.stripe_events (id, type, organization_id) values (p ->> 'id', p ->> 'type', v_org)
  on conflict (id) do nothing;
  if not found then
    return jsonb_build_object('outcome', 'duplicate');
  end if;
  if v_org is null then
    return jsonb_build_object('outcome', 'unknown_organization');
  end if;
  update public.organizations set
    stripe_customer_id = coalesce(stripe_customer_id, p ->> 'customer_id'),
    stripe_subscription_id = coalesce(p ->> 'subscription_id', stripe_subscription_id),
    stripe_subscription_status = case p ->> 'type'
      when 'invoice.paid' then 'active'
      when 'invoice.payment_failed' then 'past_due'
      when 'customer.subscription.updated' then coalesce(p ->> 'status', stripe_subscription_status)
      when 'customer.subscription.deleted' then 'canceled'
      else stripe_subscription_status end,
    is_on_trial = case when p ->> 'type' = 'invoice.paid' then false else is_on_trial end
  where id = v_org;
  if p ->> 'type' = 'invoice.paid' then
    v_provisioned := public.workspace_provision(jsonb_build_object('organization_id', v_org, 'trigger', 'payment'));
    update public.onboarding_checklists set added_billing_info = true, added_billing_info_at = coalesce(added_billing_info_at, now())
    where organization_id = v_org;
  end if;
  return jsonb_build_object('outcome', 'applied', 'organization_id', v_org, 'provisioned', v_provisioned);
end $$;
revoke execute on function public.billing_apply_stripe_event(jsonb) from public, anon, authenticated;
grant execute on function public.billing_apply_stripe_event(jsonb) to service_role;

-- The checklist of a user's organization (the first they are a member of, or the one named), with the trial.
create function public.workspace_checklist(p_user_id uuid, p_organization_id uuid default null) returns jsonb
language sql stable
security invoker
set search_path = ''
as $$
  select to_jsonb(c) || jsonb_build_object('role', m.role, 'organization_name', o.name, 'is_on_trial', o.is_on_trial,
      'trial_ends_at', o.trial_ends_at, 'stripe_subscription_status', o.stripe_subscription_status)
  from public.memberships m
  join public.organizations o on o.id = m.organization_id
  join public.onboarding_checklists c on c.organization_id = o.id
  where m.user_id = p_user_id and (p_organization_id is null or o.id = p_organization_id)
  order by m.created_at
  limit 1
$$;
revoke execute on function public.workspace_checklist(uuid, uuid) from public, anon, authenticated;
grant execute on function public.workspace_checklist(uuid, uuid) to service_role;

-- Marks one task done (again: no change) for a member; the eighth marks the checklist completed. p_task is one of
-- the eight column names (checked here: no SQL is built from it). Returns false when the user is not a member.
create function public.workspace_complete_task(p_user_id uuid, p_organization_id uuid, p_task text) returns boolean
language plpgsql
security invoker
set search_path = ''
as $$
begin
  if p_task not in ('invited_team_member', 'created_project', 'created_time_entry', 'set_working_hours', 'created_client',
                    'customized_settings', 'added_billing_info', 'generated_report') then
    raise exception using errcode = '22023', message = 'unknown checklist task';
  end if;
  if not exists (select from public.memberships where organization_id = p_organization_id and user_id = p_user_id) then
    return false;
  end if;
  update public.onboarding_checklists c set
    invited_team_member = c.invited_team_member or p_task = 'invited_team_member',
    invited_team_member_at = case when p_task = 'invited_team_member' then coalesce(c.invited_team_member_at, now()) else c.invited_team_member_at end,
    created_project = c.created_project or p_task = 'created_project',
    created_project_at = case when p_task = 'created_project' then coalesce(c.created_project_at, now()) else c.created_project_at end,
    created_time_entry = c.created_time_entry or p_task = 'created_time_entry',
    created_time_entry_at = case when p_task = 'created_time_entry' then coalesce(c.created_time_entry_at, now()) else c.created_time_entry_at end,
    set_working_hours = c.set_working_hours or p_task = 'set_working_hours',
    set_working_hours_at = case when p_task = 'set_working_hours' then coalesce(c.set_working_hours_at, now()) else c.set_working_hours_at end,
    created_client = c.created_client or p_task = 'created_client',
    created_client_at = case when p_task = 'created_client' then coalesce(c.created_client_at, now()) else c.created_client_at end,
    customized_settings = c.customized_settings or p_task = 'customized_settings',
    customized_settings_at = case when p_task = 'customized_settings' then coalesce(c.customized_settings_at, now()) else c.customized_settings_at end,
    added_billing_info = c.added_billing_info or p_task = 'added_billing_info',
    added_billing_info_at = case when p_task = 'added_billing_info' then coalesce(c.added_billing_info_at, now()) else c.added_billing_info_at end,
    generated_report = c.generated_report or p_task = 'generated_report',
    generated_report_at = case when p_task = 'generated_report' then coalesce(c.generated_report_at, now()) else c.generated_report_at end
  where c.organization_id = p_organization_id;
  update public.onboarding_checklists c set completed = true, completed_at = coalesce(c.completed_at, now())
  where c.organization_id = p_organization_id and not c.completed
    and c.invited_team_member and c.created_project and c.created_time_entry and c.set_working_hours and c.created_client
    and c.customized_settings and c.added_billing_info and c.generated_report;
  return true;
end $$;
revoke execute on function public.workspace_complete_task(uuid, uuid, text) from public, anon, authenticated;
grant execute on function public.workspace_complete_task(uuid, uuid, text) to service_role;

-- Dismisses the checklist: admins only. Returns 'dismissed', or 'forbidden' for a member who is not an admin,
-- or 'not_member'.
create function public.workspace_dismiss_checklist(p_user_id uuid, p_organization_id uuid) returns text
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_role text;
begin
  select role into v_role from public.memberships where organization_id = p_organization_id and user_id = p_user_id;
  if v_role is null then
    return 'not_member';
  elsif v_role <> 'admin' then
    return 'forbidden';
  end if;
  update public.onboarding_checklists set dismissed = true, dismissed_at = coalesce(dismissed_at, now())
  where organization_id = p_organization_id;
  return 'dismissed';
end $$;
revoke execute on function public.workspace_dismiss_checklist(uuid, uuid) from public, anon, authenticated;
grant execute on function public.workspace_dismiss_checklist(uuid, uuid) to service_role;

-- Analysts: workspaces provisioned by trigger, provisioning failures, trial-to-paid conversion, time from
-- provisioning to the first completed task, checklists completed within 7 days; per UTC day of creation.
create function onboarding_analytics.workspace_stats(p_from date default null, p_to date default null)
returns table (
  day date, workspaces_created bigint, provisioned_by_trial bigint, provisioned_by_payment bigint, provisioning_failures bigint,
  trials_converted bigint, trial_conversion_rate numeric, median_hours_to_first_task numeric, checklists_completed_within_7_days bigint
)
language sql stable
security definer
set search_path = ''
as $$
  with firsts as (
    select c.organization_id, c.completed, c.completed_at,
      least(c.invited_team_member_at, c.created_project_at, c.created_time_entry_at, c.set_working_hours_at,
            c.created_client_at, c.customized_settings_at, c.added_billing_info_at, c.generated_report_at) as first_task_at
    from public.onboarding_checklists c
  )
  select (o.created_at at time zone 'UTC')::date, count(*),
    count(*) filter (where o.provisioned_by = 'trial'),
    count(*) filter (where o.provisioned_by = 'payment'),
    count(*) filter (where o.provisioning_error is not null),
    count(*) filter (where o.provisioned_by = 'trial' and o.stripe_subscription_status = 'active'),
    round(count(*) filter (where o.provisioned_by = 'trial' and o.stripe_subscription_status = 'active')::numeric
      / nullif(count(*) filter (where o.provisioned_by = 'trial'), 0), 4),
    round((percentile_cont(0.5) within group (order by extract(epoch from f.first_task_at - o.provisioned_at) / 3600))::numeric, 1),
    count(*) filter (where f.completed and f.completed_at <= o.provisioned_at + interval '7 days')
  from public.organizations o
  left join firsts f on f.organization_id = o.id
  where (p_from is null or (o.created_at at time zone 'UTC')::date >= p_from)
    and (p_to is null or (o.created_at at time zone 'UTC')::date <= p_to)
  group by 1
$$;
revoke execute on function onboarding_analytics.workspace_stats(date, date) from public, anon, authenticated, service_role;
grant execute on function onboarding_analytics.workspace_stats(date, date) to analyst;

create view public.workspace_onboarding_stats with (security_invoker = true) as
  select f.day, f.workspaces_created, f.provisioned_by_trial, f.provisioned_by_payment, f.provisioning_failures,
    f.trials_converted, f.trial_conversion_rate, f.median_hours_to_first_task, f.checklists_completed_within_7_days
  from onboarding_analytics.workspace_stats() f;
comment on view public.workspace_onboarding_stats is
  'Per UTC day of creation: workspaces, provisioned by trial or payment, failures, trials converted to paid, median hours from provisioning to the first checklist task, checklists completed within 7 days.';
revoke all on public.workspace_onboarding_stats from public, anon, authenticated, service_role;
grant select on public.workspace_onboarding_stats to analyst;

-- The Stripe customer made for an organization's checkout (kept: a retried checkout reuses it).
create function public.workspace_set_stripe_customer(p_organization_id uuid, p_customer_id text) returns void
language sql
security invoker
set search_path = ''
as $$
  update public.organizations set stripe_customer_id = coalesce(stripe_customer_id, p_customer_id) where id = p_organization_id
$$;
revoke execute on function public.workspace_set_stripe_customer(uuid, text) from public, anon, authenticated;
grant execute on function public.workspace_set_stripe_customer(uuid, text) to service_role;

-- The turn's typed writes, as in 20261204000030, with the workspace flow's `workspace` write: a trial provisions
-- in the turn's transaction; paying first creates the organization and waits for invoice.paid.
create or replace function public.onboarding_apply_writes(p_session_id uuid, p_writes jsonb) returns void
language plpgsql
security invoker
set search_path = ''
as $$
declare
  w jsonb;
  v_user uuid;
begin
  for w in select value from jsonb_array_elements(coalesce(p_writes, '[]'::jsonb)) loop
    v_user := (w->>'user_id')::uuid;
    if v_user is null then
      raise exception using errcode = '22023', message = 'onboarding write without user_id: ' || coalesce(w->>'kind', '?');
    end if;
    case w->>'kind'
    when 'user_onboarding' then
      insert into public.user_onboarding as o (
        user_id, flow_id, session_id, status, current_step, total_steps, completed_steps, onboarding_data,
        started_at, completed_at, skipped_at
      ) values (
        v_user, w->>'flow_id', p_session_id, w->>'status', (w->>'current_step')::integer,
        (w->>'total_steps')::integer,
        coalesce(array(select jsonb_array_elements_text(w->'completed_steps')), '{}'),
        coalesce(w->'onboarding_data', '{}'::jsonb),
        (w->>'started_at')::timestamptz, (w->>'completed_at')::timestamptz, (w->>'skipped_at')::timestamptz
      )
      on conflict (user_id, flow_id) do update set
        session_id = excluded.session_id,
        status = excluded.status,
        current_step = excluded.current_step,
        total_steps = excluded.total_steps,
        completed_steps = excluded.completed_steps,
        onboarding_data = excluded.onboarding_data,
        started_at = coalesce(o.started_at, excluded.started_at),
        completed_at = case when excluded.status = 'completed' then coalesce(o.completed_at, excluded.completed_at) end,
        skipped_at = coalesce(excluded.skipped_at, o.skipped_at)
      -- One onboarding per user and flow: a second session (two starts at once) loses and rolls back.
      where o.session_id is null or o.session_id = excluded.session_id;
      if not found then
        raise exception using errcode = '23505', message = 'this user''s onboarding of this flow belongs to another session';
      end if;
    when 'user_profile' then
      insert into public.user_profiles as p (user_id, full_name, bio, avatar_path)
      values (v_user, w->>'full_name', w->>'bio', w->>'avatar_path')
      on conflict (user_id) do update set full_name = excluded.full_name, bio = excluded.bio, avatar_path = excluded.avatar_path;
    when 'user_skills' then
      delete from public.user_skills where user_id = v_user;
      insert into public.user_skills (user_id, name, position)
      select v_user, s.name, (row_number() over (order by s.at) - 1)::integer
      from (
        select distinct on (lower(btrim(e.name))) btrim(e.name) as name, e.at
        from jsonb_array_elements_text(coalesce(w->'skills', '[]'::jsonb)) with ordinality as e(name, at)
        where btrim(e.name) <> ''
        order by lower(btrim(e.name)), e.at
      ) s;
    when 'user_interests' then
      delete from public.user_interests where user_id = v_user;
      insert into public.user_interests (user_id, interest)
      select distinct v_user, e.interest from jsonb_array_elements_text(coalesce(w->'interests', '[]'::jsonb)) as e(interest);
    when 'user_experience' then
      delete from public.user_experience where user_id = v_user;
      insert into public.user_experience (user_id, position, kind, title, organisation, start_year, end_year)
      select v_user, (e.at - 1)::integer, e.entry->>'kind', e.entry->>'title', e.entry->>'organisation',
        (e.entry->>'start_year')::integer, (e.entry->>'end_year')::integer
      from jsonb_array_elements(coalesce(w->'entries', '[]'::jsonb)) with ordinality as e(entry, at);
    when 'user_preferences' then
      insert into public.user_preferences (user_id, notification_channel, profile_visibility)
      values (v_user, w->>'notification_channel', w->>'profile_visibility')
      on conflict (user_id) do update set
        notification_channel = excluded.notification_channel, profile_visibility = excluded.profile_visibility;
    when 'workspace' then
      -- The workspace flow's last group (src/workspaces/workspace-outcome.ts): the organization's id is the
      -- onboarding session's, so a retried or repeated turn provisions the same one, once.
      if w->>'start' = 'trial' then
        perform public.workspace_provision(jsonb_build_object('organization_id', p_session_id, 'name', w->>'name',
          'user_id', v_user, 'trigger', 'trial', 'trial_ends_at', now() + make_interval(days => (w->>'trial_days')::integer)));
      else
        perform public.workspace_create_pending(jsonb_build_object('organization_id', p_session_id, 'name', w->>'name', 'user_id', v_user));
      end if;
    else
      raise exception using errcode = '22023', message = 'unknown onboarding write kind: ' || coalesce(w->>'kind', 'null');
    end case;
  end loop;
end $$;
