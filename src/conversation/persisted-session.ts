import { z } from 'zod';

/** Version of the persisted snapshot envelope; bump it and add a migration when its shape changes. */
export const PERSISTED_FORMAT = 1;

/** What the store keeps per session: the XState snapshot pinned to the flow it was made with. */
export const persistedSessionSchema = z.object({
  format: z.literal(PERSISTED_FORMAT),
  flowId: z.string(),
  flowVersion: z.number().int(),
  flowHash: z.string(),
  snapshot: z.record(z.string(), z.unknown()),
});

export type PersistedSession = z.infer<typeof persistedSessionSchema>;
