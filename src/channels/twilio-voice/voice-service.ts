import type { FlowRuntime } from '../../conversation/flow-runtime.js';
import { normalizeWords } from '../../conversation/normalize.js';
import { SessionNotFoundError, SessionStateError } from '../../errors.js';
import type { TurnReply } from '../../sessions/session-views.js';
import { guessLanguage } from '../twilio-messaging/language-choice.js';
import type { AskAt } from './call-speaker.js';
import { VOICE_VARIANT } from './call-speaker.js';
import { attachCall, callMayReach } from './call-owner.js';
import type { CallStep } from './call-step.js';
import { confirmHeardAnswers, type HeardAnswer } from './confirm-heard-answers.js';
import { countryOf, keypadText } from './keypad.js';
import type { CallAnswer, CallInfo } from './parse-call.js';
import type { VoiceServiceDeps } from './voice-service-deps.js';
import { canReceiveSms, queueSms } from './voice-sms.js';

/** `voice:<CallSid>:<what>`: the idempotency key of one thing a call did (an answer's turn number, the start...). */
const keyOf = (call: CallInfo, what: string | number) => `voice:${call.callSid}:${what}`;

/** Words compared as words: case, accents and punctuation aside ("Yes, that's right." -> "yes that s right"). */
const plainWords = (text: string) => normalizeWords(text.replace(/\p{P}+/gu, ' '));

/** Trailing punctuation a recognizer adds ("Maria.") is not part of the answer. */
const cleanSpeech = (text: string) => text.replace(/[\s.,!?。¿¡]+$/u, '').replace(/^[\s¿¡]+/u, '');

/**
 * A phone call as a session: the caller's number finds their open voice session (offered to resume) or starts
 * the flow of the number called, in the language of the caller's country. Each answer is a turn under
 * `voice:<CallSid>:<turn>`, so a repeated webhook gets the same TwiML and changes nothing. The session stores
 * the call it is on; a webhook reaches a session only from its own number and call (call-owner.ts), otherwise
 * it is answered as for an unknown session and changes nothing.
 */
export class VoiceService {
  constructor(private readonly deps: VoiceServiceDeps) {}

  /** An incoming call: the first question, or the offer to resume. */
  async incoming(call: CallInfo, retried = false): Promise<string> {
    const { store, sessions, speaker } = this.deps;
    const open = call.from ? await store.findOpenSession(call.from, 'voice') : null;
    const loaded = open ? await store.load(open, keyOf(call, 0)) : null;
    if (loaded) {
      const { session } = loaded;
      const at: AskAt = { sessionId: session.id, flowId: session.flowId, language: session.language, turn: 1 };
      // This very call started it (the webhook came again): the same first question.
      if (loaded.duplicateReply !== undefined) return this.afterTurn(call, at, loaded.duplicateReply as TurnReply);
      if (session.status === 'generating_chart') return speaker.end(session.language, [], ['voice:still_generating', 'voice:goodbye']);
      // This call is the one the session is on from now: an earlier call's webhooks no longer reach it.
      if (!(await attachCall(store, session, call.callSid))) return speaker.end(session.language, [], ['voice:unavailable']);
      // A call that ended without its hang-up reaching us left the session answering: it is paused like one.
      if (session.status === 'collecting_data') await sessions.pause({ sessionId: session.id, messageKey: keyOf(call, 'offer'), variant: VOICE_VARIANT });
      return speaker.offer(at);
    }
    const flow = this.flowFor(call.to);
    const offered = flow.definition.languages.filter((l) => this.deps.localizer.languages.includes(l));
    const language = guessLanguage(call.from ?? '', offered);
    const gate = this.deps.phoneFlows;
    if (gate && gate.flowId === flow.definition.id && call.from && call.to) {
      const opened = await gate.openPhone({
        phoneNumber: call.from, channel: 'voice', language, botNumber: call.to, messageKey: keyOf(call, 0), callSid: call.callSid, variant: VOICE_VARIANT,
      });
      this.deps.logger.info({ channel: 'voice', outcome: `phone_flow_${opened.kind}` }, 'voice');
      switch (opened.kind) {
        case 'started':
          return this.afterTurn(call, { sessionId: opened.reply.session_id, flowId: flow.definition.id, language, turn: 1 }, opened.reply);
        case 'all_set':
          return speaker.end(language, opened.messages, ['voice:goodbye']);
        case 'open':
          // A session on another channel is not reachable by a call (its webhooks reach voice sessions only); a voice
          // one was offered above. It goes on by message or on the web, from wherever it is.
          return speaker.end(language, [], [`${flow.definition.namespace}:continue_elsewhere`, 'voice:goodbye']);
      }
    }
    let started: Awaited<ReturnType<typeof sessions.start>>;
    try {
      started = await sessions.start({
        flow: flow.definition.id,
        language,
        channel: 'voice',
        phoneNumber: call.from,
        botNumber: call.to,
        messageKey: keyOf(call, 0),
        variant: VOICE_VARIANT,
        callSid: call.callSid,
      });
    } catch (error) {
      // Another call from this number started a session at the same moment (one open session per number): this
      // call is offered that one, as a later call would be.
      if (!call.from || !(await store.findOpenSession(call.from, 'voice')) || retried) throw error;
      return this.incoming(call, true);
    }
    const { reply } = started;
    this.deps.logger.info({ channel: 'voice', outcome: 'call_started' }, 'voice');
    return this.afterTurn(call, { sessionId: reply.session_id, flowId: flow.definition.id, language, turn: 1 }, reply);
  }

