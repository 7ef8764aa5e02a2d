import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { OutgoingMessage } from '../../conversation/render-outputs.js';
import type { OutboundMessages } from '../../sessions/service-deps.js';
import type { OutboxWrite, SessionStore } from '../../store/session-store.js';
import { messageText } from '../twilio-messaging/render-twiml.js';

/**
 * Whether a caller's number can take an SMS, as far as the number tells: a mobile, or a number its country does
 * not tell apart from mobiles (US and Canada). The full metadata is needed for the number's type.
 */
export function canReceiveSms(phoneNumber: string | null): boolean {
  const type = phoneNumber ? parsePhoneNumberFromString(phoneNumber)?.getType() : undefined;
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}

/**
 * The sessions layer's hook for messages outside a reply, with phone calls added: a call's late profile goes to
 * the caller by SMS when the number can take one (the outbox turns a voice session's rows into SMS, from the
 * number that was called). Other channels are the messaging channel's.
 */
export function withVoiceOutbound(messaging: OutboundMessages): OutboundMessages {
  return {
    rowsFor(session, kind, messages) {
      if (session.channel !== 'voice') return messaging.rowsFor(session, kind, messages);
      if (!canReceiveSms(session.phoneNumber)) return [];
      return messages.map((message) => ({ kind, body: messageText(message) }));
    },
    written: () => messaging.written(),
  };
}

/**
 * Writes SMS for a call's session to the outbox (the summary at the end, "reply here to continue"), committed
 * like a turn that changes nothing else, under its own message key: a repeated webhook queues nothing twice.
 * True when rows were written (the worker should run).
 */
export async function queueSms(store: SessionStore, sessionId: string, messageKey: string, kind: string, messages: readonly OutgoingMessage[]): Promise<boolean> {
  const outbox: OutboxWrite[] = messages.map((message) => ({ kind, body: messageText(message) }));
  for (let attempt = 1; attempt <= 8; attempt++) {
    const loaded = await store.load(sessionId, messageKey);
    if (!loaded || loaded.duplicateReply !== undefined) return false;
    const { session } = loaded;
    const outcome = await store.commit({
      sessionId,
      expectedVersion: session.version,
      messageKey,
      reply: { queued: outbox.length },
      session: { status: session.status, currentStep: session.currentStep, collectedData: session.collectedData, snapshot: session.snapshot },
      events: outbox.map((row) => ({ kind: 'outbound', channel: 'sms', payload: { text: row.body } })),
      outbox,
    });
    if (outcome.outcome === 'conflict') continue;
    return outcome.outcome === 'committed';
  }
  return false;
}
