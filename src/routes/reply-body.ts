import { z } from 'zod';

/** The body of a chat reply, anonymous or signed-in: the text, and an optional id that makes a retry safe. */
export const replyBody = z.strictObject({
  text: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
  message_id: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'use 1 to 100 letters, digits, "_", ".", ":" or "-"')
    .optional(),
});
