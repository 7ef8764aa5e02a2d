import { isLoopbackHost, type Config } from '../config.js';
import { ConfigError } from '../errors.js';

/**
 * How the Twilio webhooks (SMS, WhatsApp, calls) are served:
 * - `signed`: with credentials; every request must carry a valid X-Twilio-Signature.
 * - `console`: TWILIO_CONSOLE=true without credentials, on a loopback HOST only; unsigned, for development.
 * - `off`: neither; the routes are not mounted (404), as a web-only deployment needs.
 */
export type TwilioWebhookMode = 'signed' | 'console' | 'off';

type ModeSettings = Pick<Config, 'TWILIO_ACCOUNT_SID' | 'TWILIO_AUTH_TOKEN' | 'TWILIO_CONSOLE' | 'HOST'>;

/**
 * The mode a configuration asks for. loadConfig already refuses console mode off loopback; this refuses it
 * again for a configuration built another way, so unsigned webhooks are never served on another interface.
 */
export function twilioWebhookMode(config: ModeSettings): TwilioWebhookMode {
  if (config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN) return 'signed';
  if (!config.TWILIO_CONSOLE) return 'off';
  if (!isLoopbackHost(config.HOST)) {
    throw new ConfigError(`Invalid configuration:\n  TWILIO_CONSOLE: console mode takes unsigned webhooks, so only on a loopback HOST, not ${config.HOST}`);
  }
  return 'console';
}

/** The mode in words, for the boot log. */
export function describeTwilioWebhookMode(mode: TwilioWebhookMode): string {
  switch (mode) {
    case 'signed':
      return 'Twilio webhooks signed (X-Twilio-Signature checked against PUBLIC_URL)';
    case 'console':
      return 'Twilio webhooks in console mode (TWILIO_CONSOLE=true): unsigned, loopback only, outbound messages written to the log';
    case 'off':
      return 'Twilio webhooks not mounted (no TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN; TWILIO_CONSOLE=true mounts them unsigned for development)';
  }
}
