import type twilio from 'twilio';
import type { Config } from '../../config.js';
import type { FlowRuntime } from '../../conversation/flow-runtime.js';
import { ConfigError } from '../../errors.js';
import { describeTwilioWebhookMode, twilioWebhookMode, type TwilioWebhookMode } from '../twilio-webhook-mode.js';
import type { Localizer } from '../../i18n/create-i18n.js';
import type { OutboundMessages, ServiceLogger } from '../../sessions/service-deps.js';
import type { SessionService } from '../../sessions/session-service.js';
import type { MessagingStore } from '../../store/messaging-store.js';
import type { SessionStore } from '../../store/session-store.js';
import { createConsoleSender } from './console-sender.js';
import { MessagingService } from './messaging-service.js';
import type { ResumeService } from '../../resume/resume-service.js';
import type { EmailSender } from '../../email/email-sender.js';
import { createOutboundMessages } from './outbound-messages.js';
import { OutboxWorker } from './outbox-worker.js';
import { createTwilioSender } from './twilio-sender.js';
import type { ImageStore } from '../../images/image-store.js';
import { twilioMediaFetcher } from './media-fetcher.js';
import { createSignatureCheck, type SignatureCheck } from './verify-signature.js';

export interface TwilioMessagingParts {
  /** Whether the webhooks are served, and signed (see twilio-webhook-mode.ts); outbound messages go to Twilio only when signed. */
  mode: TwilioWebhookMode;
  worker: OutboxWorker;
  /** The sessions layer's hook for messages outside a reply. */
  outbound: OutboundMessages;
  signatures: SignatureCheck | null;
  /** The inbound side, once the session service exists (it needs `outbound` first). */
  messagingService(sessions: SessionService, resume?: ResumeService): MessagingService;
}

export interface TwilioMessagingDeps {
  config: Config;
  store: SessionStore;
  messaging: MessagingStore;
  flows: ReadonlyMap<string, FlowRuntime>;
  localizer: Localizer;
  logger: ServiceLogger;
  clock: () => Date;
  /** Tests: the twilio library's HTTP client, pointed at a local fake API. */
  httpClient?: twilio.RequestClient;
  /** Tests: false to run the outbox worker only when they call runOnce(). */
  autoRun?: boolean;
  /** Where photo answers sent as media are stored. */
  images?: ImageStore;
  /** Tests: points Twilio's media URLs at a local fake. */
  mediaUrl?: (url: string) => string;
  /** Where email outbox messages go. */
  email?: EmailSender;
}

/** Fails the boot when TWILIO_FLOW_BY_NUMBER names a flow that is not loaded (before anything is opened). */
export function checkFlowByNumber(config: Pick<Config, 'TWILIO_FLOW_BY_NUMBER'>, flows: ReadonlyMap<string, FlowRuntime>): void {
  for (const [number, flow] of Object.entries(config.TWILIO_FLOW_BY_NUMBER)) {
    if (!flows.has(flow)) throw new ConfigError(`Invalid configuration:\n  TWILIO_FLOW_BY_NUMBER: ${number} names flow "${flow}", which is not loaded`);
  }
}

/**
 * Builds the SMS / WhatsApp channel from configuration: live with Twilio credentials; without them, outbound
 * messages go to the log, and the webhooks are served only in console mode (TWILIO_CONSOLE). Says the mode once.
 */
export function createTwilioMessaging(deps: TwilioMessagingDeps): TwilioMessagingParts {
  const { config, logger } = deps;
  const mode = twilioWebhookMode(config);
  const sender =
    config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN
      ? createTwilioSender({
          accountSid: config.TWILIO_ACCOUNT_SID,
          authToken: config.TWILIO_AUTH_TOKEN,
          ...(deps.httpClient ? { httpClient: deps.httpClient } : {}),
        })
      : createConsoleSender(logger);
  logger.info({ twilio_webhooks: mode }, describeTwilioWebhookMode(mode));
  const worker = new OutboxWorker({
    store: deps.messaging,
    sender,
    ...(deps.email ? { email: deps.email } : {}),
    clock: deps.clock,
    logger,
    templates: config.TWILIO_WHATSAPP_TEMPLATES,
    maxAttempts: config.TWILIO_OUTBOX_MAX_ATTEMPTS,
    retryBaseMs: config.TWILIO_OUTBOX_RETRY_BASE_MS,
    pollMs: config.TWILIO_OUTBOX_POLL_MS,
    ...(deps.autoRun === false ? { autoRun: false } : {}),
    ...(config.PUBLIC_URL ? { statusCallback: `${config.PUBLIC_URL}/webhooks/twilio/status` } : {}),
  });
  return {
    mode,
    worker,
    outbound: createOutboundMessages(() => worker.kick()),
    signatures: createSignatureCheck(config.TWILIO_AUTH_TOKEN, config.PUBLIC_URL),
    messagingService: (sessions, resume) =>
      new MessagingService({
        sessions,
        ...(resume ? { resume } : {}),
        store: deps.store,
        messaging: deps.messaging,
        flows: deps.flows,
        localizer: deps.localizer,
        flowByNumber: config.TWILIO_FLOW_BY_NUMBER,
        defaultFlow: config.DEFAULT_FLOW,
        logger,
        // Twilio serves media only with the account's credentials: photos are taken in signed mode.
        ...(deps.images && config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN
          ? {
              photos: {
                store: deps.images,
                maxBytes: config.IMAGE_MAX_BYTES,
                fetchMedia: twilioMediaFetcher(config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN, deps.mediaUrl),
              },
            }
          : {}),
      }),
  };
}
