import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { MessagingService } from '../channels/twilio-messaging/messaging-service.js';
import { parseInbound } from '../channels/twilio-messaging/parse-inbound.js';
import { renderTwiml } from '../channels/twilio-messaging/render-twiml.js';
import type { SignatureCheck } from '../channels/twilio-messaging/verify-signature.js';
import { BadRequestError } from '../errors.js';
import { parseInput } from './parse-input.js';
import { limitBy, senderOf, type RateLimits } from './rate-limits.js';
import { formOf, guardTwilioWebhooks, webhookSchema } from './twilio-webhook-guard.js';

export interface TwilioMessagingRoutesOptions {
  messaging: MessagingService;
  /** Null in console mode: signatures are not checked. */
  signatures: SignatureCheck | null;
  limits?: RateLimits | null;
}

const statusBody = z.object({
  MessageSid: z.string().regex(/^[A-Z]{2}[0-9a-fA-F]{32}$/),
  MessageStatus: z.string().regex(/^[a-z_]{1,30}$/),
  ErrorCode: z.string().max(20).optional(),
});

/** Twilio's webhooks for SMS and WhatsApp. Routes only check the signature and translate; MessagingService decides. */
export const twilioMessagingRoutes: FastifyPluginAsync<TwilioMessagingRoutesOptions> = async (app, { messaging, signatures, limits = null }) => {
  guardTwilioWebhooks(app, signatures);

  const inboundSchema = webhookSchema('Inbound SMS or WhatsApp message', 'Answers TwiML: the bot\'s reply as <Message> elements. STOP / START / HELP keywords are handled here.');
  app.post('/webhooks/twilio/messaging', { ...inboundSchema, ...limitBy(limits, (l) => l.inboundPerMinute, senderOf, true) }, async (request, reply) => {
    const inbound = parseInbound(formOf(request.body));
    if (!inbound) throw new BadRequestError('INVALID_REQUEST', 'Not an inbound message: MessageSid, From, To and Body or media are needed.');
    const messages = await messaging.receive(inbound);
    return reply.type('text/xml; charset=utf-8').send(renderTwiml(messages));
  });

  const statusSchema = webhookSchema('Delivery status of an outbound message', 'Applied only if it moves the message forward; 204.', {
    body: statusBody.loose(),
  });
  app.post('/webhooks/twilio/status', statusSchema, async (request, reply) => {
    const body = parseInput(statusBody, formOf(request.body), 'status callback');
    await messaging.recordStatus(body.MessageSid, body.MessageStatus, body.ErrorCode ?? null);
    return reply.code(204).send();
  });
};

