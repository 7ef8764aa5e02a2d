import type { z } from 'zod';
import { BadRequestError } from '../errors.js';

/** Validates a request part with a zod schema; a failure is a 400 naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  throw new BadRequestError('INVALID_REQUEST', `Invalid ${what}: ${problems}`);
}
