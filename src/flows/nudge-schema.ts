import { z } from 'zod';

/** A duration as flow authors write it: a number and a unit (s, m, h, d), e.g. `15m`, `23h`, `3d`. */
export const durationSchema = z
  .string()
  .regex(/^\d{1,5}[smhd]$/, 'a number and a unit: s, m, h or d (e.g. 15m, 23h, 3d)')
  .describe('a number and a unit: s, m, h or d');

const unitSeconds = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** The seconds a duration string stands for. */
export function durationSeconds(duration: string): number {
  const unit = duration.at(-1) as keyof typeof unitSeconds;
  return Number(duration.slice(0, -1)) * unitSeconds[unit];
}

/** The channels a nudge can go by. */
export const nudgeChannels = ['sms', 'whatsapp', 'email'] as const;
export type NudgeChannel = (typeof nudgeChannels)[number];

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Reminders to a person who stopped answering (see docs/architecture.md, "Reminders"). */
export const nudgesSchema = z
  .strictObject({
    after: z
      .array(durationSchema)
      .min(1)
      .max(10)
      .describe('how long after the person\'s last message each nudge goes, in order; a message from them starts the count again'),
    max: z.number().int().min(1).max(10).optional().describe('the most nudges one session gets in all; default: as many as `after` lists'),
    channels: z
      .array(z.enum(nudgeChannels))
      .min(1)
      .describe('sessions on these channels are nudged there; "email" nudges web sessions whose email answer is known'),
    whatsapp_fallback: z
      .enum(['sms', 'email', 'none'])
      .default('none')
      .describe('outside WhatsApp\'s 24-hour window with no approved template: send by SMS or email instead, or not at all'),
    timezone: z.string().refine(isTimeZone, 'is not an IANA time zone').default('UTC').describe('quiet hours fall in this zone when the person\'s own is not known'),
    message: z.string().min(1).default('common:nudge.reminder').describe('the message key (it gets {{question}} and {{link}})'),
  })
  .superRefine((nudges, ctx) => {
    const seconds = nudges.after.map(durationSeconds);
    if (seconds.some((s, i) => i > 0 && s <= (seconds[i - 1] ?? 0))) {
      ctx.addIssue({ code: 'custom', path: ['after'], message: 'each nudge must come later than the one before' });
    }
  });

/** A flow's nudge declaration. */
export type NudgesDefinition = z.infer<typeof nudgesSchema>;
