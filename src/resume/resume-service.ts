import type { FlowRuntime } from '../conversation/flow-runtime.js';
import type { OutgoingMessage } from '../conversation/render-outputs.js';
import { AppError, SessionNotFoundError, SessionStateError } from '../errors.js';
import type { Localizer } from '../i18n/create-i18n.js';
import type { ServiceLogger } from '../sessions/service-deps.js';
import { hashSessionKey, newSessionKey } from '../sessions/session-keys.js';
import type { SessionService } from '../sessions/session-service.js';
import type { ReminderStore, ResumableSession } from '../store/reminder-store.js';
import type { SessionStore } from '../store/session-store.js';
import type { MagicLinks } from './magic-links.js';
import { resumeCodeIn, type GuessLimiter } from './resume-code.js';

export interface ResumeServiceDeps {
  reminders: ReminderStore;
  store: SessionStore;
  /** The bot's numbers the widget offers (TWILIO_WHATSAPP_NUMBER, TWILIO_SMS_NUMBER). */
  numbers: { whatsapp: string | null; sms: string | null };
  sessions: SessionService;
  flows: ReadonlyMap<string, FlowRuntime>;
  localizer: Localizer;
  links: MagicLinks | null;
  guesses: GuessLimiter;
  logger: ServiceLogger;
}

/** A message that may be a resume code, from a number the provider verified. */
export interface CodeMessage {
  channel: 'sms' | 'whatsapp';
  from: string;
  /** The bot's number it was sent to: the session's messages come from it from now on. */
  to: string;
  text: string;
}

/** What the widget needs to take a session over from a magic link. */
export interface OpenedLink {
  session_id: string;
  session_key: string;
  flow: string;
  language: string;
}

/** How a web session can go on elsewhere: its code, and links that text the code to the bot. */
export interface ContinueOptions {
  code: string;
  /** https://wa.me/<number>?text=<code>, with TWILIO_WHATSAPP_NUMBER. */
  whatsapp_url: string | null;
  /** sms:<number>?body=<code>, with TWILIO_SMS_NUMBER. */
  sms_url: string | null;
}

/** The link names a session only a signed-in user (or the same phone) may continue (403). */
export class ResumeNeedsIdentityError extends AppError {
  constructor() {
    super('RESUME_NEEDS_SIGN_IN', 'This onboarding belongs to an account: sign in to continue it.', 403);
  }
}

/**
 * Continuing a session somewhere else. A code texted to the bot moves the session to that channel and number and
 * asks the next question; a magic link opened in a browser hands the widget a new key for it. Identity first:
 * an anonymous session goes to whoever holds its code or link, but a session with an owner (a signed-in user's,
 * or one tied to a phone number) moves only to the same phone, and a link never hands it to a browser.
 */
export class ResumeService {
  constructor(private readonly deps: ResumeServiceDeps) {}

  /** The reply to a message that is a resume code; null when it is not one (the caller goes on as usual). */
  async resumeByCode(message: CodeMessage): Promise<OutgoingMessage[] | null> {
    const code = resumeCodeIn(message.text);
    const sender = `${message.channel}:${message.from}`;
    if (!code || !this.deps.guesses.allows(sender)) return null;
    const found = await this.deps.reminders.findByResumeCode(code);
    if (!found) {
      this.deps.guesses.miss(sender);
      return null;
    }
    if (!this.mayMoveTo(found, message.from)) {
      this.deps.logger.info({ session: found.id, channel: message.channel, outcome: 'resume_refused' }, 'resume');
      const { language } = await this.deps.sessions.view(found.id, null);
      return [{ text: this.deps.localizer.translator(language)('common:resume.needs_identity') }];
    }
    if (!(await this.deps.reminders.moveSession(found.id, message.channel, message.from, message.to))) return null;
    this.deps.logger.info({ session: found.id, channel: message.channel, from_channel: found.channel, outcome: 'resumed' }, 'resume');
    const view = await this.deps.sessions.view(found.id, null);
    return [{ text: this.deps.localizer.translator(view.language)('common:resume.moved') }, ...view.messages];
  }

  /** The code and links of an open session the caller holds the key of (404 otherwise, 409 when finished). */
  async continueOptions(sessionId: string, key: string): Promise<ContinueOptions> {
    await this.deps.sessions.view(sessionId, key);
    const loaded = await this.deps.store.load(sessionId);
    const code = loaded?.session.resumeCode;
    if (!code || !['started', 'collecting_data', 'paused', 'skipped', 'abandoned'].includes(loaded.session.status)) {
      throw new SessionStateError('SESSION_COMPLETED', 'This session is finished; there is nothing to continue.');
    }
    const { whatsapp, sms } = this.deps.numbers;
    return {
      code,
      whatsapp_url: whatsapp ? `https://wa.me/${whatsapp.slice(1)}?text=${code}` : null,
      sms_url: sms ? `sms:${sms}?body=${code}` : null,
    };
  }

  /** Takes a session over in a browser from a magic link: a new key (the old one stops working). */
  async openLink(token: string): Promise<OpenedLink> {
    const sessionId = this.deps.links ? await this.deps.links.sessionOf(token) : null;
    if (!sessionId) throw new SessionNotFoundError();
    const view = await this.deps.sessions.view(sessionId, null);
    const flow = this.deps.flows.get(view.flow)?.definition;
    if (!flow || flow.audience !== 'anonymous') throw new ResumeNeedsIdentityError();
    const key = newSessionKey();
    if (!(await this.deps.reminders.rotateSessionKey(sessionId, hashSessionKey(key)))) throw new SessionNotFoundError();
    this.deps.logger.info({ session: sessionId, channel: 'web', from_channel: view.channel, outcome: 'link_opened' }, 'resume');
    return { session_id: sessionId, session_key: key, flow: view.flow, language: view.language };
  }

  private mayMoveTo(session: ResumableSession, phoneNumber: string): boolean {
    const flow = this.deps.flows.get(session.flowId)?.definition;
    if (!flow) return false;
    const owned = flow.audience !== 'anonymous' || session.userId !== null;
    return !owned || session.phoneNumber === phoneNumber;
  }
}
