import type { FlowRuntime } from '../../conversation/flow-runtime.js';
import type { OutgoingMessage } from '../../conversation/render-outputs.js';
import type { Localizer } from '../../i18n/create-i18n.js';
import type { ServiceLogger } from '../../sessions/service-deps.js';
import type { SessionService } from '../../sessions/session-service.js';
import type { TurnReply } from '../../sessions/session-views.js';
import type { Channel, SessionStore } from '../../store/session-store.js';
import type { CallSpeaker } from './call-speaker.js';
import type { SpeechSettings } from './speech-settings.js';

export interface VoiceServiceDeps {
  sessions: SessionService;
  store: SessionStore;
  flows: ReadonlyMap<string, FlowRuntime>;
  localizer: Localizer;
  speaker: CallSpeaker;
  speech: (language: string) => SpeechSettings;
  /** The flow a call to each bot number starts (TWILIO_FLOW_BY_NUMBER); others start defaultFlow. */
  flowByNumber: Readonly<Record<string, string>>;
  defaultFlow: string;
  /** Speech below this confidence is read back for confirmation (VOICE_CONFIRM_BELOW). */
  confirmBelow: number;
  /** The outbox got rows: send them now. */
  outboxWritten: () => void;
  logger: ServiceLogger;
  /** Flows with audience `phone` (the practitioner number): the caller id opens the practitioner's onboarding. */
  phoneFlows?: CallPhoneGate;
}

/** Opens a phone flow for a caller (the provider vouches for the caller id), as the messaging channel's gate does. */
export interface CallPhoneGate {
  readonly flowId: string;
  openPhone(arrival: {
    phoneNumber: string;
    channel: 'voice';
    language: string;
    botNumber: string;
    messageKey: string;
    callSid: string;
    variant: string;
  }): Promise<
    | { kind: 'open'; sessionId: string; channel: Channel }
    | { kind: 'started'; reply: TurnReply }
    | { kind: 'all_set'; messages: OutgoingMessage[] }
  >;
}
