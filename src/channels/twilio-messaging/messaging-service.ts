import type { FlowRuntime } from '../../conversation/flow-runtime.js';
import type { OutgoingMessage } from '../../conversation/render-outputs.js';
import { BadRequestError, SessionStateError } from '../../errors.js';
import type { Localizer } from '../../i18n/create-i18n.js';
import type { ServiceLogger } from '../../sessions/service-deps.js';
import type { SessionService } from '../../sessions/session-service.js';
import type { MessagingStore } from '../../store/messaging-store.js';
import type { SessionStore } from '../../store/session-store.js';
import { guessLanguage, languageNamed } from './language-choice.js';
import { firstOpenStep } from '../../conversation/flow-context.js';
import { checkPhoto, photoFolder, photoLimit, photoTooLarge, storePhoto } from '../../images/photo-answer.js';
import { translateRef } from '../../conversation/translate.js';
import { normalizeWords } from '../../conversation/normalize.js';
import { LATE_CORRECTION_WINDOW_MS } from '../../sessions/late-correction.js';
import type { ImageStore } from '../../images/image-store.js';
import type { TurnReply } from '../../sessions/session-views.js';
import type { MediaFetcher } from './media-fetcher.js';
import type { InboundMessage } from './parse-inbound.js';
import type { ResumeService } from '../../resume/resume-service.js';

export interface MessagingServiceDeps {
  sessions: SessionService;
  store: SessionStore;
  messaging: MessagingStore;
  flows: ReadonlyMap<string, FlowRuntime>;
  localizer: Localizer;
  /** The flow a first message to each bot number starts (TWILIO_FLOW_BY_NUMBER); others start defaultFlow. */
  flowByNumber: Readonly<Record<string, string>>;
  defaultFlow: string;
  logger: ServiceLogger;
  /** Photos sent as message media answer image steps (with Twilio credentials: the media needs them). */
  photos?: MessagePhotos;
  /** Resume codes texted to the bot move a session here (src/resume). */
  resume?: ResumeService;
  /** Flows with audience `phone` (the practitioner number): the sender's one session, whatever its channel. */
  phoneFlows?: PhoneFlowGate;
  /** For how recent a finished onboarding is (a message after it is answered, not a new start). */
  clock?: () => Date;
}

/**
 * Opens a phone flow for a provider-verified sender: the number's open session of that flow (started on any
 * channel), or messages to answer with (a session started now, or "all set" when the onboarding is done).
 */
export interface PhoneFlowGate {
  readonly flowId: string;
  openByPhone(arrival: {
    phoneNumber: string;
    channel: 'sms' | 'whatsapp';
    language: string;
    botNumber: string;
    messageKey: string;
    inboundText: string;
  }): Promise<{ sessionId: string } | { messages: OutgoingMessage[] }>;
}

/** Where photo answers go, how large one may be, and how the provider's media is fetched. */
export interface MessagePhotos {
  store: ImageStore;
  maxBytes: number;
  fetchMedia: MediaFetcher;
}

/**
 * Maps an inbound SMS / WhatsApp message onto the session service: the sender's number finds the open session
 * (or starts the flow of the number written to), keywords opt out and in, and the messages to answer with come
 * back for the webhook's TwiML. Idempotent by MessageSid: the session service stores each turn's reply under
 * `twilio:<MessageSid>` and answers a redelivery with it, and opt-outs are plain state, so a repeat is a no-op.
 */
export class MessagingService {
  private readonly languages: string[];

  constructor(private readonly deps: MessagingServiceDeps) {
    this.languages = [...new Set([...deps.flows.values()].flatMap((f) => f.definition.languages))].filter((l) => deps.localizer.languages.includes(l));
  }

