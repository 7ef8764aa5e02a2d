import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceStore } from '../../src/store/workspace-store.js';
import { openTestStore, type TestStore, type TestStoreDriver } from '../support/test-store.js';

/** The contract every WorkspaceStore driver keeps: provisioning once, Stripe events once, the checklist, messages. */
describe.each<TestStoreDriver>(['embedded', 'postgres', 'supabase'])('workspace store contract (%s)', (driver) => {
  let opened: TestStore;
  let workspaces: WorkspaceStore;

  beforeAll(async () => {
    opened = await openTestStore(driver, 5);
    ({ workspaces } = opened);
  });
  afterAll(() => opened.close());

  it('provisions a trial once and shows its checklist to its admin only', async () => {
    const organizationId = randomUUID();
    const userId = randomUUID();
    const trialEndsAt = new Date(Date.now() + 14 * 86_400_000);
    expect(await workspaces.provision({ organizationId, name: 'Acme', userId, trigger: 'trial', trialEndsAt })).toBe(true);
    expect(await workspaces.provision({ organizationId, name: 'Acme', userId, trigger: 'trial', trialEndsAt })).toBe(false);
    const checklist = await workspaces.checklist(userId);
    expect(checklist).toMatchObject({ organizationId, organizationName: 'Acme', role: 'admin', isOnTrial: true, completed: false, dismissed: false });
    expect(checklist?.trialEndsAt?.getTime()).toBe(trialEndsAt.getTime());
    expect(await workspaces.checklist(randomUUID())).toBeNull();
  });

  it('applies a Stripe event once and provisions a paying organization on its first paid invoice', async () => {
    const organizationId = randomUUID();
    const userId = randomUUID();
    await workspaces.createPending({ organizationId, name: 'Globex', userId });
    await workspaces.setStripeCustomer(organizationId, `cus_${organizationId.slice(0, 8)}`);
    const effect = { id: `evt_${randomUUID()}`, type: 'invoice.paid', organizationId: null, customerId: `cus_${organizationId.slice(0, 8)}`, subscriptionId: 'sub_1', status: null };
    expect(await workspaces.applyStripeEvent(effect)).toEqual({ outcome: 'applied', organizationId, provisioned: true });
    expect(await workspaces.applyStripeEvent(effect)).toEqual({ outcome: 'duplicate' });
    expect(await workspaces.applyStripeEvent({ ...effect, id: `evt_${randomUUID()}` })).toEqual({ outcome: 'applied', organizationId, provisioned: false });
    expect(await workspaces.applyStripeEvent({ ...effect, id: `evt_${randomUUID()}`, customerId: 'cus_nobody' })).toEqual({ outcome: 'unknown_organization' });
    expect((await workspaces.checklist(userId))?.subscriptionStatus).toBe('active');
  });

  it('completes tasks for members, and lets only admins dismiss', async () => {
    const organizationId = randomUUID();
    const admin = randomUUID();
    await workspaces.provision({ organizationId, name: 'Initech', userId: admin, trigger: 'trial', trialEndsAt: new Date(Date.now() + 86_400_000) });
    expect(await workspaces.completeTask(admin, organizationId, 'created_project')).toBe(true);
    expect(await workspaces.completeTask(randomUUID(), organizationId, 'created_project')).toBe(false);
    expect((await workspaces.checklist(admin))?.done.created_project).toBeInstanceOf(Date);
    expect(await workspaces.dismiss(randomUUID(), organizationId)).toBe('not_member');
    expect(await workspaces.dismiss(admin, organizationId)).toBe('dismissed');
  });

  it('owes a new workspace its welcome once', async () => {
    const organizationId = randomUUID();
    await workspaces.provision({ organizationId, name: 'Umbrella', userId: randomUUID(), trigger: 'trial', trialEndsAt: new Date(Date.now() + 86_400_000) });
    const due = await workspaces.dueMessages(new Date(), 3, 1000);
    expect(due.filter((d) => d.organizationId === organizationId).map((d) => d.kind).sort()).toEqual(['trial_ending', 'welcome']);
    expect(await workspaces.recordMessage(organizationId, 'welcome', [])).toBe('recorded');
    expect(await workspaces.recordMessage(organizationId, 'welcome', [])).toBe('duplicate');
    expect((await workspaces.dueMessages(new Date(), 3, 1000)).filter((d) => d.organizationId === organizationId).map((d) => d.kind)).toEqual(['trial_ending']);
  });
});
