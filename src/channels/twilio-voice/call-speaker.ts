import type { FlowRuntime } from '../../conversation/flow-runtime.js';
import type { OutgoingMessage } from '../../conversation/render-outputs.js';
import { withVariant, type Translate } from '../../conversation/translate.js';
import type { Localizer } from '../../i18n/create-i18n.js';
import { gatherUrl, type CallStep } from './call-step.js';
import type { AnswerMode } from './keypad.js';
import type { SpeechSettings } from './speech-settings.js';
import { goodbyeTwiml, questionTwiml, spokenLines } from './voice-twiml.js';

/** The variant of every message said on a call (`key_voice` in the locale files). */
export const VOICE_VARIANT = 'voice';

export interface CallSpeakerDeps {
  flows: ReadonlyMap<string, FlowRuntime>;
  localizer: Localizer;
  speech: (language: string) => SpeechSettings;
  /** PUBLIC_URL, or '' (relative URLs, console mode). */
  baseUrl: string;
}

/** Where a question is asked: the session, its flow and language, and the number of the answer it waits for. */
export type AskAt = Pick<CallStep, 'sessionId' | 'flowId' | 'language' | 'turn'>;

/** Turns what the bot says on a call into TwiML: questions inside a Gather, endings with a hang-up. */
export class CallSpeaker {
  constructor(private readonly deps: CallSpeakerDeps) {}

  /** The session language's translator, voice variants first. */
  translator(language: string): Translate {
    return withVariant(this.deps.localizer.translator(language), VOICE_VARIANT);
  }

  /**
   * Asks the question the messages end with. `before` is said first (e.g. "Sorry, I didn't hear anything").
   * Keypad and hints follow what is asked: a choice's number, a confirmation's 1 / 2, a date's eight digits.
   */
  ask(at: AskAt, messages: readonly OutgoingMessage[], nextStep: string | null, before: readonly string[] = [], silence = 0): string {
    const t = this.translator(at.language);
    const choices = messages.at(-1)?.choices ?? [];
    const mode = this.modeFor(at.flowId, nextStep, choices.length);
    const step: CallStep = { ...at, mode, offer: false, silence: 0 };
    const hints = mode === 'confirm' ? [t('common:choices.yes'), t('common:choices.no')] : choices.map((c) => c.label);
    return questionTwiml({
      speech: this.deps.speech(at.language),
      lines: [...before, ...spokenLines(messages, t)],
      action: gatherUrl(this.deps.baseUrl, step),
      onSilence: gatherUrl(this.deps.baseUrl, { ...step, silence: silence + 1 }),
      ...(choices.length > 0 && choices.length <= 9 ? { numDigits: 1 } : mode === 'date' ? { numDigits: 8 } : {}),
      hints,
    });
  }

  /** The offer to resume a session the caller left: 1 / "yes" continues, 2 / "start over" begins again. */
  offer(at: AskAt, before: readonly string[] = [], silence = 0): string {
    const t = this.translator(at.language);
    const step: CallStep = { ...at, mode: 'plain', offer: true, silence: 0 };
    const commands = this.deps.localizer.commandWords(at.language);
    return questionTwiml({
      speech: this.deps.speech(at.language),
      lines: [...before, t('voice:resume_offer')],
      action: gatherUrl(this.deps.baseUrl, step),
      onSilence: gatherUrl(this.deps.baseUrl, { ...step, silence: silence + 1 }),
      numDigits: 1,
      hints: [commands.yes[0], commands.restart[1] ?? commands.restart[0]].filter((h): h is string => typeof h === 'string'),
    });
  }

  /** Says the messages and these closing keys (from voice.json), then hangs up. */
  end(language: string, messages: readonly OutgoingMessage[], closing: readonly string[] = []): string {
    const t = this.translator(language);
    return goodbyeTwiml(this.deps.speech(language), [...spokenLines(messages, t), ...closing.map((key) => t(key))]);
  }

  /** One line of voice.json, said in the session's language. */
  line(language: string, key: string): string {
    return this.translator(language)(key);
  }

  private modeFor(flowId: string, nextStep: string | null, choices: number): AnswerMode {
    if (choices === 1) return 'confirm';
    if (choices > 1 || !nextStep) return 'plain';
    const type = this.deps.flows.get(flowId)?.step(nextStep)?.type;
    return type === 'date' || type === 'phone' ? type : 'plain';
  }
}