  /** What the caller said or typed at a question (or nothing: the Gather's silence path). */
  async answer(step: CallStep, answer: CallAnswer): Promise<string> {
    if (!(await callMayReach(this.deps.store, step.sessionId, answer))) {
      this.deps.logger.info({ channel: 'voice', outcome: 'not_this_call' }, 'voice');
      return this.cannotContinue(step, new SessionNotFoundError());
    }
    const text = answer.digits !== null ? keypadText(answer.digits, step.mode, countryOf(answer.from)) : answer.speech !== null ? cleanSpeech(answer.speech) : '';
    if (text === '') return this.silence(step, answer);
    if (step.offer) return this.resumeOrRestart(step, answer, text);
    const heard: HeardAnswer = answer.digits !== null ? { via: 'keypad' } : { via: 'speech', confidence: answer.confidence };
    const said = step.mode === 'confirm' ? this.yesOrNo(step.language, text, answer.digits) : text;
    if (said === null) return this.askAgain(step, 'voice:not_understood');
    try {
      const reply = await this.deps.sessions.reply({
        sessionId: step.sessionId,
        key: null,
        text: said,
        messageKey: keyOf(answer, step.turn),
        variant: VOICE_VARIANT,
        confirm: confirmHeardAnswers(heard, { below: this.deps.confirmBelow, speechLanguage: this.deps.speech(step.language).language }),
      });
      return this.afterTurn(answer, { ...step, turn: step.turn + 1 }, reply);
    } catch (error) {
      return this.cannotContinue(step, error);
    }
  }

  /** A call ended: a session still answering questions is paused at its step, for a later call to resume. */
  async ended(call: CallInfo): Promise<void> {
    if (!call.from) return;
    const open = await this.deps.store.findOpenSession(call.from, 'voice');
    // The number's session, but on another call now (a later one resumed it): this call's end is not its end.
    if (!open || !(await callMayReach(this.deps.store, open, call))) return;
    const paused = await this.deps.sessions.pause({ sessionId: open, messageKey: keyOf(call, 'hangup'), variant: VOICE_VARIANT });
    if (paused) this.deps.logger.info({ session: open, channel: 'voice', outcome: 'hung_up' }, 'voice');
  }

