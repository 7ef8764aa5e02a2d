import { z } from 'zod';

/** The eight tasks of a new workspace's onboarding checklist, in the order they are shown. */
export const checklistTasks = [
  'invited_team_member',
  'created_project',
  'created_time_entry',
  'set_working_hours',
  'created_client',
  'customized_settings',
  'added_billing_info',
  'generated_report',
] as const;
export type ChecklistTask = (typeof checklistTasks)[number];

/** An organization's checklist as the database has it, with the trial and the reader's role. */
export interface ChecklistRecord {
  organizationId: string;
  organizationName: string;
  role: 'admin' | 'member';
  done: Record<ChecklistTask, Date | null>;
  completed: boolean;
  completedAt: Date | null;
  dismissed: boolean;
  isOnTrial: boolean;
  trialEndsAt: Date | null;
  subscriptionStatus: string | null;
}

/** What a Stripe event does, as the webhook read it (and re-read the objects it needed). */
export interface StripeEffect {
  id: string;
  type: string;
  organizationId: string | null;
  customerId: string | null;
  subscriptionId: string | null;
  /** The subscription's status read from Stripe's API (subscription events). */
  status: string | null;
}

export type StripeOutcome = { outcome: 'duplicate' | 'unknown_organization' } | { outcome: 'applied'; organizationId: string; provisioned: boolean };

/** A message a workspace is owed now (public.workspace_due_messages). */
export interface DueWorkspaceMessage {
  organizationId: string;
  name: string;
  kind: 'welcome' | 'trial_ending' | 'billing_alert';
  trialEndsAt: Date | null;
  isOnTrial: boolean;
  /** From the admin's onboarding session, when the workspace flow made the organization. */
  language: string | null;
  channel: string | null;
  phoneNumber: string | null;
  botNumber: string | null;
  email: string | null;
  fullName: string | null;
}

/** One outbox message of a workspace message. */
export interface WorkspaceOutboxMessage {
  channel: 'sms' | 'whatsapp' | 'email';
  to: string;
  from: string | null;
  kind: string;
  body: string;
  subject: string | null;
  variables: Record<string, string>;
}

/** Persistence of workspaces: provisioning, Stripe events, the checklist. Every driver, one contract. */
export interface WorkspaceStore {
  /** Provisions (creating the organization when `name` is given); false when it was provisioned before. */
  provision(input: { organizationId: string; name?: string; userId?: string; trigger: 'trial' | 'payment'; trialEndsAt?: Date }): Promise<boolean>;
  /** An organization waiting for its first payment, with its admin. */
  createPending(input: { organizationId: string; name: string; userId: string }): Promise<void>;
  /** Records the Stripe customer of an organization (before its checkout). */
  setStripeCustomer(organizationId: string, customerId: string): Promise<void>;
  applyStripeEvent(effect: StripeEffect): Promise<StripeOutcome>;
  /** The checklist of the user's organization (the first they joined, or the one named); null if none. */
  checklist(userId: string, organizationId?: string): Promise<ChecklistRecord | null>;
  /** False when the user is not a member. */
  completeTask(userId: string, organizationId: string, task: ChecklistTask): Promise<boolean>;
  dismiss(userId: string, organizationId: string): Promise<'dismissed' | 'forbidden' | 'not_member'>;
  /** Welcomes and trial-ending reminders owed at `now` (trials ending within `noticeDays`). */
  dueMessages(now: Date, noticeDays: number, limit: number): Promise<DueWorkspaceMessage[]>;
  /** Marks one sent and writes its outbox messages, once. */
  recordMessage(organizationId: string, kind: DueWorkspaceMessage['kind'], messages: WorkspaceOutboxMessage[]): Promise<'recorded' | 'duplicate'>;
}

const dueJson = z.array(
  z.object({
    organization_id: z.string(),
    name: z.string(),
    kind: z.enum(['welcome', 'trial_ending', 'billing_alert']),
    trial_ends_at: z.coerce.date().nullable(),
    is_on_trial: z.boolean(),
    language: z.string().nullable(),
    channel: z.string().nullable(),
    phone_number: z.string().nullable(),
    bot_number: z.string().nullable(),
    email: z.string().nullable(),
    full_name: z.string().nullable(),
  }),
);

/** Reads public.workspace_due_messages' answer. */
export function parseDueMessages(value: unknown): DueWorkspaceMessage[] {
  return dueJson.parse(value ?? []).map((r) => ({
    organizationId: r.organization_id,
    name: r.name,
    kind: r.kind,
    trialEndsAt: r.trial_ends_at,
    isOnTrial: r.is_on_trial,
    language: r.language,
    channel: r.channel,
    phoneNumber: r.phone_number,
    botNumber: r.bot_number,
    email: r.email,
    fullName: r.full_name,
  }));
}

const at = z.coerce.date().nullable();
const checklistJson = z
  .object({
    organization_id: z.string(),
    organization_name: z.string(),
    role: z.enum(['admin', 'member']),
    completed: z.boolean(),
    completed_at: at,
    dismissed: z.boolean(),
    is_on_trial: z.boolean(),
    trial_ends_at: at,
    stripe_subscription_status: z.string().nullable(),
  })
  .catchall(z.unknown());

/** Reads public.workspace_checklist's answer. */
export function parseChecklist(value: unknown): ChecklistRecord | null {
  if (value === null || value === undefined) return null;
  const r = checklistJson.parse(value);
  const done = Object.fromEntries(
    checklistTasks.map((task) => [task, r[task] === true ? at.parse(r[`${task}_at`] ?? null) ?? new Date(0) : null]),
  ) as Record<ChecklistTask, Date | null>;
  return {
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    role: r.role,
    done,
    completed: r.completed,
    completedAt: r.completed_at,
    dismissed: r.dismissed,
    isOnTrial: r.is_on_trial,
    trialEndsAt: r.trial_ends_at,
    subscriptionStatus: r.stripe_subscription_status,
  };
}

/** public.workspace_provision's argument. */
export function provisionArgument(input: Parameters<WorkspaceStore['provision']>[0]): Record<string, unknown> {
  return {
    organization_id: input.organizationId,
    trigger: input.trigger,
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.userId !== undefined ? { user_id: input.userId } : {}),
    ...(input.trialEndsAt ? { trial_ends_at: input.trialEndsAt.toISOString() } : {}),
  };
}

/** public.billing_apply_stripe_event's argument. */
export function stripeArgument(e: StripeEffect): Record<string, unknown> {
  return { id: e.id, type: e.type, organization_id: e.organizationId, customer_id: e.customerId, subscription_id: e.subscriptionId, status: e.status };
}

/** Reads public.billing_apply_stripe_event's answer. */
export function parseStripeOutcome(value: unknown): StripeOutcome {
  const r = z
    .object({ outcome: z.enum(['duplicate', 'unknown_organization', 'applied']), organization_id: z.string().optional(), provisioned: z.boolean().optional() })
    .parse(value);
  return r.outcome === 'applied' ? { outcome: 'applied', organizationId: r.organization_id ?? '', provisioned: r.provisioned ?? false } : { outcome: r.outcome };
}
