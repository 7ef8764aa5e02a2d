import { z } from 'zod';
import { nudgesSchema } from './nudge-schema.js';

/** Identifier for flows, steps and choice values: lower-case, digits, `_` and `-`. */
const identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, 'use lower-case letters, digits, "_" or "-", starting with a letter');

/** An i18n key inside the flow's namespace (or `ns:key` for another namespace). */
const messageKey = z.string().min(1).describe('i18n key, looked up in locales/<lng>/<namespace>.json');

/** The input types a step can ask for; each has one parser in src/conversation/parsers. */
export const inputTypes = ['text', 'email', 'phone', 'date', 'time', 'choice', 'multi_choice', 'list', 'place', 'yes_no', 'number', 'year'] as const;
export type InputType = (typeof inputTypes)[number];

/**
 * Step types: an input type; `entries`, a repeated group of fields (a list of entries, "add another?"); or
 * `image`, a photo (sent over WhatsApp / MMS or uploaded through the API or the widget), never typed.
 */
export const stepTypes = [...inputTypes, 'entries', 'image'] as const;
export type StepType = (typeof stepTypes)[number];

/** A condition on earlier answers; a step with `when` is asked only when it holds. */
export type Condition =
  | { step: string; equals: string | number | boolean }
  | { step: string; in: Array<string | number> }
  | { step: string; answered: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ step: identifier, equals: z.union([z.string(), z.number(), z.boolean()]) }),
    z.strictObject({ step: identifier, in: z.array(z.union([z.string(), z.number()])).min(1) }),
    z.strictObject({ step: identifier, answered: z.boolean() }),
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);

/** Validation options; each input type reads the ones that apply to it. */
export const validationSchema = z
  .strictObject({
    min_length: z.number().int().min(0).optional().describe('text: fewest characters'),
    max_length: z.number().int().min(1).optional().describe('text: most characters; list: most characters of one item (default 60)'),
    pattern: z.string().optional().describe('text: a regular expression the answer must match'),
    min: z.union([z.number(), z.string()]).optional().describe('number: smallest value; date: earliest ISO date; year: earliest year (default 1900)'),
    max: z.union([z.number(), z.string()]).optional().describe('number: largest value; date: latest ISO date'),
    integer: z.boolean().optional().describe('number: whole numbers only'),
    past: z.boolean().optional().describe('date: must not be in the future'),
    allow_unknown: z.boolean().optional().describe('time/date: the person may say they do not know'),
    default_country: z.string().length(2).optional().describe('phone: ISO country when the number has no prefix'),
    min_items: z.number().int().min(0).optional().describe('list, multi_choice: fewest items (default 1)'),
    max_items: z.number().int().min(1).optional().describe('list: most items (default 20); multi_choice: most options (default all)'),
    allow_now: z.boolean().optional().describe('year: "now" / "present" is an answer, stored as "now"'),
    max_bytes: z.number().int().min(1).optional().describe('image: the largest photo in bytes (default IMAGE_MAX_BYTES)'),
  })
  .default({});

export const choiceSchema = z.strictObject({
  value: identifier,
  label: messageKey,
  synonyms: z.array(z.string()).optional().describe('extra words that pick this choice, any language'),
});

/** Where a known answer can come from: the verified access token's claims (see src/auth). */
export const knownAnswerSources = ['user.name', 'user.email'] as const;
export type KnownAnswerSource = (typeof knownAnswerSources)[number];

/** Who a flow's sessions belong to (see docs/architecture.md, "Identity of a session"). */
export const audiences = ['anonymous', 'user'] as const;
export type Audience = (typeof audiences)[number];

/** A group of steps that a product shows as one step of its onboarding (a wizard page). */
export const groupSchema = z.strictObject({
  id: identifier,
  steps: z.array(identifier).min(1).describe('the step ids of this group, in flow order'),
});

/** One field of an `entries` step: asked in turn for each entry. */
export const fieldSchema = z.strictObject({
  id: identifier,
  type: z.enum(inputTypes),
  prompt: messageKey,
  validation: validationSchema,
  choices: z.array(choiceSchema).min(2).optional().describe('required for type "choice"'),
  optional: z.boolean().default(false),
});

export const stepSchema = z.strictObject({
  id: identifier,
  type: z.enum(stepTypes),
  prompt: messageKey,
  help: messageKey.optional().describe('explains the question; said on "help" and after repeated failures'),
  validation: validationSchema,
  choices: z.array(choiceSchema).min(2).optional().describe('required for type "choice"'),
  optional: z.boolean().default(false),
  fields: z.array(fieldSchema).min(1).optional().describe('required for type "entries": the fields of one entry, asked in order'),
  max_entries: z.number().int().min(1).max(50).default(10).describe('entries: the most entries one answer holds'),
  when: conditionSchema.optional(),
  depends_on: z.array(identifier).default([]).describe('re-ask this step when one of these answers changes'),
  prefill: z
    .enum(knownAnswerSources)
    .optional()
    .describe('an answer the product already knows (a signed-in user\'s claims), offered for confirmation, never taken silently'),
  extract: z
    .enum(['name'])
    .optional()
    .describe('text steps: how to find this answer inside a longer message ("name": after "I\'m", "my name is"...)'),
});