  /** The messages to answer an inbound message with; empty for silence (opted out, or Twilio already answered). */
  async receive(inbound: InboundMessage): Promise<OutgoingMessage[]> {
    const { from, channel } = inbound;
    if (inbound.kind === 'opt_out' || inbound.kind === 'opt_in') {
      const optedOut = inbound.kind === 'opt_out';
      await this.deps.messaging.setOptOut(from, channel, optedOut, inbound.keyword);
      this.deps.logger.info({ channel, outcome: optedOut ? 'opted_out' : 'opted_in' }, 'messaging');
      if (inbound.handledByTwilio) return [];
      return [this.say(await this.languageFor(inbound), optedOut ? 'messaging:opted_out' : 'messaging:opted_in')];
    }
    // Nothing of any kind goes to a number that opted out, not even an answer, until it opts in again.
    if (await this.deps.messaging.isOptedOut(from, channel)) {
      this.deps.logger.info({ channel, outcome: 'ignored_opted_out' }, 'messaging');
      return [];
    }
    switch (inbound.kind) {
      case 'help': {
        const intro = inbound.handledByTwilio ? [] : [this.say(await this.languageFor(inbound), 'messaging:help')];
        const sessionId = await this.deps.store.findOpenSession(from, channel);
        // In a conversation, the flow's own help for the question follows (the flows take "help" as a command).
        return sessionId ? [...intro, ...(await this.converse(sessionId, inbound, inbound.text))] : intro;
      }
      case 'media': {
        // A photo answers the question being asked when that question takes one; otherwise the text counts.
        const photo = await this.photoAnswer(inbound);
        if (photo) return photo;
        if (inbound.text === '') return [this.say(await this.languageFor(inbound), 'messaging:media_unsupported')];
        return this.textMessage(inbound, inbound.text);
      }
      case 'text': {
        const resumed = await this.deps.resume?.resumeByCode({ channel, from, to: inbound.to, text: inbound.text });
        return resumed ?? this.textMessage(inbound, inbound.text);
      }
    }
  }

  /** A delivery status callback; true when it moved the message's status forward. */
  recordStatus(messageSid: string, status: string, errorCode: string | null): Promise<boolean> {
    return this.deps.messaging.recordDeliveryStatus(messageSid, status, errorCode);
  }

  private async textMessage(inbound: InboundMessage, text: string): Promise<OutgoingMessage[]> {
    const gate = this.phoneGateFor(inbound.to);
    if (gate) {
      const opened = await this.openPhoneFlow(gate, inbound, text);
      return 'sessionId' in opened ? this.converse(opened.sessionId, inbound, text) : opened.messages;
    }
    const sessionId = await this.deps.store.findOpenSession(inbound.from, inbound.channel);
    if (sessionId) return this.converse(sessionId, inbound, text);
    const since = new Date((this.deps.clock?.() ?? new Date()).getTime() - LATE_CORRECTION_WINDOW_MS);
    const finished = await this.deps.store.findFinishedSession(inbound.from, inbound.channel, since);
    return finished ? this.afterFinished(finished, inbound, text) : this.begin(inbound, text);
  }

  /**
   * A message after a finished onboarding ("thanks"): a correction reopens it (late-correction.ts), "restart"
   * starts a new one, anything else gets a polite word on how to do either; it never silently starts over.
   */
  private async afterFinished(sessionId: string, inbound: InboundMessage, text: string): Promise<OutgoingMessage[]> {
    const { language } = await this.deps.sessions.view(sessionId, null);
    const restart = this.deps.localizer.commandWords(language).restart;
    if (restart.some((word) => normalizeWords(word) === normalizeWords(text))) return this.begin(inbound, text);
    try {
      return (await this.deps.sessions.reply({ sessionId, key: null, text, messageKey: messageKeyOf(inbound) })).messages;
    } catch (error) {
      if (!(error instanceof SessionStateError)) throw error;
      const translate = this.deps.localizer.translator(language);
      this.deps.logger.info({ channel: inbound.channel, outcome: 'after_finished' }, 'messaging');
      return [{ text: translate('messaging:finished', { restart: restart[0] ?? 'restart' }) }];
    }
  }

