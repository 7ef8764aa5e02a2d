import type { Checkout } from '../billing/checkout.js';
import type { ProfileData, ProfileGenerator } from '../profiles/profile-generator.js';

export interface WorkspaceGeneratorDeps {
  checkout: Checkout;
  trialDays: number;
  trialsEnabled: boolean;
  clock: () => Date;
}

/**
 * The workspace flow's outcome message, after the turn that provisioned (trial) or created (pay first) the
 * organization committed: the trial's days and end date, or the payment link (Stripe Checkout, an I/O call, so
 * this runs in the profile runner, not in the turn). The organization's id is the session's.
 */
export function workspaceGenerator(deps: WorkspaceGeneratorDeps): ProfileGenerator {
  return {
    kind: 'workspace',
    async generate({ sessionId, language, answers, translate }): Promise<ProfileData> {
      const name = typeof answers.organization_name === 'string' ? answers.organization_name.trim() : '';
      const email = typeof answers.email === 'string' ? answers.email : null;
      if (deps.trialsEnabled && answers.start === 'trial') {
        const endsAt = new Date(deps.clock().getTime() + deps.trialDays * 86_400_000);
        const date = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(endsAt);
        return {
          kind: 'workspace',
          organization_id: sessionId,
          start: 'trial',
          trial_days_remaining: deps.trialDays,
          trial_ends_at: endsAt.toISOString(),
          summary: translate('workspace-trial:done.trial', { name, days: deps.trialDays, date }),
        };
      }
      const link = await deps.checkout.paymentLink({ organizationId: sessionId, name, email });
      return { kind: 'workspace', organization_id: sessionId, start: 'pay', payment_url: link, summary: translate('workspace-trial:done.pay', { name, link }) };
    },
  };
}
