import { createHash } from 'node:crypto';
import type { TurnRequest } from './turn-paths.js';

/**
 * An SMS as Twilio posts it to the messaging webhook (src/routes/twilio-messaging-routes.ts): a form from the
 * sender's number to the bot's. The message sid is made from the load generator's message id, so a redelivery
 * would carry the same one.
 */
export function smsWebhookRequest(from: string, to: string, text: string, messageId: string): TurnRequest {
  return {
    method: 'POST',
    path: '/webhooks/twilio/messaging',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      MessageSid: `SM${createHash('md5').update(messageId).digest('hex')}`,
      From: from,
      To: to,
      Body: text,
      NumMedia: '0',
    }).toString(),
  };
}
