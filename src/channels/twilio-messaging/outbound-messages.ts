import type { OutboundMessages } from '../../sessions/service-deps.js';
import { messageText } from './render-twiml.js';

/**
 * The sessions layer's hook for messages outside a reply: on SMS and WhatsApp sessions, one outbox row per
 * message, its text as the body and as the template's one variable ({{1}}) for outside the WhatsApp window.
 * Web sessions get none (the widget fetches the session).
 */
export function createOutboundMessages(written: () => void): OutboundMessages {
  return {
    rowsFor(session, kind, messages) {
      if ((session.channel !== 'sms' && session.channel !== 'whatsapp') || !session.phoneNumber) return [];
      return messages.map((message) => {
        const body = messageText(message);
        return { kind, body, variables: { '1': body } };
      });
    },
    written,
  };
}
