import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { MessagingService } from '../channels/twilio-messaging/messaging-service.js';
import { parseInbound } from '../channels/twilio-messaging/parse-inbound.js';
import { renderTwiml } from '../channels/twilio-messaging/render-twiml.js';
import type { SignatureCheck } from '../channels/twilio-messaging/verify-signature.js';
import { AppError, BadRequestError } from '../errors.js';
import { parseInput } from './parse-input.js';

export interface TwilioMessagingRoutesOptions {
  messaging: MessagingService;
  /** Null in console mode: signatures are not checked. */
  signatures: SignatureCheck | null;
}

const statusBody = z.object({
  MessageSid: z.string().regex(/^[A-Z]{2}[0-9a-fA-F]{32}$/),
  MessageStatus: z.string().regex(/^[a-z_]{1,30}$/),
  ErrorCode: z.string().max(20).optional(),
});

type Form = Record<string, string>;

/** Twilio's webhooks for SMS and WhatsApp. Routes only check the signature and translate; MessagingService decides. */
export const twilioMessagingRoutes: FastifyPluginAsync<TwilioMessagingRoutesOptions> = async (app, { messaging, signatures }) => {
  // Twilio posts forms; this parser is scoped to these routes, so the JSON API still refuses forms (415).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  // A bad or missing signature is refused before anything is read or written.
  app.addHook('preHandler', async (request: FastifyRequest) => {
    if (!signatures) return;
    const signature = request.headers['x-twilio-signature'];
    if (!signatures(request.url, typeof signature === 'string' ? signature : undefined, formOf(request.body))) {
      throw new AppError('invalid_signature', 'The request does not carry a valid Twilio signature.', 403);
    }
  });

  app.post('/webhooks/twilio/messaging', async (request, reply) => {
    const inbound = parseInbound(formOf(request.body));
    if (!inbound) throw new BadRequestError('invalid_request', 'Not an inbound message: MessageSid, From, To and Body or media are needed.');
    const messages = await messaging.receive(inbound);
    return reply.type('text/xml; charset=utf-8').send(renderTwiml(messages));
  });

  app.post('/webhooks/twilio/status', async (request, reply) => {
    const body = parseInput(statusBody, formOf(request.body), 'status callback');
    await messaging.recordStatus(body.MessageSid, body.MessageStatus, body.ErrorCode ?? null);
    return reply.code(204).send();
  });
};

function formOf(body: unknown): Form {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
