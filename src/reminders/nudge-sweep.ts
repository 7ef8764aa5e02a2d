import type { FlowRuntime } from '../conversation/flow-runtime.js';
import type { Localizer } from '../i18n/create-i18n.js';
import type { MagicLinks } from '../resume/magic-links.js';
import type { ServiceLogger } from '../sessions/service-deps.js';
import type { MessagingStore } from '../store/messaging-store.js';
import type { NudgeRecord, ReminderStore } from '../store/reminder-store.js';
import { decideNudge, nudgePlans, type NudgeCandidate, type NudgeRoute, type NudgeSettings } from './nudge-plan.js';

export interface NudgeSweepDeps {
  reminders: ReminderStore;
  messaging: MessagingStore;
  flows: ReadonlyMap<string, FlowRuntime>;
  localizer: Localizer;
  settings: NudgeSettings;
  /** Puts a magic link in each nudge; null without a way to sign one. */
  links: MagicLinks | null;
  logger: ServiceLogger;
  /** Called after a sweep wrote outbox messages (the outbox worker sends them). */
  outboxWritten: () => void;
}

/** What one sweep did. */
export interface SweepResult {
  sent: number;
  skipped: number;
  waiting: number;
  cancelled: number;
}

const PAGE = 200;

/**
 * Sends the nudges due at `now`: reads due candidates page by page, decides each (quiet hours, channel rules),
 * and records each with its outbox message in one transaction. Idempotent: a nudge is unique per session, silence
 * and schedule place, so two sweeps at once (two processes) or a sweep run again after a crash send it once; a
 * reply in between cancels it (the silence it belonged to is over).
 */
export async function sweepNudges(deps: NudgeSweepDeps, now: Date): Promise<SweepResult> {
  const result: SweepResult = { sent: 0, skipped: 0, waiting: 0, cancelled: 0 };
  const plans = nudgePlans([...deps.flows.values()].map((flow) => flow.definition));
  if (Object.keys(plans).length === 0) return result;
  let after: NudgeCandidate | undefined;
  for (;;) {
    const page = await deps.reminders.nudgeCandidates(now, plans, PAGE, after);
    for (const candidate of page) {
      const outcome = await nudgeOne(deps, candidate, now);
      result[outcome] += 1;
    }
    if (page.length < PAGE) break;
    after = page.at(-1);
  }
  if (result.sent > 0) deps.outboxWritten();
  if (result.sent + result.skipped + result.cancelled > 0) deps.logger.info({ nudges: result }, 'nudge sweep');
  return result;
}

async function nudgeOne(deps: NudgeSweepDeps, c: NudgeCandidate, now: Date): Promise<keyof SweepResult> {
  const flow = deps.flows.get(c.flowId)?.definition;
  if (!flow?.nudges) return 'waiting';
  const base = { sessionId: c.id, silenceKey: c.silenceKey, sequence: c.sequence, step: c.currentStep, language: c.language };
  const decision = decideNudge(flow, c, now, deps.settings);
  if (decision.kind === 'wait') return 'waiting';
  let record: NudgeRecord;
  if (decision.kind === 'none') record = { ...base, skipReason: decision.reason };
  else if (decision.route.channel !== 'email' && (await deps.messaging.isOptedOut(decision.route.to, decision.route.channel))) {
    record = { ...base, skipReason: 'the number opted out' };
  } else record = { ...base, message: await messageFor(deps, flow.nudges.message, c, decision.route, now) };
  const outcome = await deps.reminders.recordNudge(record);
  if (outcome === 'recorded') return 'sent';
  if (outcome === 'skipped') return 'skipped';
  return 'cancelled';
}

async function messageFor(deps: NudgeSweepDeps, messageKey: string, c: NudgeCandidate, route: NudgeRoute, now: Date) {
  const translate = deps.localizer.translator(c.language);
  const link = deps.links ? await deps.links.linkFor(c.id, now) : null;
  const body = [translate(messageKey), ...(link ? [translate('common:nudge.link', { link })] : [])].join('\n');
  return {
    channel: route.channel,
    to: route.to,
    from: route.from,
    kind: 'nudge',
    body,
    subject: route.channel === 'email' ? translate('common:nudge.subject') : null,
    // The WhatsApp template's one variable: the link (empty without one).
    variables: { '1': link ?? '' },
  };
}
