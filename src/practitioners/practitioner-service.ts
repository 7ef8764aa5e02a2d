import { createHash } from 'node:crypto';
import type { FlowRuntime } from '../conversation/flow-runtime.js';
import { parseContextOf } from '../conversation/parse-context.js';
import type { AnswerValue } from '../conversation/parsers/parser-types.js';
import type { OutgoingMessage } from '../conversation/render-outputs.js';
import { AppError, BadRequestError, ConfigError } from '../errors.js';
import type { KnownAnswerSource } from '../flows/flow-schema.js';
import type { ServiceDeps } from '../sessions/service-deps.js';
import { flowFor } from '../sessions/session-access.js';
import { hashSessionKey, newSessionKey } from '../sessions/session-keys.js';
import type { SessionService } from '../sessions/session-service.js';
import type { TurnReply } from '../sessions/session-views.js';
import type { Channel } from '../store/session-store.js';
import { importPractitioners, type ImportReport } from './practitioner-import.js';
import { normalisePhone } from './practitioner-phone.js';
import type { PhoneVerifier } from './phone-verifier.js';
import type { PractitionerRecord, PractitionerStore, SignedIn } from './practitioner-store.js';

/** What the calling team knew, as the verify answer shows it (null for a person nobody knew). */
export interface PrefilledData {
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  location: string | null;
  phone_number: string;
  has_calling_data: boolean;
  practice_type: string | null;
}

/** The verify answer: the design's four fields, then the session to continue or the dashboard. */
export type VerifyAnswer = {
  success: true;
  is_new_user: boolean;
  needs_onboarding: boolean;
  prefilled_data: PrefilledData | null;
} & ({ session_id: string; session_key: string; reply: TurnReply } | { dashboard_url: string });

export interface PractitionerSettings {
  /** PRACTITIONER_FLOW: a flow with audience `phone`. */
  flow: string;
  dashboardUrl: string;
  /** OTP_ALLOWED_COUNTRIES; empty: all. */
  allowedCountries: readonly string[];
  defaultLanguage: string;
  /** The key of the client addresses' hashes (rate limits store no address). */
  addressKey: string;
}

/** A message to the practitioner number from a verified sender (SMS / WhatsApp). */
export interface PhoneArrival {
  phoneNumber: string;
  channel: Channel;
  language: string;
  botNumber?: string;
  messageKey?: string | null;
  inboundText?: string;
  /** A phone call: the call a session started now is on, and the voice variant of the messages. */
  callSid?: string;
  variant?: string;
}

/** What a verified phone gets on a chat channel: the open session to answer on, or messages (started now, or all set). */
export type PhoneOpening = { sessionId: string } | { messages: OutgoingMessage[] };

/** What a verified phone opens: its session as it is (and the channel it is on), one started now, or "all set". */
export type PhoneOpened =
  | { kind: 'open'; sessionId: string; channel: Channel }
  | { kind: 'started'; reply: TurnReply }
  | { kind: 'all_set'; messages: OutgoingMessage[] };

/**
 * The practitioner domain: the calling team's import, the web sign-in by SMS code, and the onboarding session
 * of a verified phone (one per practitioner, whatever the channel), prefilled from the calling team's record.
 */
