import { randomBytes } from 'node:crypto';
import { publicUrlOf, type Config } from '../config.js';
import { loadOrCreateDevSecret } from '../auth/dev-secret.js';
import { consoleEmailSender, smtpEmailSender, type EmailSender } from '../email/email-sender.js';
import type { PeriodicJob } from '../jobs/job-runner.js';
import { createMagicLinks, type MagicLinks } from '../resume/magic-links.js';
import type { ServiceLogger } from '../sessions/service-deps.js';
import type { ReminderStore } from '../store/reminder-store.js';
import type { NudgeSweepDeps } from './nudge-sweep.js';
import { sweepNudges } from './nudge-sweep.js';
import { parseQuietHours } from './quiet-hours.js';

/** SMTP with SMTP_URL, else the log. */
export function emailSenderFor(config: Pick<Config, 'SMTP_URL' | 'EMAIL_FROM'>, logger: ServiceLogger): EmailSender {
  return config.SMTP_URL ? smtpEmailSender(config.SMTP_URL, config.EMAIL_FROM) : consoleEmailSender(logger);
}

/** Magic links signed with RESUME_LINK_SECRET, else a development secret kept in DATA_DIR (random in memory without one). */
export function magicLinksFor(config: Pick<Config, 'RESUME_LINK_SECRET' | 'RESUME_LINK_TTL_HOURS' | 'DATA_DIR' | 'PUBLIC_URL' | 'HOST' | 'PORT'>): MagicLinks {
  const secret = resumeSecretFor(config);
  return createMagicLinks(secret, publicUrlOf(config), config.RESUME_LINK_TTL_HOURS);
}

/**
 * RESUME_LINK_SECRET, else the development secret in DATA_DIR, else a random one for this process. Also keys the
 * session keys of idempotent starts (with a label of their own), so every process of a deployment derives the same.
 */
export function resumeSecretFor(config: Pick<Config, 'RESUME_LINK_SECRET' | 'DATA_DIR'>): string {
  return (
    config.RESUME_LINK_SECRET ??
    (config.DATA_DIR ? loadOrCreateDevSecret(config.DATA_DIR, 'dev-resume-secret').secret : randomBytes(48).toString('base64url'))
  );
}

/** The nudge settings from configuration. */
export function nudgeSettingsFor(config: Pick<Config, 'NUDGE_QUIET_HOURS' | 'TWILIO_WHATSAPP_TEMPLATES' | 'TWILIO_SMS_NUMBER'>): NudgeSweepDeps['settings'] {
  return {
    quietHours: parseQuietHours(config.NUDGE_QUIET_HOURS),
    whatsappTemplates: config.TWILIO_WHATSAPP_TEMPLATES,
    smsNumber: config.TWILIO_SMS_NUMBER ?? null,
  };
}

/** The periodic jobs of reminders: the nudge sweep every minute, abandoned sessions every hour. */
export function reminderJobs(deps: NudgeSweepDeps, reminders: ReminderStore, abandonAfterDays: number, clock: () => Date): PeriodicJob[] {
  return [
    { name: 'nudge-sweep', cron: '* * * * *', run: () => sweepNudges(deps, clock()) },
    {
      name: 'mark-abandoned',
      cron: '7 * * * *',
      run: async () => {
        const marked = await reminders.markAbandoned(new Date(clock().getTime() - abandonAfterDays * 86_400_000));
        if (marked > 0) deps.logger.info({ marked, abandonAfterDays }, `marked ${marked} sessions abandoned`);
      },
    },
  ];
}
