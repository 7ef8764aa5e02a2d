import type { ServiceLogger } from '../../sessions/service-deps.js';
import type { MessageSender } from './message-sender.js';

/**
 * Console mode (no Twilio credentials): messages go to the log instead of Twilio, so a developer sees what
 * would be sent. The text is logged under `console_message` (the logger redacts `body` and `text`); the number
 * keeps only its last four digits.
 */
export function createConsoleSender(logger: ServiceLogger): MessageSender {
  let sent = 0;
  return {
    async send(request) {
      sent += 1;
      const content = request.content.kind === 'text' ? { console_message: request.content.body } : { template: request.content.contentSid };
      logger.info({ channel: request.channel, to: `…${request.to.slice(-4)}`, ...content }, 'outbound message (console mode, not sent)');
      return { sid: `console-${sent}`, status: 'sent' };
    },
  };
}