export const flowSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: identifier,
    version: z.number().int().min(1),
    namespace: z.string().min(1).describe('i18n namespace holding this flow\'s messages'),
    greeting: messageKey.optional().describe('said before the first question'),
    profile: z.string().min(1).default('answers').describe('profile generator run when the flow completes'),
    audience: z
      .enum(audiences)
      .default('anonymous')
      .describe('anonymous: a session key; user: a verified Supabase Auth user, one onboarding per user and flow'),
    skippable: z.boolean().default(false).describe('the person may skip the whole onboarding ("skip onboarding"); a later start resumes it'),
    outcome: z
      .string()
      .min(1)
      .optional()
      .describe('the outcome module that writes each completed group into the product\'s tables (src/outcomes)'),
    groups: z
      .array(groupSchema)
      .min(1)
      .optional()
      .describe('the onboarding\'s steps as the status API counts them; default: one group per step'),
    languages: z.array(z.string().min(2)).min(1).default(['en']),
    steps: z.array(stepSchema).min(1),
    nudges: nudgesSchema.optional().describe('reminders after the person stops answering; none without this'),
  })
  .superRefine((flow, ctx) => {
    checkGroups(flow, ctx);
    const seen = new Map<string, number>();
    flow.steps.forEach((step, index) => {
      if (seen.has(step.id)) {
        ctx.addIssue({ code: 'custom', path: ['steps', index, 'id'], message: `duplicate step id "${step.id}"` });
      }
      seen.set(step.id, index);
      const takesChoices = step.type === 'choice' || step.type === 'multi_choice';
      if (takesChoices && !step.choices) {
        ctx.addIssue({ code: 'custom', path: ['steps', index, 'choices'], message: `a ${step.type} step needs choices` });
      }
      if (step.validation.pattern !== undefined && !compiles(step.validation.pattern)) {
        ctx.addIssue({ code: 'custom', path: ['steps', index, 'validation', 'pattern'], message: 'is not a valid regular expression' });
      }
      if (!takesChoices && step.choices) {
        ctx.addIssue({ code: 'custom', path: ['steps', index, 'choices'], message: 'only choice and multi_choice steps take choices' });
      }
      if ((step.type === 'entries') !== (step.fields !== undefined)) {
        ctx.addIssue({ code: 'custom', path: ['steps', index, 'fields'], message: 'an entries step needs fields, and only entries steps take them' });
      }
      step.fields?.forEach((field, at) => {
        if ((field.type === 'choice' || field.type === 'multi_choice') !== (field.choices !== undefined)) {
          ctx.addIssue({ code: 'custom', path: ['steps', index, 'fields', at, 'choices'], message: 'choice and multi_choice fields, and only they, take choices' });
        }
      });
      if (step.prefill && flow.audience !== 'user') {
        ctx.addIssue({ code: 'custom', path: ['steps', index, 'prefill'], message: 'only flows with audience "user" know answers to prefill' });
      }
      for (const ref of [...stepsReferencedBy(step.when), ...step.depends_on]) {
        const at = seen.get(ref);
        if (at === undefined || at >= index) {
          ctx.addIssue({
            code: 'custom',
            path: ['steps', index],
            message: `step "${step.id}" refers to "${ref}", which is not an earlier step`,
          });
        }
      }
    });
  });

/** Every step in exactly one group, the groups in the steps' order. */
function checkGroups(flow: { steps: Array<{ id: string }>; groups?: Array<{ id: string; steps: string[] }> | undefined }, ctx: z.RefinementCtx): void {
  if (!flow.groups) return;
  const order = flow.groups.flatMap((group) => group.steps);
  const expected = flow.steps.map((step) => step.id);
  if (order.join('\n') !== expected.join('\n')) {
    ctx.addIssue({ code: 'custom', path: ['groups'], message: `groups must list every step once, in flow order: ${expected.join(', ')}` });
  }
  const ids = flow.groups.map((group) => group.id);
  if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['groups'], message: 'duplicate group id' });
}

/** A validated flow definition, as written in flows/*.yaml. */
export type FlowDefinition = z.infer<typeof flowSchema>;
/** One step of a flow. */
export type StepDefinition = z.infer<typeof stepSchema>;
/** Validation options of a step. */
export type StepValidation = z.infer<typeof validationSchema>;
/** One field of an entries step. */
export type FieldDefinition = z.infer<typeof fieldSchema>;
/** One group of steps. */
export type GroupDefinition = z.infer<typeof groupSchema>;
/** One option of a choice step. */
export type ChoiceDefinition = z.infer<typeof choiceSchema>;

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Every step id a condition reads. */
export function stepsReferencedBy(condition: Condition | undefined): string[] {
  if (!condition) return [];
  if ('all' in condition) return condition.all.flatMap(stepsReferencedBy);
  if ('any' in condition) return condition.any.flatMap(stepsReferencedBy);
  if ('not' in condition) return stepsReferencedBy(condition.not);
  return [condition.step];
}
