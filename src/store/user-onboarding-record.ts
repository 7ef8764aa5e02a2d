import { z } from 'zod';
import type { UserOnboardingRecord } from './session-store.js';

const timestamp = z.union([z.string(), z.date()]).nullable().transform((value) => (value === null ? null : new Date(value)));

/** The JSON of public.onboarding_step_medians: seconds by step (numeric arrives as a number or a string). */
export const stepMedians = z.record(z.string(), z.coerce.number());

/** The JSON of public.onboarding_user_status (a user_onboarding row), as every driver reads it. */
export const userOnboardingRow = z
  .object({
    user_id: z.string(),
    flow_id: z.string(),
    session_id: z.string().nullable(),
    status: z.enum(['not_started', 'in_progress', 'completed', 'skipped']),
    current_step: z.number().int(),
    total_steps: z.number().int(),
    completed_steps: z.array(z.string()),
    started_at: timestamp,
    completed_at: timestamp,
    skipped_at: timestamp,
  })
  .nullable()
  .transform((row): UserOnboardingRecord | null =>
    row
      ? {
          userId: row.user_id,
          flowId: row.flow_id,
          sessionId: row.session_id,
          status: row.status,
          currentStep: row.current_step,
          totalSteps: row.total_steps,
          completedSteps: row.completed_steps,
          startedAt: row.started_at,
          completedAt: row.completed_at,
          skippedAt: row.skipped_at,
        }
      : null,
  );
