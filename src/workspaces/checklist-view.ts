import type { Translate } from '../conversation/translate.js';
import { checklistTasks, type ChecklistRecord } from '../store/workspace-store.js';

/** What GET /onboarding/api/checklist answers. */
export interface ChecklistView {
  organization_id: string;
  organization_name: string;
  tasks: Array<{ key: string; title: string; description: string; done: boolean; done_at: string | null }>;
  progress_percent: number;
  next_task: string | null;
  completed: boolean;
  dismissed: boolean;
  is_on_trial: boolean;
  trial_days_remaining: number | null;
  trial_ends_at: string | null;
  billing_problem: boolean;
}

/** The checklist in the reader's language, with progress, the next task and the trial's days left (whole days, rounded up). */
export function checklistView(record: ChecklistRecord, translate: Translate, now: Date): ChecklistView {
  const tasks = checklistTasks.map((key) => {
    const at = record.done[key];
    return { key, title: translate(`workspace:tasks.${key}.title`), description: translate(`workspace:tasks.${key}.description`), done: at !== null, done_at: at?.toISOString() ?? null };
  });
  const done = tasks.filter((t) => t.done).length;
  const ends = record.trialEndsAt;
  return {
    organization_id: record.organizationId,
    organization_name: record.organizationName,
    tasks,
    progress_percent: Math.round((done / tasks.length) * 100),
    next_task: tasks.find((t) => !t.done)?.key ?? null,
    completed: record.completed,
    dismissed: record.dismissed,
    is_on_trial: record.isOnTrial,
    trial_days_remaining: record.isOnTrial && ends ? Math.max(0, Math.ceil((ends.getTime() - now.getTime()) / 86_400_000)) : null,
    trial_ends_at: record.isOnTrial && ends ? ends.toISOString() : null,
    billing_problem: record.subscriptionStatus === 'past_due' || record.subscriptionStatus === 'unpaid',
  };
}
