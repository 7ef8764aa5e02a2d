import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** What must hold after a turn; every field is optional and only the given ones are checked. */
const expectation = z.strictObject({
  status: z.string().optional(),
  next_step: z.string().nullable().optional(),
  /** Subset of collected_data. */
  answers: z.record(z.string(), z.unknown()).optional(),
  /** Steps that must have no answer. */
  unanswered: z.array(z.string()).optional(),
  /** Text that one of the turn's messages contains. */
  says: z.union([z.string(), z.array(z.string())]).optional(),
  /** Text that none of the turn's messages contains. */
  not_says: z.union([z.string(), z.array(z.string())]).optional(),
  /** Labels of the choices offered with the last message. */
  choices: z.array(z.string()).optional(),
  progress: z.strictObject({ answered: z.number(), total: z.number() }).optional(),
  /** Subset of the profile. */
  profile: z.record(z.string(), z.unknown()).optional(),
});

const turn = z.strictObject({
  /** What the person writes; absent on the first entry, which checks the greeting. */
  user: z.string().optional(),
  expect: expectation,
});

/** A scripted conversation file: tests/conversations/<flow id>/<name>.yaml. */
export const conversationScriptSchema = z.strictObject({
  description: z.string(),
  flow: z.string(),
  language: z.string(),
  /** Signed-in flows: what the access token says of the person (a name is offered for confirmation). */
  user: z.strictObject({ name: z.string().optional(), email: z.string().optional() }).optional(),
  /** A phone flow's verified number (audience phone). */
  phone: z.string().regex(/^\+[1-9]\d{6,14}$/).optional(),
  turns: z.array(turn).min(1),
});

export type ConversationScript = z.infer<typeof conversationScriptSchema>;
export type TurnExpectation = z.infer<typeof expectation>;

export function readConversationScript(file: string): ConversationScript {
  const result = conversationScriptSchema.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!result.success) throw new Error(`${file}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return result.data;
}