  /** The phone-flow gate when the number written to runs a flow with audience `phone`. */
  private phoneGateFor(botNumber: string): PhoneFlowGate | null {
    const gate = this.deps.phoneFlows;
    return gate && this.flowFor(botNumber).definition.id === gate.flowId ? gate : null;
  }

  private openPhoneFlow(gate: PhoneFlowGate, inbound: InboundMessage, text: string) {
    const flow = this.flowFor(inbound.to);
    const offered = flow.definition.languages.filter((l) => this.deps.localizer.languages.includes(l));
    return gate.openByPhone({
      phoneNumber: inbound.from,
      channel: inbound.channel,
      language: languageNamed(text, offered) ?? guessLanguage(inbound.from, offered),
      botNumber: inbound.to,
      messageKey: messageKeyOf(inbound),
      inboundText: text,
    });
  }

  /**
   * The first picture of a media message as the answer to the image step being asked: fetched from the
   * provider, its type read from its bytes, its size checked, stored, then one turn. Null when no open session
   * is asking for a photo (or photos are not taken here). A redelivered message is answered from the inbox.
   */
  private async photoAnswer(inbound: Extract<InboundMessage, { kind: 'media' }>): Promise<OutgoingMessage[] | null> {
    const photos = this.deps.photos;
    const media = inbound.media.find((m) => m.contentType.startsWith('image/')) ?? inbound.media[0];
    if (!photos || !media) return null;
    const gate = this.phoneGateFor(inbound.to);
    const opened = gate ? await this.openPhoneFlow(gate, inbound, '') : null;
    // A phone flow just started (its first question), or already done ("all set"): that is the answer.
    if (opened && 'messages' in opened) return opened.messages;
    const sessionId = opened ? ('sessionId' in opened ? opened.sessionId : null) : await this.deps.store.findOpenSession(inbound.from, inbound.channel);
    const loaded = sessionId ? await this.deps.store.load(sessionId, messageKeyOf(inbound)) : null;
    if (!sessionId || !loaded) return null;
    if (loaded.duplicateReply !== undefined) return (loaded.duplicateReply as TurnReply).messages;
    const { session } = loaded;
    const flow = this.deps.flows.get(session.flowId)?.definition;
    // A paused session (a call that ended at a photo question, to be answered here) resumes at its open step.
    const asked = session.status === 'collecting_data' ? session.currentStep : session.status === 'paused' && flow ? firstOpenStep(flow, session.collectedData)?.id : null;
    const step = asked && flow ? flow.steps.find((s) => s.id === asked) : undefined;
    if (!flow || step?.type !== 'image') return null;
    const translate = this.deps.localizer.translator(session.language);
    const max = photoLimit(step, photos.maxBytes);
    const fetched = await photos.fetchMedia(media.url, max);
    if (!fetched) return [{ text: translateRef(translate, photoTooLarge(max)) }];
    const checked = checkPhoto(fetched.bytes, max);
    if ('refused' in checked) return [{ text: translateRef(translate, checked.refused) }];
    const folder = photoFolder({ userId: session.userId, flowId: session.flowId, sessionId: session.id });
    const value = await storePhoto(photos.store, folder, step, fetched.bytes, checked.type);
    const reply = await this.deps.sessions.reply({
      sessionId: session.id,
      key: null,
      text: '[photo]',
      messageKey: messageKeyOf(inbound),
      // The question may have moved on meanwhile (another message first): then the photo answers nothing.
      decide: (state) =>
        (state.step ?? firstOpenStep(flow, state.context.answers)?.id) === step.id
          ? { type: 'ANSWER', step: step.id, value }
          : { type: 'INVALID', step: state.step ?? step.id, reason: { key: 'common:image.send_photo' } },
    });
    this.deps.logger.info({ channel: inbound.channel, outcome: 'photo_answer' }, 'messaging');
    return reply.messages;
  }

