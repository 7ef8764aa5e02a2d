import type { ProfileGenerator } from '../profiles/profile-generator.js';

/**
 * The practitioner flow's completion (its `profile: practitioner`): the answers, and a summary that says they
 * are all set with the link to their dashboard (DASHBOARD_URL). Quick and pure, so it runs in the turn that
 * completes the flow, the turn that also writes group 5 and the completion flag.
 */
export function practitionerGenerator(dashboardUrl: string): ProfileGenerator {
  return {
    kind: 'practitioner',
    runsInTurn: true,
    async generate({ flowId, answers, translate }) {
      return {
        kind: 'practitioner',
        flow: flowId,
        summary: translate('practitioner-onboarding:completed', { dashboard_url: dashboardUrl }),
        dashboard_url: dashboardUrl,
        answers: { ...answers },
      };
    },
  };
}
