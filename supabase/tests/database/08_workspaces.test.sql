-- Workspaces (20261206000030): tenant isolation by membership, provisioning once, Stripe events once, the
-- checklist's tasks and who may dismiss it. Two organizations, a user in each (and a member without admin).
begin;
create extension if not exists pgtap with schema extensions;
select plan(22);

select ok(public.workspace_provision('{"organization_id": "0a000000-0000-4000-8000-000000000001", "name": "Acme",
  "user_id": "a1111111-1111-4111-8111-111111111111", "trigger": "trial", "trial_ends_at": "2030-01-15T00:00:00Z"}'),
  'a trial provisions the first organization');
select ok(not public.workspace_provision('{"organization_id": "0a000000-0000-4000-8000-000000000001", "name": "Acme",
  "user_id": "a1111111-1111-4111-8111-111111111111", "trigger": "trial", "trial_ends_at": "2031-01-15T00:00:00Z"}'),
  'a second provisioning does nothing');
select is((select count(*)::int from public.projects where organization_id = '0a000000-0000-4000-8000-000000000001'), 1,
  'one default project');
select is((select trial_ends_at from public.organizations where id = '0a000000-0000-4000-8000-000000000001'), '2030-01-15T00:00:00Z'::timestamptz,
  'the trial end stays as first set');
select lives_ok($$select public.workspace_create_pending('{"organization_id": "0b000000-0000-4000-8000-000000000002", "name": "Globex",
  "user_id": "b2222222-2222-4222-8222-222222222222"}')$$, 'the second organization waits for its payment');
insert into public.memberships (organization_id, user_id, role)
values ('0a000000-0000-4000-8000-000000000001', 'c3333333-3333-4333-8333-333333333333', 'member');

-- Stripe: the first invoice.paid provisions by payment, its redelivery and a second one change nothing.
select is(public.billing_apply_stripe_event('{"id": "evt_1", "type": "invoice.paid", "organization_id": "0b000000-0000-4000-8000-000000000002",
  "customer_id": "cus_1", "subscription_id": "sub_1"}') ->> 'provisioned', 'true', 'invoice.paid provisions the paying organization');
select is(public.billing_apply_stripe_event('{"id": "evt_1", "type": "invoice.paid", "customer_id": "cus_1"}') ->> 'outcome', 'duplicate',
  'the same event again is a duplicate');
select is(public.billing_apply_stripe_event('{"id": "evt_2", "type": "invoice.paid", "customer_id": "cus_1"}') ->> 'provisioned', 'false',
  'a second invoice.paid provisions nothing');
select is((select count(*)::int from public.projects where organization_id = '0b000000-0000-4000-8000-000000000002'), 1,
  'still one project after two payments');
select is(public.billing_apply_stripe_event('{"id": "evt_3", "type": "invoice.payment_failed", "customer_id": "cus_1"}') ->> 'outcome', 'applied',
  'a failed payment applies');
select is((select stripe_subscription_status from public.organizations where stripe_customer_id = 'cus_1'), 'past_due', 'and marks past_due');

-- The checklist: tasks by members, dismissing by admins only.
select ok(public.workspace_complete_task('c3333333-3333-4333-8333-333333333333', '0a000000-0000-4000-8000-000000000001', 'created_project'),
  'a member completes a task');
select throws_ok($$select public.workspace_complete_task('c3333333-3333-4333-8333-333333333333', '0a000000-0000-4000-8000-000000000001', 'hack')$$,
  '22023', null, 'an unknown task is refused');
select is(public.workspace_dismiss_checklist('c3333333-3333-4333-8333-333333333333', '0a000000-0000-4000-8000-000000000001'), 'forbidden',
  'a member who is not an admin may not dismiss the checklist');
select is(public.workspace_dismiss_checklist('b2222222-2222-4222-8222-222222222222', '0a000000-0000-4000-8000-000000000001'), 'not_member',
  'nor may someone from another organization');

-- Messages: the welcome of a provisioned organization is owed once.
select ok(public.workspace_due_messages(now(), interval '3 days', 100) @> '[{"organization_id": "0a000000-0000-4000-8000-000000000001", "kind": "welcome"}]',
  'a provisioned organization is owed its welcome');
select is(public.workspace_record_message('{"organization_id": "0a000000-0000-4000-8000-000000000001", "kind": "welcome", "messages": []}')
  || public.workspace_record_message('{"organization_id": "0a000000-0000-4000-8000-000000000001", "kind": "welcome", "messages": []}'),
  'recordedduplicate', 'recorded once, a second time a duplicate');

-- Tenant isolation as authenticated.
set local role authenticated;
select set_config('request.jwt.claims', '{"role":"authenticated","sub":"a1111111-1111-4111-8111-111111111111"}', true);
select results_eq('select name from public.organizations', $$values ('Acme')$$, 'a user sees only their organization');
select results_eq('select organization_id from public.projects', $$values ('0a000000-0000-4000-8000-000000000001'::uuid)$$,
  'and only its projects');
select is((select count(*)::int from public.memberships), 2, 'and its memberships');
select throws_ok($$update public.onboarding_checklists set dismissed = true$$, '42501', null, 'members write nothing directly');
reset role;
set local role anon;
select throws_ok('select * from public.organizations', '42501', null, 'anon reads no organization');

select * from finish();
rollback;