  /** The TwiML for a turn's reply: the next question, or the end of the call (with the summary by SMS). */
  private async afterTurn(call: CallInfo, at: AskAt, reply: TurnReply): Promise<string> {
    const { speaker } = this.deps;
    switch (reply.status) {
      case 'started':
      case 'collecting_data':
        if (this.takesPhoto(at, reply.next_step)) return this.photoBySms(call, at, reply);
        return speaker.ask(at, reply.messages, reply.next_step);
      case 'paused':
      case 'skipped':
        return speaker.end(at.language, reply.messages);
      case 'completed': {
        const sms = canReceiveSms(call.from);
        const summary = reply.messages.at(-1);
        if (sms && summary && (await queueSms(this.deps.store, at.sessionId, keyOf(call, `${at.turn}:summary`), 'profile_ready', [summary]))) {
          this.deps.outboxWritten();
        }
        return speaker.end(at.language, reply.messages, [...(sms ? ['voice:summary_sent'] : []), 'voice:goodbye']);
      }
      case 'generating_chart':
        // The profile runner sends it by SMS when it is ready (see withVoiceOutbound).
        return speaker.end(at.language, reply.messages, [canReceiveSms(call.from) ? 'voice:profile_by_sms' : 'voice:profile_later', 'voice:goodbye']);
      case 'failed':
      case 'abandoned':
        return speaker.end(at.language, reply.messages, ['voice:goodbye']);
    }
  }

  /** Whether the question asked next takes a photo, which a call cannot answer. */
  private takesPhoto(at: AskAt, step: string | null): boolean {
    return !!step && this.deps.flows.get(at.flowId)?.step(step)?.type === 'image';
  }

  /**
   * A photo question on a call: the caller gets a text message to reply to with the picture (the SMS channel
   * continues this number's voice session, and a picture sent there answers the question), and the call ends.
   * Without SMS to their number, the call ends with the way to go on by text instead.
   */
  private async photoBySms(call: CallInfo, at: AskAt, reply: TurnReply): Promise<string> {
    const { speaker } = this.deps;
    const said = reply.messages.slice(0, -1);
    if (!canReceiveSms(call.from)) return speaker.end(at.language, said, ['voice:no_sms']);
    const text = speaker.line(at.language, 'voice:photo_sms');
    if (await queueSms(this.deps.store, at.sessionId, keyOf(call, `${at.turn}:photo`), 'voice_continue', [{ text }])) this.deps.outboxWritten();
    return speaker.end(at.language, said, ['voice:photo_by_sms', 'voice:goodbye']);
  }

  /**
   * Nothing heard. The first time, the question again; the second, the session is paused and the caller offered
   * to go on by SMS (a text they can reply to, when their number takes SMS), and the call ends.
   */
  private async silence(step: CallStep, call: CallAnswer): Promise<string> {
    const { speaker } = this.deps;
    if (step.silence <= 1) return this.askAgain(step, 'voice:no_input', 1);
    await this.deps.sessions.pause({ sessionId: step.sessionId, messageKey: keyOf(call, `${step.turn}:silence`), variant: VOICE_VARIANT }).catch((error: unknown) => {
      if (!(error instanceof SessionNotFoundError)) throw error;
    });
    if (!canReceiveSms(call.from)) return speaker.end(step.language, [], ['voice:no_sms']);
    const text = speaker.line(step.language, 'voice:sms_continue');
    if (await queueSms(this.deps.store, step.sessionId, keyOf(call, `${step.turn}:sms`), 'voice_continue', [{ text }])) this.deps.outboxWritten();
    return speaker.end(step.language, [], ['voice:sms_offer']);
  }

  /** The question being asked, again, after `lineKey` ("Sorry, I didn't hear anything"). No turn is used up. */
  private async askAgain(step: CallStep, lineKey: string, silence = 0): Promise<string> {
    const { speaker } = this.deps;
    const before = [speaker.line(step.language, lineKey)];
    if (step.offer) return speaker.offer(step, before, silence);
    try {
      const view = await this.deps.sessions.view(step.sessionId, null, VOICE_VARIANT);
      if (view.status !== 'collecting_data') return speaker.end(step.language, view.messages, ['voice:goodbye']);
      return speaker.ask(step, view.messages, view.next_step, before, silence);
    } catch (error) {
      return this.cannotContinue(step, error);
    }
  }

