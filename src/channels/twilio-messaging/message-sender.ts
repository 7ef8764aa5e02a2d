import type { MessagingChannel } from '../../store/messaging-store.js';

/** One message to hand to Twilio: free-form text, or an approved template with its variables. */
export interface OutboundRequest {
  channel: MessagingChannel;
  /** E.164, without the whatsapp: prefix (the sender adds it for WhatsApp). */
  to: string;
  from: string;
  content: { kind: 'text'; body: string } | { kind: 'template'; contentSid: string; variables: Record<string, string> };
  /** Where Twilio reports delivery status; absent without a public URL. */
  statusCallback?: string;
}

/** Twilio's answer: the message sid and its first status (queued, accepted, ...). */
export interface SendResult {
  sid: string | null;
  status: string;
}

/** A failed send; `retryable` for rate limits (429), Twilio's 5xx and network errors. */
export class SendFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SendFailure';
  }
}

/** Hands messages to a provider (Twilio's REST API, or the log in console mode). */
export interface MessageSender {
  send(request: OutboundRequest): Promise<SendResult>;
}

/** Twilio's address form: `whatsapp:+1...` on WhatsApp, plain E.164 on SMS. */
export function twilioAddress(channel: MessagingChannel, number: string): string {
  return channel === 'whatsapp' ? `whatsapp:${number}` : number;
}
