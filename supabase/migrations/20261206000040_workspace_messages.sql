-- Messages of a workspace's life (issue 18): the welcome after provisioning and the reminder 3 days before a
-- trial ends, found by a periodic job and recorded with their outbox messages in one transaction, once each.

alter table public.organizations add column welcome_sent_at timestamptz, add column billing_alert_sent_at timestamptz;

-- Organizations owed a message at p_now: 'welcome' (provisioned, not welcomed yet), 'trial_ending' (on trial,
-- ending within p_notice, no active subscription, not reminded yet) and 'billing_alert' (a payment failed: once
-- per failure, the next paid invoice clears it); with what the service needs to write them:
-- the admin's onboarding session (same id as the organization when the flow made it) for language, email and
-- channel.
create function public.workspace_due_messages(p_now timestamptz, p_notice interval, p_limit integer) returns jsonb
language sql stable
security invoker
set search_path = ''
as $$
  select coalesce(jsonb_agg(row_to_json(d)), '[]'::jsonb) from (
    select o.id as organization_id, o.name, k.kind, o.trial_ends_at, o.is_on_trial, s.language, s.channel,
      s.phone_number, s.bot_number, s.collected_data ->> 'email' as email, s.collected_data ->> 'full_name' as full_name
    from public.organizations o
    cross join lateral (
      select 'welcome' as kind where o.provisioned_at is not null and o.welcome_sent_at is null
      union all
      select 'trial_ending' where o.is_on_trial and o.trial_reminder_sent_at is null and o.trial_ends_at > p_now
        and o.trial_ends_at <= p_now + p_notice and coalesce(o.stripe_subscription_status, '') <> 'active'
      union all
      select 'billing_alert' where o.stripe_subscription_status = 'past_due' and o.billing_alert_sent_at is null
    ) k
    left join public.instant_onboarding_sessions s on s.id = o.id
    order by o.created_at
    limit p_limit
  ) d
$$;
revoke execute on function public.workspace_due_messages(timestamptz, interval, integer) from public, anon, authenticated;
grant execute on function public.workspace_due_messages(timestamptz, interval, integer) to service_role;

-- Marks a message sent and writes its outbox rows, once: 'duplicate' when it was marked before.
-- p: organization_id, kind (welcome | trial_ending), messages: [{channel, to, from, kind, body, subject, variables}].
create function public.workspace_record_message(p jsonb) returns text
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_org uuid := (p ->> 'organization_id')::uuid;
begin
  if p ->> 'kind' = 'welcome' then
    update public.organizations set welcome_sent_at = now() where id = v_org and welcome_sent_at is null;
  elsif p ->> 'kind' = 'trial_ending' then
    update public.organizations set trial_reminder_sent_at = now() where id = v_org and trial_reminder_sent_at is null;
  elsif p ->> 'kind' = 'billing_alert' then
    update public.organizations set billing_alert_sent_at = now() where id = v_org and billing_alert_sent_at is null;
  else
    raise exception using errcode = '22023', message = 'unknown workspace message kind';
  end if;
  if not found then
    return 'duplicate';
  end if;
  insert into public.onboarding_outbox (session_id, channel, to_address, from_address, kind, body, subject, variables)
  select s.id, (m ->> 'channel')::public.onboarding_channel, m ->> 'to', m ->> 'from', m ->> 'kind', m ->> 'body', m ->> 'subject',
    coalesce(m -> 'variables', '{}'::jsonb)
  from jsonb_array_elements(coalesce(p -> 'messages', '[]'::jsonb)) m
  left join public.instant_onboarding_sessions s on s.id = v_org;
  return 'recorded';
end $$;
revoke execute on function public.workspace_record_message(jsonb) from public, anon, authenticated;
grant execute on function public.workspace_record_message(jsonb) to service_role;

-- A paid invoice clears the billing alert, so the next failure alerts again (billing_apply_stripe_event does the rest).
create function onboarding_private.clear_billing_alert() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.stripe_subscription_status is distinct from 'past_due' then
    new.billing_alert_sent_at := null;
  end if;
  return new;
end $$;
create trigger organizations_clear_billing_alert before update of stripe_subscription_status on public.organizations
  for each row execute function onboarding_private.clear_billing_alert();
