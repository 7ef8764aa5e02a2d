import type { ClaimedOutboxMessage, MessagingChannel } from '../../store/messaging-store.js';

/** WhatsApp lets a business write freely for 24 hours after the person's last message; after that, templates only. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

/** How an outbox message may go out now. */
export type DeliveryChoice =
  | { kind: 'text'; body: string }
  | { kind: 'template'; contentSid: string; variables: Record<string, string> }
  | { kind: 'none'; reason: string };

/**
 * SMS: always the text. WhatsApp: the text inside the 24-hour window (from the session's last inbound message);
 * outside it, the approved template configured for the message's kind (ContentSid + the row's variables), or nothing.
 */
export function chooseDelivery(message: ClaimedOutboxMessage & { channel: MessagingChannel }, now: Date, templates: Readonly<Record<string, string>>): DeliveryChoice {
  if (message.channel === 'sms') return { kind: 'text', body: message.body };
  const last = message.lastInboundAt;
  if (last && now.getTime() - last.getTime() < WHATSAPP_WINDOW_MS) return { kind: 'text', body: message.body };
  const contentSid = templates[message.kind];
  if (contentSid) return { kind: 'template', contentSid, variables: message.variables };
  return { kind: 'none', reason: `outside the WhatsApp 24-hour window and no template for "${message.kind}"` };
}
