import type { ServiceLogger } from '../../sessions/service-deps.js';
import type { MessageSender } from './message-sender.js';

/**
 * Console mode (no Twilio credentials): messages go to the log instead of Twilio, so a developer sees that one
 * would be sent: its length and kind, never its text (a name, a place, a profile), and the number's last four
 * digits only. `npm run chat` shows the texts themselves (they come back in the webhook's TwiML).
 */
export function createConsoleSender(logger: ServiceLogger): MessageSender {
  let sent = 0;
  return {
    async send(request) {
      sent += 1;
      const content = request.content.kind === 'text' ? { console_chars: [...request.content.body].length } : { template: request.content.contentSid };
      logger.info({ channel: request.channel, to: `…${request.to.slice(-4)}`, ...content }, 'outbound message (console mode, not sent)');
      return { sid: `console-${sent}`, status: 'sent' };
    },
  };
}
