import { randomUUID } from 'node:crypto';
import type { Checkout } from '../billing/checkout.js';
import { AppError, BadRequestError } from '../errors.js';
import type { Localizer } from '../i18n/create-i18n.js';
import { checklistTasks, type ChecklistTask, type WorkspaceStore } from '../store/workspace-store.js';
import { checklistView, type ChecklistView } from './checklist-view.js';

/** The user belongs to no (such) workspace (404). */
export class WorkspaceNotFoundError extends AppError {
  constructor() {
    super('WORKSPACE_NOT_FOUND', 'You are not a member of a workspace with a checklist (yet).', 404);
  }
}

export interface WorkspaceServiceDeps {
  store: WorkspaceStore;
  checkout: Checkout;
  localizer: Localizer;
  trialDays: number;
  trialsEnabled: boolean;
  clock: () => Date;
}

/** What POST /organizations/new answers. */
export interface NewOrganization {
  organization_id: string;
  provisioned: boolean;
  trial_ends_at: string | null;
  payment_url: string | null;
}

/** The checklist API and a product's own signup form, for signed-in members. */
export class WorkspaceService {
  constructor(private readonly deps: WorkspaceServiceDeps) {}

  async checklist(userId: string, language: string, organizationId?: string): Promise<ChecklistView> {
    const record = await this.deps.store.checklist(userId, organizationId);
    if (!record) throw new WorkspaceNotFoundError();
    return checklistView(record, this.deps.localizer.translator(language), this.deps.clock());
  }

  /** Completing a task twice is not an error; an unknown task is 400 TASK_NOT_FOUND. */
  async completeTask(userId: string, task: string, language: string, organizationId?: string): Promise<ChecklistView> {
    if (!(checklistTasks as readonly string[]).includes(task)) {
      throw new BadRequestError('TASK_NOT_FOUND', `No checklist task "${task}"; the tasks are ${checklistTasks.join(', ')}.`);
    }
    const current = await this.checklist(userId, language, organizationId);
    await this.deps.store.completeTask(userId, current.organization_id, task as ChecklistTask);
    return this.checklist(userId, language, current.organization_id);
  }

  /** Admins only (403 FORBIDDEN otherwise). */
  async dismiss(userId: string, language: string, organizationId?: string): Promise<ChecklistView> {
    const current = await this.checklist(userId, language, organizationId);
    const outcome = await this.deps.store.dismiss(userId, current.organization_id);
    if (outcome === 'forbidden') throw new AppError('FORBIDDEN', 'Only an admin of the workspace may dismiss its checklist.', 403);
    if (outcome === 'not_member') throw new WorkspaceNotFoundError();
    return this.checklist(userId, language, current.organization_id);
  }

  /** A workspace without a conversation: a trial at once, or paying first (the link to pay). */
  async create(userId: string, name: string, startTrial: boolean, email: string | null): Promise<NewOrganization> {
    const organizationId = randomUUID();
    if (startTrial && this.deps.trialsEnabled) {
      const trialEndsAt = new Date(this.deps.clock().getTime() + this.deps.trialDays * 86_400_000);
      await this.deps.store.provision({ organizationId, name, userId, trigger: 'trial', trialEndsAt });
      return { organization_id: organizationId, provisioned: true, trial_ends_at: trialEndsAt.toISOString(), payment_url: null };
    }
    await this.deps.store.createPending({ organizationId, name, userId });
    const link = await this.deps.checkout.paymentLink({ organizationId, name, email });
    return { organization_id: organizationId, provisioned: false, trial_ends_at: null, payment_url: link };
  }
}
