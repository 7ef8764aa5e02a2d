import twilio from 'twilio';
import { SendFailure, twilioAddress, type MessageSender, type OutboundRequest, type SendResult } from './message-sender.js';

export interface TwilioSenderOptions {
  accountSid: string;
  authToken: string;
  /** Another HTTP client for the twilio library (tests point it at a local fake of the API). */
  httpClient?: twilio.RequestClient;
}

/** Sends through the twilio library's REST client; retries are the outbox worker's, so the client's own are off. */
export function createTwilioSender(options: TwilioSenderOptions): MessageSender {
  const client = twilio(options.accountSid, options.authToken, {
    autoRetry: false,
    ...(options.httpClient ? { httpClient: options.httpClient } : {}),
  });
  return {
    async send(request: OutboundRequest): Promise<SendResult> {
      const content =
        request.content.kind === 'text'
          ? { body: request.content.body }
          : { contentSid: request.content.contentSid, contentVariables: JSON.stringify(request.content.variables) };
      try {
        const message = await client.messages.create({
          to: twilioAddress(request.channel, request.to),
          from: twilioAddress(request.channel, request.from),
          ...content,
          ...(request.statusCallback ? { statusCallback: request.statusCallback } : {}),
        });
        return { sid: message.sid, status: message.status };
      } catch (error) {
        throw classify(error);
      }
    },
  };
}

/** Rate limits and Twilio's own failures are worth another try; other 4xx (bad number, unsubscribed) are not. */
function classify(error: unknown): SendFailure {
  if (error instanceof twilio.RestException) {
    const status = error.status;
    const retryable = status === 429 || status >= 500;
    return new SendFailure(`Twilio ${status}${error.code ? ` (${error.code})` : ''}: ${error.message}`, retryable, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SendFailure(`no answer from Twilio: ${message}`, true, { cause: error });
}