export class PractitionerService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly sessions: SessionService,
    private readonly store: PractitionerStore,
    /** Null: no way to send codes here (production without Twilio Verify). */
    private readonly verifier: PhoneVerifier | null,
    private readonly settings: PractitionerSettings,
  ) {
    const runtime = deps.flows.get(settings.flow);
    if (runtime && runtime.definition.audience !== 'phone') throw new ConfigError(`PRACTITIONER_FLOW "${settings.flow}" is not a flow with audience "phone"`);
  }

  /** The flow this service runs, when it is loaded. */
  get flowId(): string {
    return this.settings.flow;
  }

  importRecords(records: readonly unknown[]): Promise<ImportReport> {
    return importPractitioners(this.store, records);
  }

  /** Sends a code by SMS; 400 for a number that cannot sign in, 429 over the send limits. */
  async sendCode(phoneText: string, clientAddress: string, language: string | undefined): Promise<{ sent: true; expires_in: number }> {
    const phone = this.phoneOf(phoneText);
    const verifier = this.verifierOrFail();
    const ipKey = createHash('sha256').update(`${this.settings.addressKey}:${clientAddress}`).digest('hex');
    await verifier.send({ phoneNumber: phone, ipKey, locale: language });
    this.deps.logger.info({ outcome: 'otp_sent', mode: verifier.mode }, 'practitioner');
    return { sent: true, expires_in: 600 };
  }

  /**
   * Checks a code. A wrong or expired one: 400 OTP_INVALID, the try counted and nothing else changed. A right one
   * signs the phone in (the practitioner made when unknown, the first login set once) and answers the session to
   * continue (a new key for the practitioner's one session, or a new session prefilled with what the calling
   * team knows), or the dashboard when the onboarding is done.
   */
  async verifyCode(phoneText: string, code: string, languages: readonly string[]): Promise<VerifyAnswer> {
    const phone = this.phoneOf(phoneText);
    if ((await this.verifierOrFail().check(phone, code)) !== 'approved') {
      this.deps.logger.info({ outcome: 'otp_invalid' }, 'practitioner');
      throw new BadRequestError('OTP_INVALID', 'The code is wrong or has expired; check it, or ask for a new one.');
    }
    const signed = await this.store.signIn(phone, this.deps.clock());
    const prefilled = signed.isNew ? null : prefilledData(signed.practitioner);
    const head = { success: true as const, is_new_user: signed.isNew, prefilled_data: prefilled };
    this.deps.logger.info({ outcome: 'otp_verified', new_practitioner: signed.isNew, onboarded: signed.practitioner.crm_onboarding_completed }, 'practitioner');
    if (signed.practitioner.crm_onboarding_completed) return { ...head, needs_onboarding: false, dashboard_url: this.settings.dashboardUrl };
    const runtime = flowFor(this.deps, this.settings.flow, false);
    const language = this.languageFor(runtime, languages);
    const existing = (await this.openSessionOf(signed))?.sessionId;
    if (existing) {
      const key = newSessionKey();
      await this.store.rekeySession(existing, hashSessionKey(key));
      return { ...head, needs_onboarding: true, session_id: existing, session_key: key, reply: await this.sessions.view(existing, key) };
    }
    const started = await this.startFor(signed, { phoneNumber: phone, channel: 'web', language });
    if ('sessionKey' in started) return { ...head, needs_onboarding: true, session_id: started.reply.session_id, session_key: started.sessionKey, reply: started.reply };
    // Another sign-in of the same phone started it at the same moment: theirs is the session, with a new key for us.
    const key = newSessionKey();
    await this.store.rekeySession(started.sessionId, hashSessionKey(key));
    return { ...head, needs_onboarding: true, session_id: started.sessionId, session_key: key, reply: await this.sessions.view(started.sessionId, key) };
  }

  /**
   * A message or call from a provider-verified number to the practitioner number: signs the phone in (no code:
   * the provider vouches for the sender) and answers the practitioner's open session, a new one prefilled from
   * the record, or "you're all set" with the dashboard link.
   */
  async openByPhone(arrival: PhoneArrival): Promise<PhoneOpening> {
    const opened = await this.openPhone(arrival);
    switch (opened.kind) {
      case 'open':
        return { sessionId: opened.sessionId };
      case 'started':
        return { messages: opened.reply.messages };
      case 'all_set':
        return { messages: opened.messages };
    }
  }

  /** The same for any channel (a call included): the session as it is, one started now, or "all set". */
  async openPhone(arrival: PhoneArrival): Promise<PhoneOpened> {
    const signed = await this.store.signIn(arrival.phoneNumber, this.deps.clock());
    const runtime = flowFor(this.deps, this.settings.flow, false);
    if (signed.practitioner.crm_onboarding_completed) {
      const translate = this.deps.localizer.translator(arrival.language);
      return { kind: 'all_set', messages: [{ text: translate(`${runtime.definition.namespace}:all_set`, { dashboard_url: this.settings.dashboardUrl }) }] };
    }
    const existing = await this.openSessionOf(signed);
    if (existing) return { kind: 'open', ...existing };
    const started = await this.startFor(signed, arrival);
    if ('sessionKey' in started) return { kind: 'started', reply: started.reply };
    const winner = await this.openSessionOf(await this.store.signIn(arrival.phoneNumber, this.deps.clock()));
    return winner ? { kind: 'open', ...winner } : { kind: 'open', sessionId: started.sessionId, channel: arrival.channel };
  }

  /**
   * The practitioner's session while it takes answers, and its channel; null when there is none (or it is over).
   * The row this process last wrote will do (a message's turn follows, checked by its commit's version).
   */
  private async openSessionOf(signed: SignedIn): Promise<{ sessionId: string; channel: Channel } | null> {
    if (!signed.sessionId) return null;
    const loaded = await this.deps.store.load(signed.sessionId, null, { reuse: true });
    const status = loaded?.session.status;
    return loaded && status !== 'completed' && status !== 'failed' ? { sessionId: signed.sessionId, channel: loaded.session.channel } : null;
  }

  private async startFor(signed: SignedIn, arrival: PhoneArrival): Promise<{ sessionKey: string; reply: TurnReply } | { sessionId: string }> {
    const runtime = flowFor(this.deps, this.settings.flow, false);
    const prefilled = signed.isNew ? null : prefilledData(signed.practitioner);
    try {
      const started = await this.sessions.start({
        flow: runtime.definition.id,
        language: arrival.language,
        channel: arrival.channel,
        phoneNumber: arrival.phoneNumber,
        ...(arrival.botNumber ? { botNumber: arrival.botNumber } : {}),
        ...(arrival.messageKey ? { messageKey: arrival.messageKey } : {}),
        ...(arrival.inboundText !== undefined ? { inboundText: arrival.inboundText } : {}),
        ...(arrival.callSid ? { callSid: arrival.callSid } : {}),
        ...(arrival.variant ? { variant: arrival.variant } : {}),
        known: prefilled ? this.knownAnswers(runtime, arrival.language, prefilled) : {},
      });
      return { sessionKey: started.sessionKey, reply: started.reply };
    } catch (error) {
      // One session per practitioner (a database rule): a start that lost the race joins the winner's.
      const again = await this.store.signIn(arrival.phoneNumber, this.deps.clock());
      const winner = await this.openSessionOf(again);
      if (winner) return { sessionId: winner.sessionId };
      throw error;
    }
  }

  /** What the calling team knew, by step, read by each step's own parser (a place resolved, a practice type picked). */
  private knownAnswers(runtime: FlowRuntime, language: string, prefilled: PrefilledData): Record<string, AnswerValue> {
    const sources: Partial<Record<KnownAnswerSource, string | null>> = {
      'practitioner.first_name': prefilled.first_name,
      'practitioner.last_name': prefilled.last_name,
      'practitioner.email': prefilled.email,
      'practitioner.location': prefilled.location,
      'practitioner.phone_number': prefilled.phone_number,
      'practitioner.practice_type': prefilled.practice_type,
    };
    const translate = this.deps.localizer.translator(language);
    const known: Record<string, AnswerValue> = {};
    for (const step of runtime.definition.steps) {
      const text = step.prefill ? sources[step.prefill] : null;
      if (!text || step.type === 'entries' || step.type === 'image') continue;
      const read = this.deps.parsers[step.type](text, parseContextOf(step, { runtime, language, now: this.deps.clock(), translate }));
      // Only a value the step itself accepts is offered; an unreadable one is simply asked. A shared name ("Barcelona")
      // offers its first candidate (the largest place), which the practitioner confirms or corrects like any other.
      if (read.kind === 'accepted') known[step.id] = read.value;
      else if (read.kind === 'clarify' && read.options[0]) known[step.id] = read.options[0].value;
    }
    return known;
  }

  private phoneOf(text: string): string {
    const normalised = normalisePhone(text, this.settings.allowedCountries);
    if ('problem' in normalised) {
      throw normalised.problem === 'PHONE_COUNTRY_NOT_ALLOWED'
        ? new BadRequestError('PHONE_COUNTRY_NOT_ALLOWED', 'Codes are not sent to numbers of this country.')
        : new BadRequestError('PHONE_INVALID', 'Send a valid mobile number with its country code, e.g. +14155550101.');
    }
    return normalised.phone;
  }

  private verifierOrFail(): PhoneVerifier {
    if (!this.verifier) throw new AppError('OTP_UNAVAILABLE', 'Sign-in codes cannot be sent by this service (no Twilio Verify service is configured).', 503);
    return this.verifier;
  }

  private languageFor(runtime: FlowRuntime, preferred: readonly string[]): string {
    const offered = runtime.definition.languages.filter((l) => this.deps.localizer.languages.includes(l));
    return preferred.map((l) => l.slice(0, 2).toLowerCase()).find((l) => offered.includes(l)) ?? (offered.includes(this.settings.defaultLanguage) ? this.settings.defaultLanguage : offered[0] ?? 'en');
  }
}

/** The calling team's record as the verify answer shows it: `name` split into first and last. */
export function prefilledData(p: PractitionerRecord): PrefilledData {
  const [first, ...rest] = (p.name ?? '').trim().split(/\s+/).filter(Boolean);
  return {
    first_name: first ?? null,
    last_name: rest.length > 0 ? rest.join(' ') : null,
    email: p.email,
    location: p.location,
    phone_number: p.phone_number,
    has_calling_data: p.is_contacted || [p.name, p.email, p.practice_type, p.location, p.contact_status].some((v) => v !== null),
    practice_type: p.practice_type,
  };
}