  /** A first message: starts the flow of the number written to, in the language named or guessed from the sender's country. */
  private async begin(inbound: InboundMessage, text: string): Promise<OutgoingMessage[]> {
    const flow = this.flowFor(inbound.to);
    const offered = flow.definition.languages.filter((l) => this.deps.localizer.languages.includes(l));
    const language = languageNamed(text, offered) ?? guessLanguage(inbound.from, offered);
    try {
      const { reply } = await this.deps.sessions.start({
        flow: flow.definition.id,
        language,
        channel: inbound.channel,
        phoneNumber: inbound.from,
        botNumber: inbound.to,
        messageKey: messageKeyOf(inbound),
        inboundText: text,
      });
      return reply.messages;
    } catch (error) {
      // Another first message from this number started a session at the same moment (one open session per
      // number and channel is a database rule): this message is the next turn of that one.
      const winner = await this.deps.store.findOpenSession(inbound.from, inbound.channel);
      if (!winner) throw error;
      this.deps.logger.info({ channel: inbound.channel, outcome: 'joined_open_session' }, 'messaging');
      return this.converse(winner, inbound, text);
    }
  }

  private async converse(sessionId: string, inbound: InboundMessage, text: string): Promise<OutgoingMessage[]> {
    const messageKey = messageKeyOf(inbound);
    try {
      const language = languageNamed(text, this.languages);
      if (language && !(await this.answersItsQuestion(sessionId, text))) {
        try {
          const changed = await this.deps.sessions.changeLanguage({ sessionId, language, text, messageKey, introKey: 'messaging:language_changed' });
          return changed.messages;
        } catch (error) {
          // Not a language of this flow, or not a moment to switch (paused, generating): an ordinary answer then.
          if (!(error instanceof BadRequestError) && !(error instanceof SessionStateError)) throw error;
        }
      }
      return (await this.deps.sessions.reply({ sessionId, key: null, text, messageKey })).messages;
    } catch (error) {
      // Busy generating the profile (or finished in the meantime): say where the session stands, in its language.
      if (!(error instanceof SessionStateError)) throw error;
      return (await this.deps.sessions.view(sessionId, null)).messages;
    }
  }

  /**
   * Whether `text` names one of the choices of the question being asked ("English" at "Which languages do you
   * speak?"): then it answers the question rather than switching the conversation's language.
   */
  private async answersItsQuestion(sessionId: string, text: string): Promise<boolean> {
    const session = (await this.deps.store.load(sessionId))?.session;
    const flow = session ? this.deps.flows.get(session.flowId)?.definition : undefined;
    const step = session?.currentStep ? flow?.steps.find((s) => s.id === session.currentStep) : undefined;
    if (!session || !flow || !step?.choices) return false;
    const translate = this.deps.localizer.translator(session.language);
    const said = text.trim().toLowerCase();
    return step.choices.some((c) =>
      [c.value, translate(c.label.includes(':') ? c.label : `${flow.namespace}:${c.label}`), ...(c.synonyms ?? [])].some((word) => word.toLowerCase() === said),
    );
  }

  /** The language to say a channel message in: the open session's, else the one guessed from the number. */
  private async languageFor(inbound: InboundMessage): Promise<string> {
    const sessionId = await this.deps.store.findOpenSession(inbound.from, inbound.channel);
    if (sessionId) return (await this.deps.sessions.view(sessionId, null)).language;
    const offered = this.flowFor(inbound.to).definition.languages.filter((l) => this.deps.localizer.has(l, 'messaging:help'));
    return guessLanguage(inbound.from, offered.length > 0 ? offered : ['en']);
  }

  private flowFor(botNumber: string): FlowRuntime {
    const id = this.deps.flowByNumber[botNumber] ?? this.deps.defaultFlow;
    const flow = this.deps.flows.get(id);
    if (!flow) throw new Error(`flow "${id}" for ${botNumber} is not loaded`);
    return flow;
  }

  private say(language: string, key: string): OutgoingMessage {
    return { text: this.deps.localizer.translator(language)(key) };
  }
}

/** The idempotency key of an inbound Twilio message. */
export function messageKeyOf(inbound: InboundMessage): string {
  return `twilio:${inbound.messageSid}`;
}
