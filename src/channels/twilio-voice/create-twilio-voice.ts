import type { Config } from '../../config.js';
import type { FlowRuntime } from '../../conversation/flow-runtime.js';
import type { Localizer } from '../../i18n/create-i18n.js';
import type { ServiceLogger } from '../../sessions/service-deps.js';
import type { SessionService } from '../../sessions/session-service.js';
import type { SessionStore } from '../../store/session-store.js';
import { CallSpeaker } from './call-speaker.js';
import { speechSettings } from './speech-settings.js';
import { VoiceService } from './voice-service.js';
import type { CallPhoneGate } from './voice-service-deps.js';

export interface TwilioVoiceDeps {
  config: Config;
  sessions: SessionService;
  store: SessionStore;
  flows: ReadonlyMap<string, FlowRuntime>;
  localizer: Localizer;
  logger: ServiceLogger;
  /** The outbox got rows (the messaging channel's worker sends them). */
  outboxWritten: () => void;
  /** Flows with audience `phone` (the practitioner number): opened for the caller id. */
  phoneFlows?: CallPhoneGate | undefined;
}

/** Builds the phone-call channel from configuration; signatures and the outbox are the messaging channel's. */
export function createTwilioVoice(deps: TwilioVoiceDeps): VoiceService {
  const { config } = deps;
  const speech = speechSettings({ languages: config.TWILIO_VOICE_LANGUAGES, voices: config.TWILIO_VOICE_VOICES });
  const speaker = new CallSpeaker({ flows: deps.flows, localizer: deps.localizer, speech, baseUrl: config.PUBLIC_URL ?? '' });
  return new VoiceService({
    sessions: deps.sessions,
    store: deps.store,
    flows: deps.flows,
    localizer: deps.localizer,
    speaker,
    speech,
    flowByNumber: config.TWILIO_FLOW_BY_NUMBER,
    defaultFlow: config.DEFAULT_FLOW,
    confirmBelow: config.VOICE_CONFIRM_BELOW,
    outboxWritten: deps.outboxWritten,
    logger: deps.logger,
    ...(deps.phoneFlows ? { phoneFlows: deps.phoneFlows } : {}),
  });
}