  /** The answer to the resume offer: continue where the session stopped (1 / yes), or start it over (2). */
  private async resumeOrRestart(step: CallStep, call: CallAnswer, text: string): Promise<string> {
    const choice = call.digits === '1' ? 'resume' : call.digits === '2' ? 'restart' : this.offerWords(step.language, text);
    if (!choice) return this.askAgain(step, 'voice:not_understood');
    const { sessions, store } = this.deps;
    const messageKey = keyOf(call, step.turn);
    try {
      // Only a paused session takes the answer as "resume"; one that moved on since
      // (a text message continued it) is not sent "yes" as an answer: its question is asked instead.
      const loaded = await store.load(step.sessionId, messageKey);
      if (loaded?.duplicateReply === undefined && loaded?.session.status !== 'paused') return this.askAgain(step, 'common:stop.resumed');
      // The offer's answer ("1", "yes") only resumes: it is not read as the answer to the question left open.
      let reply = await sessions.reply({ sessionId: step.sessionId, key: null, text, messageKey, variant: VOICE_VARIANT, decide: () => ({ type: 'RESUME' }) });
      if (choice === 'restart') {
        const restart = this.deps.localizer.commandWords(step.language).restart[0] ?? 'restart';
        reply = await sessions.reply({ sessionId: step.sessionId, key: null, text: restart, messageKey: `${messageKey}:restart`, variant: VOICE_VARIANT });
      }
      this.deps.logger.info({ session: step.sessionId, channel: 'voice', outcome: choice === 'resume' ? 'call_resumed' : 'call_restarted' }, 'voice');
      return this.afterTurn(call, { ...step, turn: step.turn + 1 }, reply);
    } catch (error) {
      return this.cannotContinue(step, error);
    }
  }

  /** The session cannot take answers (finished, generating, gone): say where it stands and hang up. */
  private async cannotContinue(step: CallStep, error: unknown): Promise<string> {
    if (error instanceof SessionStateError) {
      const view = await this.deps.sessions.view(step.sessionId, null, VOICE_VARIANT);
      return this.deps.speaker.end(step.language, view.messages, ['voice:goodbye']);
    }
    if (error instanceof SessionNotFoundError) return this.deps.speaker.end(step.language, [], ['voice:unavailable']);
    throw error;
  }

  /**
   * A confirmation's answer as "yes" / "no" when it starts with one ("yes, that's right"), a command as it is
   * ("back", "help"); null for anything else, which is asked again rather than taken as an answer.
   */
  private yesOrNo(language: string, text: string, digits: string | null): string | null {
    if (digits !== null) return digits === '1' || digits === '2' ? digits : null;
    const words = plainWords(text);
    const commands = this.deps.localizer.commandWords(language);
    const starts = (list: readonly string[]) => list.some((w) => words === plainWords(w) || words.startsWith(`${plainWords(w)} `));
    if (starts(commands.no)) return commands.no[0] ?? 'no';
    if (starts(commands.yes)) return commands.yes[0] ?? 'yes';
    const command = [commands.help, commands.back, commands.restart, commands.stop].some((list) => list.some((w) => plainWords(w) === words));
    return command ? text : null;
  }

  private offerWords(language: string, text: string): 'resume' | 'restart' | null {
    const commands = this.deps.localizer.commandWords(language);
    const words = plainWords(text);
    const is = (list: readonly string[]) => list.some((w) => plainWords(w) === words);
    if (is(commands.restart) || is(commands.no)) return 'restart';
    return this.yesOrNo(language, text, null) === (commands.yes[0] ?? 'yes') ? 'resume' : null;
  }

  private flowFor(botNumber: string | null): FlowRuntime {
    const id = (botNumber && this.deps.flowByNumber[botNumber]) || this.deps.defaultFlow;
    const flow = this.deps.flows.get(id);
    if (!flow) throw new Error(`flow "${id}" for ${botNumber ?? 'an unknown number'} is not loaded`);
    return flow;
  }
}
