import { randomUUID } from 'node:crypto';
import { accessToken } from '../support/access-token.js';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, userApi } from '../support/api-client.js';
import { startFakeStripeApi, type FakeStripeApi } from '../support/fake-stripe-api.js';
import { startFakeSmtp, type FakeSmtp } from '../support/fake-smtp.js';
import { sendWorkspaceMessages } from '../../src/workspaces/workspace-messages.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const JWT_SECRET = 'workspace-test-jwt-secret-at-least-32-characters';
const WEBHOOK_SECRET = 'whsec_workspace_test_secret';
const FLOW = '?flow=workspace-trial';
const stripe = new Stripe('sk_test_fake');

const tokenFor = (userId: string): Promise<string> => accessToken(userId, JWT_SECRET, { email: `${userId.slice(0, 8)}@example.test` });

/** A new customer's workspace: the conversation, Stripe Checkout on a fake API, signed webhooks, the checklist. */
describe('trial workspace', () => {
  let server: TestServer;
  let fake: FakeStripeApi;
  let smtp: FakeSmtp;

  beforeAll(async () => {
    fake = await startFakeStripeApi();
    smtp = await startFakeSmtp();
    server = await startTestServer({
      driver: 'postgres',
      env: {
        SUPABASE_JWT_SECRET: JWT_SECRET,
        STRIPE_SECRET_KEY: 'sk_test_fake',
        STRIPE_PRICE_ID: 'price_test_monthly',
        STRIPE_API_BASE: fake.url,
        STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
        PUBLIC_URL: 'https://bot.example.test',
        SMTP_URL: smtp.url,
      },
      compose: { outboxAutoRun: false },
    });
  });
  afterAll(async () => {
    await server?.close();
    await fake?.close();
    await smtp?.close();
  });

  /** Goes through the three groups with the status API; returns the last answer. */
  async function onboard(token: string, organization: string, start: 'trial' | 'pay') {
    expect((await userApi.start(server.url, token, FLOW)).status).toBeLessThan(300);
    expect((await userApi.step(server.url, token, 0, { full_name: 'Ana Lima', email: 'ana@example.test' }, FLOW)).status).toBe(200);
    expect((await userApi.step(server.url, token, 1, { organization_name: organization, team_size: 'small', tracking: ['projects', 'clients'] }, FLOW)).status).toBe(200);
    const last = await userApi.step(server.url, token, 2, { start }, FLOW);
    expect(last.status).toBe(200);
    return last;
  }

  const organizationOf = async (userId: string) =>
    (
      await server.service.sql.query<{ id: string; provisioned_by: string | null; is_on_trial: boolean; projects: number; stripe_customer_id: string | null }>(
        `select o.id, o.provisioned_by, o.is_on_trial, o.stripe_customer_id,
                (select count(*)::int from projects p where p.organization_id = o.id) as projects
         from organizations o join memberships m on m.organization_id = o.id and m.role = 'admin' where m.user_id = $1`,
        [userId],
      )
    )[0];

  async function postEvent(type: string, object: Record<string, unknown>, id = `evt_${randomUUID().replaceAll('-', '')}`) {
    const payload = JSON.stringify({ id, object: 'event', type, api_version: '2025-01-01', created: Math.floor(Date.now() / 1000), data: { object } });
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    const res = await fetch(`${server.url}/billing/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('provisions a trial workspace in the turn that chooses it, and shows its checklist with the days left', async () => {
    const userId = randomUUID();
    const token = await tokenFor(userId);
    await onboard(token, 'Acme Studio', 'trial');
    expect(await organizationOf(userId)).toMatchObject({ provisioned_by: 'trial', is_on_trial: true, projects: 1 });
    const checklist = await callApi<Record<string, unknown>>(server.url, 'GET', '/onboarding/api/checklist', { headers: { authorization: `Bearer ${token}` } });
    expect(checklist.status).toBe(200);
    expect(checklist.body).toMatchObject({ organization_name: 'Acme Studio', progress_percent: 0, next_task: 'invited_team_member', is_on_trial: true, trial_days_remaining: 14, completed: false });
    expect((checklist.body.tasks as unknown[]).length).toBe(8);
    const status = await userApi.status(server.url, token, FLOW);
    expect(status.body).toMatchObject({ status: 'completed' });
  });

  it('paying first: a Checkout Session with idempotency keys, provisioning on invoice.paid, once whatever Stripe repeats', async () => {
    const userId = randomUUID();
    const token = await tokenFor(userId);
    const before = fake.received.length;
    const last = await onboard(token, 'Globex', 'pay');
    await server.service.service.profiles.drain();
    const org = await organizationOf(userId);
    expect(org).toMatchObject({ provisioned_by: null, projects: 0, stripe_customer_id: expect.stringMatching(/^cus_/) });
    const calls = fake.received.slice(before).map((r) => [r.method, r.path, r.idempotencyKey]);
    expect(calls).toEqual([
      ['POST', '/v1/customers', `customer:${org!.id}`],
      ['POST', '/v1/checkout/sessions', `checkout:${org!.id}`],
    ]);
    expect(fake.received.at(-1)?.params).toMatchObject({ 'line_items[0][price]': 'price_test_monthly', 'metadata[organization_id]': org!.id, mode: 'subscription' });
    const view = await userApi.status(server.url, token, FLOW);
    expect(JSON.stringify([last.body, view.body])).toMatch(/checkout\.stripe\.test/);

    const invoice = { object: 'invoice', customer: org!.stripe_customer_id, subscription: 'sub_123', metadata: {} };
    const first = await postEvent('invoice.paid', invoice, 'evt_paid_1');
    expect(first).toEqual({ status: 200, body: { received: true, outcome: 'applied' } });
    expect(await organizationOf(userId)).toMatchObject({ provisioned_by: 'payment', projects: 1 });
    expect((await postEvent('invoice.paid', invoice, 'evt_paid_1')).body).toMatchObject({ outcome: 'duplicate' });
    await postEvent('invoice.paid', invoice);
    expect(await organizationOf(userId)).toMatchObject({ provisioned_by: 'payment', projects: 1 });

    // Out of order: an older "updated" event arrives last; the status read from Stripe's API wins.
    fake.subscriptionStatus = 'active';
    await postEvent('customer.subscription.updated', { object: 'subscription', id: 'sub_123', customer: org!.stripe_customer_id, status: 'incomplete', metadata: {} });
    const [row] = await server.service.sql.query<{ stripe_subscription_status: string }>('select stripe_subscription_status from organizations where id = $1', [org!.id]);
    expect(row?.stripe_subscription_status).toBe('active');
    await postEvent('invoice.payment_failed', invoice);
    const checklist = await callApi<Record<string, unknown>>(server.url, 'GET', '/onboarding/api/checklist', { headers: { authorization: `Bearer ${token}` } });
    expect(checklist.body).toMatchObject({ billing_problem: true, is_on_trial: false });
    // The admin hears of it once (the payer's email from the conversation), and again only after another failure.
    await sendWorkspaceMessages(server.service.workspaceMessages, new Date());
    await sendWorkspaceMessages(server.service.workspaceMessages, new Date());
    await server.service.outbox.runOnce();
    expect(smtp.received.filter((m) => /^Subject: A payment for Globex failed/m.test(m.raw))).toHaveLength(1);
  });

  it('refuses a webhook whose signature does not match, and changes nothing', async () => {
    const payload = JSON.stringify({ id: 'evt_forged', object: 'event', type: 'invoice.paid', data: { object: { customer: 'cus_x' } } });
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_someone_else' });
    const res = await fetch(`${server.url}/billing/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'INVALID_SIGNATURE' });
    expect(await server.service.sql.query('select 1 from stripe_events where id = $1', ['evt_forged'])).toEqual([]);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/onboarding_webhook_verifications_failed_total\{provider="stripe"\} 1\b/);
  });

  it('runs the checklist: tasks done once, the last completes it, an unknown task is 400, only admins dismiss', async () => {
    const admin = randomUUID();
    const token = await tokenFor(admin);
    const created = await callApi<{ organization_id: string; provisioned: boolean }>(server.url, 'POST', '/organizations/new', {
      body: { name: 'Initech' },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(created).toMatchObject({ status: 201, body: { provisioned: true } });
    const auth = { authorization: `Bearer ${token}` };
    const complete = (task: string, headers = auth) => callApi<Record<string, unknown>>(server.url, 'POST', `/onboarding/api/checklist/complete/${task}`, { headers, body: {} });
    expect((await complete('created_project')).body).toMatchObject({ progress_percent: 13, next_task: 'invited_team_member' });
    expect((await complete('created_project')).status).toBe(200);
    expect((await complete('made_coffee')).body).toMatchObject({ code: 'TASK_NOT_FOUND' });
    for (const task of ['invited_team_member', 'created_time_entry', 'set_working_hours', 'created_client', 'customized_settings', 'added_billing_info']) await complete(task);
    expect((await complete('generated_report')).body).toMatchObject({ progress_percent: 100, completed: true, next_task: null });

    const member = randomUUID();
    await server.service.sql.query(`insert into memberships (organization_id, user_id, role) values ($1, $2, 'member')`, [created.body.organization_id, member]);
    const memberAuth = { authorization: `Bearer ${await tokenFor(member)}` };
    const refused = await callApi(server.url, 'POST', '/onboarding/api/checklist/dismiss', { headers: memberAuth, body: {} });
    expect(refused).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect((await callApi(server.url, 'POST', '/onboarding/api/checklist/dismiss', { headers: auth, body: {} })).body).toMatchObject({ dismissed: true });
    expect((await callApi(server.url, 'GET', '/onboarding/api/checklist', {})).status).toBe(401);
  });

  it('welcomes a new workspace by email once, and reminds its admin 3 days before the trial ends', async () => {
    const userId = randomUUID();
    const token = await tokenFor(userId);
    await onboard(token, 'Umbrella Labs', 'trial');
    const now = new Date();
    expect(await sendWorkspaceMessages(server.service.workspaceMessages, now)).toBeGreaterThanOrEqual(1);
    expect(await sendWorkspaceMessages(server.service.workspaceMessages, now)).toBe(0);
    await server.service.outbox.runOnce();
    const welcome = smtp.received.filter((m) => m.to.includes('ana@example.test') && /Umbrella Labs/.test(m.raw));
    expect(welcome).toHaveLength(1);
    expect(welcome[0]?.raw).toMatch(/^Subject: Welcome to Umbrella Labs/m);
    expect(welcome[0]?.raw).toMatch(/text\/html/);
    expect(welcome[0]?.raw).toMatch(/14 days left/);
    // Not yet: the trial ends in 14 days. Eleven and a half days later it ends within 3.
    expect(smtp.received.some((m) => /ends in/.test(m.raw) && /Umbrella/.test(m.raw))).toBe(false);
    const later = new Date(now.getTime() + 11.5 * 86_400_000);
    await sendWorkspaceMessages(server.service.workspaceMessages, later);
    await sendWorkspaceMessages(server.service.workspaceMessages, later);
    await server.service.outbox.runOnce();
    const reminders = smtp.received.filter((m) => /^Subject: Your trial of Umbrella Labs ends in 3 days/m.test(m.raw));
    expect(reminders).toHaveLength(1);
  });
});
