import type { AnswerValue } from '../conversation/parsers/parser-types.js';
import type { FlowDefinition } from '../flows/flow-schema.js';
import { durationSeconds, type NudgeChannel, type NudgesDefinition } from '../flows/nudge-schema.js';
import { WHATSAPP_WINDOW_MS } from '../channels/twilio-messaging/whatsapp-window.js';
import type { Channel } from '../store/session-store.js';
import { personTimeZone } from './person-time-zone.js';
import { outsideQuietHours, type QuietHours } from './quiet-hours.js';

/** An open, silent session the database found due a nudge (public.onboarding_nudge_candidates). */
export interface NudgeCandidate {
  id: string;
  flowId: string;
  channel: Channel;
  phoneNumber: string | null;
  botNumber: string | null;
  userId: string | null;
  language: string;
  currentStep: string | null;
  collectedData: Record<string, AnswerValue>;
  lastInboundAt: Date | null;
  /** The silence this nudge belongs to: the session's updated_at, exactly as stored (text, microseconds kept). */
  silenceKey: string;
  silenceStartedAt: Date;
  /** Which nudge of the flow's schedule is due (0 for the first of this silence). */
  sequence: number;
}

/** Where and how the nudge goes. */
export interface NudgeRoute {
  channel: NudgeChannel;
  to: string;
  from: string | null;
}

/** What the sweep does with a candidate now. */
export type NudgeDecision =
  | { kind: 'send'; route: NudgeRoute }
  /** Due in the person's quiet hours: a later sweep sends it from `until`. */
  | { kind: 'wait'; until: Date }
  /** Nothing to send it by (a web session with no email, WhatsApp outside its window with no template or fallback). */
  | { kind: 'none'; reason: string };

export interface NudgeSettings {
  quietHours: QuietHours;
  /** WhatsApp templates by message kind (TWILIO_WHATSAPP_TEMPLATES); a `nudge` template may go outside the window. */
  whatsappTemplates: Readonly<Record<string, string>>;
  /** The SMS number fallbacks are sent from (TWILIO_SMS_NUMBER). */
  smsNumber: string | null;
}

/** Which sessions each nudge channel reaches: SMS also reaches callers (by text), email reaches web and form sessions. */
const sessionChannelsNudgedBy: Record<NudgeChannel, Channel[]> = { sms: ['sms', 'voice'], whatsapp: ['whatsapp'], email: ['web', 'api'] };

/** One flow's schedule as public.onboarding_nudge_candidates reads it. */
export interface NudgePlan {
  after: number[];
  max: number;
  session_channels: Channel[];
}

/** The schedule the database query takes: {flow id: {after: [seconds], max}} for the flows that nudge. */
export function nudgePlans(flows: Iterable<FlowDefinition>): Record<string, NudgePlan> {
  const plans: Record<string, NudgePlan> = {};
  for (const flow of flows) {
    if (!flow.nudges) continue;
    plans[flow.id] = {
      after: flow.nudges.after.map(durationSeconds),
      max: flow.nudges.max ?? flow.nudges.after.length,
      session_channels: flow.nudges.channels.flatMap((channel) => sessionChannelsNudgedBy[channel]),
    };
  }
  return plans;
}

/** The email address the person gave, from the flow's first email step with an answer. */
function emailOf(flow: FlowDefinition, answers: Readonly<Record<string, AnswerValue>>): string | null {
  for (const step of flow.steps) {
    const value = answers[step.id];
    if (step.type === 'email' && typeof value === 'string' && value.includes('@')) return value;
  }
  return null;
}

function routeFor(flow: FlowDefinition, nudges: NudgesDefinition, c: NudgeCandidate, now: Date, settings: NudgeSettings): NudgeRoute | string {
  const allows = (channel: NudgeChannel): boolean => nudges.channels.includes(channel);
  const email = (): NudgeRoute | string => {
    const address = emailOf(flow, c.collectedData);
    return address ? { channel: 'email', to: address, from: null } : 'no email address is known';
  };
  switch (c.channel) {
    case 'sms':
    case 'voice':
      if (!allows('sms')) return `the flow does not nudge ${c.channel} sessions`;
      return c.phoneNumber ? { channel: 'sms', to: c.phoneNumber, from: c.botNumber } : 'no phone number';
    case 'whatsapp': {
      if (!allows('whatsapp')) return 'the flow does not nudge WhatsApp sessions';
      if (!c.phoneNumber) return 'no phone number';
      const open = c.lastInboundAt !== null && now.getTime() - c.lastInboundAt.getTime() < WHATSAPP_WINDOW_MS;
      if (open || settings.whatsappTemplates.nudge) return { channel: 'whatsapp', to: c.phoneNumber, from: c.botNumber };
      if (nudges.whatsapp_fallback === 'sms') {
        return settings.smsNumber ? { channel: 'sms', to: c.phoneNumber, from: settings.smsNumber } : 'SMS fallback without TWILIO_SMS_NUMBER';
      }
      if (nudges.whatsapp_fallback === 'email') return email();
      return 'outside the WhatsApp 24-hour window, with no "nudge" template and no fallback';
    }
    case 'web':
    case 'api':
      return allows('email') ? email() : 'the flow does not nudge web sessions by email';
  }
}

/**
 * Decides a due candidate: the route, or a wait until the person's quiet hours end, or why it cannot go. The
 * database already checked the schedule (silent long enough, fewer than `max` sent); quiet hours are kept in the
 * person's own time zone (see person-time-zone.ts).
 */
export function decideNudge(flow: FlowDefinition, c: NudgeCandidate, now: Date, settings: NudgeSettings): NudgeDecision {
  const nudges = flow.nudges;
  if (!nudges) return { kind: 'none', reason: 'the flow has no nudges' };
  const after = nudges.after[c.sequence];
  if (after === undefined) return { kind: 'none', reason: 'the schedule has no more nudges' };
  const due = new Date(c.silenceStartedAt.getTime() + durationSeconds(after) * 1000);
  const zone = personTimeZone(c.collectedData, c.phoneNumber, nudges.timezone);
  const allowed = outsideQuietHours(due > now ? due : now, zone, settings.quietHours);
  if (allowed.getTime() > now.getTime()) return { kind: 'wait', until: allowed };
  const route = routeFor(flow, nudges, c, now, settings);
  return typeof route === 'string' ? { kind: 'none', reason: route } : { kind: 'send', route };
}
